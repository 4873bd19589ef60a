from django.urls import path

from territoria.projects import views, views_dashboard

app_name = "projects"
prefix = "t/<slug:territory_slug>/projects/"
project = prefix + "<int:pk>/"
urlpatterns = [
    path(prefix, views.project_list, name="project-list"),
    path(prefix + "projects.<str:fmt>", views.project_export, name="project-export"),
    path(prefix + "new/", views.project_create, name="project-create"),
    path(prefix + "dashboard/", views_dashboard.dashboard, name="dashboard"),
    path(prefix + "dashboard/portfolio.<str:fmt>", views_dashboard.dashboard_export,
         name="dashboard-export"),
    path(prefix + "dashboard/pdf/", views_dashboard.dashboard_pdf_request,
         name="dashboard-pdf-request"),
    path(prefix + "dashboard/pdf/<int:report_id>/", views_dashboard.dashboard_pdf,
         name="dashboard-pdf"),
    path(project, views.project_detail, name="project-detail"),
    path(project + "edit/", views.project_edit, name="project-edit"),
    path(project + "stage/", views.project_stage, name="project-stage"),
]
