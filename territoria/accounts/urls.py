from django.urls import path

from territoria.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("t/<slug:territory_slug>/join/", views.territory_join, name="territory-join"),
    path("t/<slug:territory_slug>/members/", views.member_list, name="member-list"),
]
