from django.urls import path

from territoria.indicators import views

app_name = "indicators"
urlpatterns = [
    path("t/<slug:territory_slug>/indicators/", views.indicator_list, name="indicator-list"),
    path("t/<slug:territory_slug>/indicators/imports/", views.import_list, name="import-list"),
    path("t/<slug:territory_slug>/indicators/imports/new/", views.import_create,
         name="import-create"),
    path("t/<slug:territory_slug>/indicators/imports/<int:import_id>/", views.import_detail,
         name="import-detail"),
    path("t/<slug:territory_slug>/indicators/imports/<int:import_id>/apply/",
         views.import_apply, name="import-apply"),
    path("t/<slug:territory_slug>/indicators/imports/<int:import_id>/undo/",
         views.import_undo, name="import-undo"),
    path("t/<slug:territory_slug>/indicators/<slug:code>/", views.indicator_detail,
         name="indicator-detail"),
]
