from django.urls import path

from territoria.actors import views

app_name = "actors"
prefix = "t/<slug:territory_slug>/actors/"
urlpatterns = [
    path(prefix, views.actor_list, name="actor-list"),
    path(prefix + "new/", views.actor_edit, name="actor-create"),
    path(prefix + "<int:actor_id>/", views.actor_detail, name="actor-detail"),
    path(prefix + "<int:actor_id>/edit/", views.actor_edit, name="actor-edit"),
]
