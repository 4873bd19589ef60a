from django.urls import path

from territoria.geo import views

app_name = "geo"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("referential/", views.referential_upload, name="referential-upload"),
]
