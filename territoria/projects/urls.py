from django.urls import path

from territoria.projects import views

app_name = "projects"
prefix = "t/<slug:territory_slug>/projects/"
project = prefix + "<int:pk>/"
urlpatterns = [
    path(project, views.project_detail, name="project-detail"),
]
