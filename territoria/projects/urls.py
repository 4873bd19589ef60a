from django.urls import path

from territoria.projects import views, views_dashboard

app_name = "projects"
prefix = "t/<slug:territory_slug>/projects/"
project = prefix + "<int:pk>/"
urlpatterns = [
    path(project, views.project_detail, name="project-detail"),
    path(prefix + "dashboard/", views_dashboard.dashboard, name="dashboard"),
    path(prefix + "dashboard/portfolio.<str:fmt>", views_dashboard.dashboard_export,
         name="dashboard-export"),
    path(prefix + "dashboard/pdf/", views_dashboard.dashboard_pdf_request,
         name="dashboard-pdf-request"),
    path(prefix + "dashboard/pdf/<int:report_id>/", views_dashboard.dashboard_pdf,
         name="dashboard-pdf"),
]
