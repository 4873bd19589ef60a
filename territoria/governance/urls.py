from django.urls import path

from territoria.governance import views

app_name = "governance"
prefix = "t/<slug:territory_slug>/governance/"
urlpatterns = [
    path(prefix, views.home, name="home"),
    path(prefix + "meetings.ics", views.meetings_ical, name="meetings-ical"),
    path(prefix + "bodies/new/", views.body_create, name="body-create"),
    path(prefix + "bodies/<int:body_id>/", views.body_detail, name="body-detail"),
    path(prefix + "bodies/<int:body_id>/decisions/new/", views.decision_create,
         name="decision-create"),
    path(prefix + "meetings/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path(prefix + "decisions/", views.decision_log, name="decision-log"),
    path(prefix + "decisions/<int:decision_id>/", views.decision_detail,
         name="decision-detail"),
    path(prefix + "decisions/<int:decision_id>/edit/", views.decision_edit,
         name="decision-edit"),
    path(prefix + "decisions/<int:decision_id>/publish/", views.decision_publish,
         name="decision-publish"),
    path("t/<slug:territory_slug>/projects/<int:pk>/decisions/", views.project_decisions,
         name="project-decisions"),
]
