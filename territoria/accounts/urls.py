from django.urls import path

from territoria.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/export/", views.account_export, name="account-export"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("t/<slug:territory_slug>/join/", views.territory_join, name="territory-join"),
    path("t/<slug:territory_slug>/members/", views.member_list, name="member-list"),
    path("t/<slug:territory_slug>/members/invite/", views.invitation_create,
         name="invitation-create"),
    path("t/<slug:territory_slug>/members/<int:membership_id>/", views.member_update,
         name="member-update"),
    path("t/<slug:territory_slug>/members/<int:membership_id>/verify/", views.member_verify,
         name="member-verify"),
    path("t/<slug:territory_slug>/members/census/", views.census_upload, name="census-upload"),
    path("t/<slug:territory_slug>/members/<int:membership_id>/remove/", views.member_remove,
         name="member-remove"),
    path("t/<slug:territory_slug>/members/invitations/<int:invitation_id>/revoke/",
         views.invitation_revoke, name="invitation-revoke"),
]
