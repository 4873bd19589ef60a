from django.urls import path

from territoria.comments import views

app_name = "comments"
prefix = "t/<slug:territory_slug>/comments/"
urlpatterns = [
    path(prefix + "<slug:key>/<int:object_id>/", views.thread, name="thread"),
    path(prefix + "<slug:key>/<int:object_id>/new/", views.comment_create,
         name="comment-create"),
    path(prefix + "<int:comment_id>/edit/", views.comment_update, name="comment-update"),
    path(prefix + "<int:comment_id>/delete/", views.comment_delete, name="comment-delete"),
    path(prefix + "<int:comment_id>/history/", views.comment_history,
         name="comment-history"),
]
