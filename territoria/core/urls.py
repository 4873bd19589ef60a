from django.urls import path

from territoria.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("t/<slug:territory_slug>/", views.territory_home, name="territory-home"),
    path("t/<slug:territory_slug>/perimeter/", views.territory_perimeter,
         name="territory-perimeter"),
    path("t/<slug:territory_slug>/settings/", views.territory_settings,
         name="territory-settings"),
    path("t/<slug:territory_slug>/history/", views.territory_history_view,
         name="territory-history"),
]
