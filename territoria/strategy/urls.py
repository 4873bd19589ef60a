from django.urls import path

from territoria.strategy import views

app_name = "strategy"
prefix = "t/<slug:territory_slug>/strategy/"
orientation = prefix + "orientations/<int:orientation_id>/"
ambition = prefix + "ambitions/<int:ambition_id>/"
urlpatterns = [
    path(prefix, views.strategy, name="strategy"),
    path(prefix + "strategy.csv", views.strategy_export, name="strategy-export"),
    path(prefix + "orientations/new/", views.orientation_create, name="orientation-create"),
    path(orientation, views.orientation_detail, name="orientation-detail"),
    path(orientation + "edit/", views.orientation_edit, name="orientation-edit"),
    path(orientation + "submit/", views.orientation_submit, name="orientation-submit"),
    path(orientation + "withdraw/", views.orientation_withdraw, name="orientation-withdraw"),
    path(orientation + "adopt/", views.orientation_adopt, name="orientation-adopt"),
    path(orientation + "revise/", views.orientation_revise, name="orientation-revise"),
    path(orientation + "versions/", views.orientation_versions, name="orientation-versions"),
    path(orientation + "ambitions/new/", views.ambition_create, name="ambition-create"),
    path(ambition + "edit/", views.ambition_edit, name="ambition-edit"),
    path(ambition + "delete/", views.ambition_delete, name="ambition-delete"),
    path(prefix + "indicator-facts/", views.indicator_facts, name="indicator-facts"),
    path(prefix + "effects/", views.effects, name="effects"),
    path(prefix + "balance/", views.balance, name="balance"),
    path(prefix + "priorities/vote/", views.priorities_vote, name="priorities-vote"),
]
