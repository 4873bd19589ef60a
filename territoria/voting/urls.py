from django.urls import path

from territoria.voting import views

app_name = "voting"
prefix = "t/<slug:territory_slug>/votes/"
one = prefix + "<int:vote_id>/"
urlpatterns = [
    path(prefix, views.vote_list, name="vote-list"),
    path(prefix + "new/", views.vote_create, name="vote-create"),
    path(one, views.vote_detail, name="vote-detail"),
    path(one + "edit/", views.vote_update, name="vote-update"),
    path(one + "open/", views.vote_open, name="vote-open"),
    path(one + "close/", views.vote_close, name="vote-close"),
    path(one + "ballot/", views.ballot_cast, name="ballot-cast"),
    path(one + "results/", views.vote_results, name="vote-results"),
]
