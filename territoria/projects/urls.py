from django.urls import path

from territoria.projects import views, views_funding, views_planning, views_reporting

app_name = "projects"
prefix = "t/<slug:territory_slug>/projects/"
project = prefix + "<int:pk>/"
urlpatterns = [
    path(prefix, views.project_list, name="project-list"),
    path(prefix + "projects.<str:fmt>", views.project_export, name="project-export"),
    path(prefix + "new/", views.project_create, name="project-create"),
    path(prefix + "timeline/", views_planning.timeline, name="timeline"),
    path(prefix + "funding/", views_funding.funding, name="funding"),
    path("t/<slug:territory_slug>/reporting/", views_reporting.campaigns, name="campaigns"),
    path("t/<slug:territory_slug>/reporting/<int:campaign_id>/",
         views_reporting.campaign_detail, name="campaign-detail"),
    path("t/<slug:territory_slug>/reporting/<int:campaign_id>/projects/<int:pk>/",
         views_reporting.report_form, name="report-form"),
    path(project, views.project_detail, name="project-detail"),
    path(project + "edit/", views.project_edit, name="project-edit"),
    path(project + "stage/", views.project_stage, name="project-stage"),
    path(project + "planning/", views_planning.planning, name="planning"),
    path(project + "planning/plan.csv", views_planning.planning_export,
         name="planning-export"),
    path(project + "planning/tasks/new/", views_planning.task_add, name="task-add"),
    path(project + "planning/tasks/<int:task_id>/", views_planning.task_edit,
         name="task-edit"),
    path(project + "planning/dependencies/new/", views_planning.dependency_add,
         name="dependency-add"),
    path(project + "planning/dependencies/<int:dependency_id>/remove/",
         views_planning.dependency_remove, name="dependency-remove"),
    path(project + "planning/start/", views_planning.plan_start, name="plan-start"),
    path(project + "planning/baseline/", views_planning.baseline, name="baseline"),
    path(project + "budget/", views_funding.budget, name="budget"),
    path(project + "budget/<str:part>/new/", views_funding.budget_add, name="budget-add"),
    path(project + "budget/<str:part>/<int:item_id>/remove/", views_funding.budget_remove,
         name="budget-remove"),
    path(project + "budget/applications/<int:item_id>/", views_funding.application_edit,
         name="application-edit"),
    path(project + "risks/", views_funding.risks, name="risks"),
    path(project + "framing/", views_reporting.framing, name="framing"),
    path(project + "framing/<int:framing_id>/letter/", views_reporting.letter, name="letter"),
    path(project + "framing/<int:framing_id>/letter.pdf", views_reporting.letter_pdf,
         name="letter-pdf"),
    path(project + "reports/", views_reporting.reports, name="reports"),
    path(project + "risks/<int:item_id>/", views_funding.risk_edit, name="risk-edit"),
]
