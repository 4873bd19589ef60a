"""Reads of plans: a project's schedule, and the portfolio's (late tasks, milestones,
slippage) in a constant number of queries whatever the number of projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Min, Q

from territoria.projects.models import Dependency, Plan, Task


@dataclass(frozen=True, slots=True)
class ScheduleSummary:
    task_count: int
    done_count: int
    late_tasks: int  # not done, and their last day is past
    next_milestone_title: str | None
    next_milestone_date: date | None
    start: date | None
    finish: date | None
    baseline_finish: date | None
    slippage_days: int | None  # planned finish − baseline finish


def project_tasks(*, project):
    return Task.objects.filter(project=project).order_by("start", "pk")


def project_dependencies(*, project):
    return (Dependency.objects.filter(before__project=project)
            .select_related("before", "after").order_by("after__start", "pk"))


def project_plan(*, project) -> Plan | None:
    return Plan.objects.filter(project=project).first()


def portfolio_schedule_summary(*, territory, project_ids=None, today: date
                               ) -> dict[int, ScheduleSummary]:
    """Each project's plan in a few figures, for every project of ``territory`` that has
    tasks (or only ``project_ids``): two queries."""
    tasks = Task.objects.filter(project__territory=territory)
    if project_ids is not None:
        tasks = tasks.filter(project_id__in=project_ids)
    figures = (tasks.order_by().values("project_id").annotate(
        n_tasks=Count("pk"), n_done=Count("pk", filter=Q(done=True)),
        n_late=Count("pk", filter=Q(done=False, finish__lt=today, kind=Task.Kind.TASK)),
        first_day=Min("start"), last_day=Max("finish"),
        baseline_last=Max("baseline_finish")))
    upcoming = {}
    for project_id, title, when in (
            tasks.filter(kind=Task.Kind.MILESTONE, done=False, start__gte=today)
            .order_by("project_id", "start", "pk").values_list("project_id", "title", "start")):
        upcoming.setdefault(project_id, (title, when))
    summaries = {}
    for row in figures:
        title, when = upcoming.get(row["project_id"], (None, None))
        last, baseline = row["last_day"], row["baseline_last"]
        summaries[row["project_id"]] = ScheduleSummary(
            task_count=row["n_tasks"], done_count=row["n_done"], late_tasks=row["n_late"],
            next_milestone_title=title, next_milestone_date=when, start=row["first_day"],
            finish=last, baseline_finish=baseline,
            slippage_days=(last - baseline).days if last and baseline else None)
    return summaries


def upcoming_milestones(*, territory, project_ids=None, today: date, days: int = 60,
                        limit: int = 20) -> list[tuple[int, str, str, date, bool]]:
    """Milestones not reached, missed ones first then those of the next ``days`` days:
    (project id, project title, milestone, date, missed)."""
    milestones = Task.objects.filter(project__territory=territory, kind=Task.Kind.MILESTONE,
                                     done=False, start__lte=today + timedelta(days=days))
    if project_ids is not None:
        milestones = milestones.filter(project_id__in=project_ids)
    return [(project_id, project_title, title, when, when < today)
            for project_id, project_title, title, when in
            milestones.order_by("start", "pk")
            .values_list("project_id", "project__title", "title", "start")[:limit]]


def late_projects(*, territory, today: date) -> list[tuple[int, str, int, int | None]]:
    """Projects with late tasks or a finish past their baseline: (id, title, late tasks,
    slippage days)."""
    found = []
    for project_id, summary in portfolio_schedule_summary(territory=territory,
                                                          today=today).items():
        if summary.late_tasks or (summary.slippage_days or 0) > 0:
            found.append((project_id, summary))
    from territoria.projects.models import Project

    titles = dict(Project.objects.filter(pk__in=[pk for pk, _ in found])
                  .values_list("pk", "title"))
    return [(pk, titles[pk], s.late_tasks, s.slippage_days) for pk, s in found]
