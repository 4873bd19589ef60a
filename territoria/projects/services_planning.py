"""Writes of a project's plan: tasks, milestones, dependencies, the schedule, the baseline.

Every change that moves dates recomputes the schedule (``plan_recompute``) in the same
transaction, so that pages and the portfolio read stored dates."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.projects.domain.schedule import CycleError, Link, TaskSpec, schedule
from territoria.projects.models import Dependency, Plan, Project, Task

MAX_DURATION = 3650  # days: ten years for one task is a typing error


def plan_get_or_create(*, project: Project) -> Plan:
    plan, _created = Plan.objects.get_or_create(
        project=project, defaults={"start": timezone.localdate()})
    return plan


def _specs(project: Project, plan: Plan, extra_links=()) -> tuple[dict, list, list]:
    tasks = {task.pk: task for task in Task.objects.filter(project=project)}
    specs = [TaskSpec(pk, 0 if task.is_milestone else task.duration,
                      (task.not_before - plan.start).days if task.not_before else None)
             for pk, task in tasks.items()]
    links = [Link(before, after, lag) for before, after, lag in
             Dependency.objects.filter(before__project=project)
             .values_list("before_id", "after_id", "lag")]
    return tasks, specs, links + list(extra_links)


def _cycle_message(tasks: dict, cycle: list) -> str:
    return _("These tasks depend on each other in a loop: %(loop)s. Remove one of these "
             "dependencies.") % {"loop": " → ".join(tasks[pk].title if pk in tasks else "?"
                                                     for pk in cycle)}


@transaction.atomic
def plan_recompute(*, project: Project) -> Plan:
    """Schedule the project's tasks (critical path method, ``domain.schedule``) and store
    each task's earliest dates, float and whether it is critical."""
    plan = plan_get_or_create(project=project)
    tasks, specs, links = _specs(project, plan)
    try:
        result = schedule(specs, links)
    except CycleError as error:  # never stored: dependency_add refuses cycles
        raise ValidationError(_cycle_message(tasks, error.cycle)) from error
    changed = []
    for pk, task in tasks.items():
        timing = result.timings[pk]
        start = plan.start + timedelta(days=timing.early_start)
        last_day = timing.early_finish - (0 if task.is_milestone else 1)
        finish = plan.start + timedelta(days=max(last_day, timing.early_start))
        values = (start, finish, timing.float, timing.critical)
        if values != (task.start, task.finish, task.float_days, task.is_critical):
            task.start, task.finish, task.float_days, task.is_critical = values
            changed.append(task)
    # Only what moved is written: adding a task to a big plan rewrites a few rows, not all.
    Task.objects.bulk_update(changed, ["start", "finish", "float_days", "is_critical"],
                             batch_size=500)
    plan.finish = max((task.finish for task in tasks.values()), default=None)
    plan.save(update_fields=["finish"])
    return plan


def duration_between(start: date, ends_on: date) -> int:
    """The duration of a task from its first to its last day; refused when it ends before it
    starts."""
    if ends_on < start:
        raise ValidationError({"ends_on": _("The task ends (%(end)s) before it starts "
                                            "(%(start)s).") % {"end": ends_on.isoformat(),
                                                              "start": start.isoformat()}})
    return (ends_on - start).days + 1


def _clean_task(*, title: str, kind: str, duration: int | None, progress: int | None) -> dict:
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the task a title.")
    if kind not in Task.Kind.values:
        errors["kind"] = _("Choose a task or a milestone.")
    duration = 0 if kind == Task.Kind.MILESTONE else duration
    if duration is None or duration < 0 or duration > MAX_DURATION:
        errors["duration"] = _("A duration is a number of days between 0 and %(max)s.") % {
            "max": MAX_DURATION}
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    return {"title": title, "kind": kind, "duration": duration}


@transaction.atomic
def task_create(*, actor, project: Project, title: str, kind: str = Task.Kind.TASK,
                duration: int = 1, not_before: date | None = None, owner: str = "",
                after: list[Task] = ()) -> Task:
    """Add a task or a milestone to the plan, optionally after other tasks (finish-to-
    start); the schedule is recomputed."""
    fields = _clean_task(title=title, kind=kind, duration=duration, progress=None)
    plan_get_or_create(project=project)
    task = Task.objects.create(project=project, not_before=not_before,
                               owner=(owner or "").strip(), **fields)
    for before in after:
        if before.project_id != project.pk:
            raise ValidationError({"after": _("These tasks are not all of this project.")})
        Dependency.objects.create(before=before, after=task)
    plan_recompute(project=project)
    task.refresh_from_db()
    return task


@transaction.atomic
def task_update(*, actor, task: Task, title: str, kind: str, duration: int,
                not_before: date | None, owner: str, progress: int, done: bool) -> Task:
    fields = _clean_task(title=title, kind=kind, duration=duration, progress=progress)
    for name, value in fields.items():
        setattr(task, name, value)
    task.not_before, task.owner = not_before, (owner or "").strip()
    task.progress, task.done = (100 if done else progress), done
    task.save(update_fields=["title", "kind", "duration", "not_before", "owner", "progress",
                             "done"])
    plan_recompute(project=task.project)
    task.refresh_from_db()
    return task


@transaction.atomic
def task_delete(*, actor, task: Task) -> None:
    project = task.project
    task.delete()
    plan_recompute(project=project)


@transaction.atomic
def dependency_add(*, actor, before: Task, after: Task, lag: int = 0) -> Dependency:
    """``after`` starts once ``before`` is finished. Refused, with the tasks named, when it
    would close a loop; nothing is written then."""
    project = before.project
    if after.project_id != project.pk:
        raise ValidationError(_("Both tasks must be of the same project."))
    if before.pk == after.pk:
        raise ValidationError(_("A task cannot depend on itself."))
    if not -365 <= lag <= 365:
        raise ValidationError({"lag": _("A lag is between -365 and 365 days.")})
    if Dependency.objects.filter(before=before, after=after).exists():
        raise ValidationError(_("This dependency already exists."))
    plan = plan_get_or_create(project=project)
    tasks, specs, links = _specs(project, plan, [Link(before.pk, after.pk, lag)])
    try:
        schedule(specs, links)
    except CycleError as error:
        raise ValidationError(_cycle_message(tasks, error.cycle)) from error
    dependency = Dependency.objects.create(before=before, after=after, lag=lag)
    plan_recompute(project=project)
    return dependency


@transaction.atomic
def dependency_remove(*, actor, dependency: Dependency) -> None:
    project = dependency.before.project
    dependency.delete()
    plan_recompute(project=project)


@transaction.atomic
def plan_update(*, actor, project: Project, start: date) -> Plan:
    plan = plan_get_or_create(project=project)
    plan.start = start
    plan.save(update_fields=["start"])
    return plan_recompute(project=project)


@transaction.atomic
def baseline_set(*, actor, project: Project) -> Plan:
    """Freeze the plan's current dates as its baseline: slippage is measured against it."""
    plan = plan_recompute(project=project)
    Task.objects.filter(project=project).update(baseline_start=F("start"),
                                                baseline_finish=F("finish"))
    plan.baseline_set_at, plan.baseline_set_by = timezone.now(), actor
    plan.baseline_finish = plan.finish
    plan.save(update_fields=["baseline_set_at", "baseline_set_by", "baseline_finish"])
    return plan
