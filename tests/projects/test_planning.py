from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from territoria.core.agenda import agenda_items
from territoria.projects import services_planning as services
from territoria.projects.models import Dependency, Task
from territoria.projects.selectors_planning import (
    portfolio_schedule_summary,
    upcoming_milestones,
)
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def planned(project, start):
    services.plan_get_or_create(project=project)
    return services.plan_update(actor=None, project=project, start=start)


def test_tasks_are_scheduled_after_their_predecessors_and_the_critical_path_is_stored():
    project = ProjectFactory()
    planned(project, date(2027, 1, 4))
    study = services.task_create(actor=None, project=project, title="Study", duration=10)
    permit = services.task_create(actor=None, project=project, title="Permit", duration=3)
    works = services.task_create(actor=None, project=project, title="Works", duration=20,
                                 after=[study, permit])
    opening = services.task_create(actor=None, project=project, title="Opening",
                                   kind="milestone", after=[works])
    tasks = {t.title: t for t in Task.objects.filter(project=project)}
    assert tasks["Works"].start == date(2027, 1, 14)
    assert tasks["Works"].finish == date(2027, 2, 2)
    assert tasks["Opening"].start == tasks["Opening"].finish == date(2027, 2, 3)
    assert [t.title for t in Task.objects.filter(project=project, is_critical=True)
            .order_by("start")] == ["Study", "Works", "Opening"]
    assert tasks["Permit"].float_days == 7
    assert works.pk and opening.pk


def test_a_dependency_closing_a_loop_is_refused_naming_the_tasks_and_nothing_is_written():
    project = ProjectFactory()
    a = services.task_create(actor=None, project=project, title="Survey", duration=2)
    b = services.task_create(actor=None, project=project, title="Design", duration=2, after=[a])
    c = services.task_create(actor=None, project=project, title="Tender", duration=2, after=[b])
    with pytest.raises(ValidationError) as error:
        services.dependency_add(actor=None, before=c, after=a)
    message = " ".join(error.value.messages)
    assert "Survey" in message and "Design" in message and "Tender" in message
    assert Dependency.objects.count() == 2


def test_a_task_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as error:
        services.duration_between(date(2027, 3, 10), date(2027, 3, 1))
    assert "ends_on" in error.value.message_dict


def test_slippage_is_measured_against_the_baseline_and_feeds_the_portfolio():
    project = ProjectFactory()
    today = timezone.localdate()
    planned(project, today - timedelta(days=30))
    task = services.task_create(actor=None, project=project, title="Works", duration=20)
    services.baseline_set(actor=None, project=project)
    services.task_update(actor=None, task=task, title="Works", kind="task", duration=45,
                         not_before=None, owner="", progress=40, done=False)
    summary = portfolio_schedule_summary(territory=project.territory, today=today)[project.pk]
    assert summary.slippage_days == 25 and summary.late_tasks == 0
    items = agenda_items(project.territory, today=today)
    assert [item.source for item in items] == ["projects.late"]
    assert "25" in items[0].reason


def test_late_tasks_and_missed_milestones_are_listed():
    project = ProjectFactory()
    today = timezone.localdate()
    planned(project, today - timedelta(days=20))
    services.task_create(actor=None, project=project, title="Survey", duration=5)
    services.task_create(actor=None, project=project, title="Kick-off", kind="milestone")
    summary = portfolio_schedule_summary(territory=project.territory, today=today)[project.pk]
    assert summary.late_tasks == 1  # the survey; a milestone missed is not a task late
    missed = upcoming_milestones(territory=project.territory, today=today)
    assert [(m[2], m[4]) for m in missed] == [("Kick-off", True)]


def test_the_planning_page_is_public_and_the_forms_are_for_those_who_manage(client):
    project = ProjectFactory()
    services.task_create(actor=None, project=project, title="Survey", duration=5)
    url = f"/t/{project.territory.slug}/projects/{project.pk}/planning/"
    page = client.get(url).content.decode()
    assert "Survey" in page and "<svg" in page and "<caption>" in page
    assert "Add to the plan" not in page and "Ajouter au plan" not in page
    assert client.post(url + "tasks/new/", {"task-title": "x"}).status_code == 302  # login
    other = TerritoryFactory()
    assert client.get(f"/t/{other.slug}/projects/{project.pk}/planning/").status_code == 404


def test_the_lead_adds_tasks_and_a_loop_is_refused_with_a_message(client):
    territory = TerritoryFactory()
    lead = MembershipFactory(territory=territory, role="project_lead").user
    project = ProjectFactory(territory=territory, lead=lead)
    client.force_login(lead)
    url = f"/t/{territory.slug}/projects/{project.pk}/planning/"
    client.post(url + "tasks/new/", {"task-title": "Survey", "task-kind": "task",
                                     "task-duration": "5"})
    survey = Task.objects.get(title="Survey")
    client.post(url + "tasks/new/", {"task-title": "Design", "task-kind": "task",
                                     "task-duration": "3", "task-after": [survey.pk]})
    design = Task.objects.get(title="Design")
    response = client.post(url + "dependencies/new/", {
        "dep-before": design.pk, "dep-after": survey.pk, "dep-lag": "0"})
    assert response.status_code == 200
    assert "Survey" in str(response.context["dependency_form"].errors)
    assert Dependency.objects.count() == 1
    bad = client.post(url + "tasks/new/", {
        "task-title": "Works", "task-kind": "task", "task-not_before": "2027-03-10",
        "task-ends_on": "2027-03-01"})
    assert bad.status_code == 200 and "ends_on" in bad.context["task_form"].errors
    assert not Task.objects.filter(title="Works").exists()


def test_the_portfolio_timeline_lists_projects_with_a_plan(client):
    project = ProjectFactory(title="Repair café")
    ProjectFactory(territory=project.territory, title="No plan")
    services.task_create(actor=None, project=project, title="Survey", duration=5)
    page = client.get(f"/t/{project.territory.slug}/projects/timeline/").content.decode()
    assert "Repair café" in page and "No plan" not in page
