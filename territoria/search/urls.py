from django.urls import path

from territoria.search import views

app_name = "search"
urlpatterns = [
    path("t/<slug:territory_slug>/search/", views.search_page, name="search"),
]
