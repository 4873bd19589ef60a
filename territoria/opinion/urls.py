from django.urls import path

from territoria.opinion import views

app_name = "opinion"
prefix = "t/<slug:territory_slug>/opinion/"
one = prefix + "<int:conversation_id>/"
urlpatterns = [
    path(prefix, views.conversation_list, name="conversation-list"),
    path(prefix + "new/", views.conversation_create, name="conversation-create"),
    path(prefix + "import/", views.conversation_import, name="conversation-import"),
    path(one, views.conversation_detail, name="conversation-detail"),
    path(one + "vote/", views.vote_cast, name="vote-cast"),
    path(one + "statements/", views.statement_submit, name="statement-submit"),
    path(one + "results/", views.conversation_results, name="conversation-results"),
    path(one + "edit/", views.conversation_update, name="conversation-update"),
    path(one + "close/", views.conversation_close, name="conversation-close"),
    path(one + "moderation/", views.statement_list, name="statement-list"),
    path(one + "statements/<int:statement_id>/moderate/", views.statement_moderate,
         name="statement-moderate"),
    path(one + "statements/<int:statement_id>/proposal/", views.statement_to_proposal,
         name="statement-proposal"),
    path(one + "statements/<int:statement_id>/diagnostic/", views.statement_to_diagnostic,
         name="statement-diagnostic"),
    path(one + "recompute/", views.result_recompute, name="result-recompute"),
    path(one + "export/", views.conversation_export, name="conversation-export"),
]
