"""A project's plan (Gantt chart and its table, tasks, dependencies, baseline) and the
portfolio's timeline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core import exports
from territoria.core.decorators import territory_view
from territoria.projects import selectors_planning as selectors
from territoria.projects import services_planning as services
from territoria.projects.decorators import project_view
from territoria.projects.domain.gantt import GanttItem, gantt
from territoria.projects.forms_planning import (
    DependencyForm,
    PlanStartForm,
    TaskForm,
    TaskUpdateForm,
)
from territoria.projects.models import Dependency, Project, Task
from territoria.projects.views import _put_errors, project_context

ROWS_PER_PAGE = 100  # rows of the Gantt chart per page: the SVG stays small for big plans


def _item(task: Task, today) -> GanttItem:
    return GanttItem(key=task.pk, label=task.title, start=task.start or today,
                     finish=task.finish or task.start or today, milestone=task.is_milestone,
                     critical=task.is_critical, done=task.done,
                     late=not task.done and task.finish is not None and task.finish < today,
                     baseline_start=task.baseline_start, baseline_finish=task.baseline_finish)


def _planning_url(territory, project) -> str:
    return reverse("projects:planning", args=[territory.slug, project.pk])


@project_view()
def planning(request, territory, project):
    return _planning_page(request, territory, project)


def _planning_page(request, territory, project, **forms):
    today = timezone.localdate()
    page = Paginator(selectors.project_tasks(project=project), ROWS_PER_PAGE).get_page(
        request.GET.get("page"))
    tasks = list(page)
    links = list(selectors.project_dependencies(project=project))
    chart = gantt([_item(task, today) for task in tasks], today=today,
                  links=[(d.before_id, d.after_id) for d in links])
    plan = selectors.project_plan(project=project)
    context = project_context(request, project, "planning")
    critical = [task for task in tasks if task.is_critical]
    context.update({
        "page": page, "tasks": tasks, "chart": chart, "plan": plan, "links": links,
        "today": today, "critical": critical,
        "predecessors": {task.pk: [d.before for d in links if d.after_id == task.pk]
                         for task in tasks},
        "task_form": forms.get("task_form") or TaskForm(project=project, prefix="task"),
        "dependency_form": (forms.get("dependency_form")
                            or DependencyForm(project=project, prefix="dep")),
        "start_form": forms.get("start_form") or PlanStartForm(prefix="plan", initial={
            "start": plan.start if plan else today}),
    })
    return render(request, "projects/planning/planning.html", context)


@project_view("projects.manage_project")
@require_POST
def task_add(request, territory, project):
    form = TaskForm(request.POST, project=project, prefix="task")
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.task_create(actor=request.user, project=project, title=data["title"],
                                 kind=data["kind"], duration=data["duration"],
                                 not_before=data["not_before"], owner=data["owner"],
                                 after=list(data["after"]))
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The task is in the plan."))
            return redirect(_planning_url(territory, project))
    return _planning_with(request, territory, project, task_form=form)


@project_view("projects.manage_project")
@require_POST
def dependency_add(request, territory, project):
    form = DependencyForm(request.POST, project=project, prefix="dep")
    if form.is_valid():
        try:
            services.dependency_add(actor=request.user, before=form.cleaned_data["before"],
                                    after=form.cleaned_data["after"],
                                    lag=form.cleaned_data["lag"])
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The dependency is in the plan."))
            return redirect(_planning_url(territory, project))
    return _planning_with(request, territory, project, dependency_form=form)


@project_view("projects.manage_project")
@require_POST
def dependency_remove(request, territory, project, dependency_id):
    dependency = get_object_or_404(Dependency, pk=dependency_id, before__project=project)
    services.dependency_remove(actor=request.user, dependency=dependency)
    messages.success(request, _("The dependency is removed."))
    return redirect(_planning_url(territory, project))


@project_view("projects.manage_project")
@require_POST
def plan_start(request, territory, project):
    form = PlanStartForm(request.POST, prefix="plan")
    if form.is_valid():
        services.plan_update(actor=request.user, project=project,
                             start=form.cleaned_data["start"])
        messages.success(request, _("The plan's start is changed; its dates follow."))
        return redirect(_planning_url(territory, project))
    return _planning_with(request, territory, project, start_form=form)


@project_view("projects.manage_project")
@require_POST
def baseline(request, territory, project):
    services.baseline_set(actor=request.user, project=project)
    messages.success(request, _("The baseline is set: slippage is measured against today's "
                                "plan."))
    return redirect(_planning_url(territory, project))


@project_view("projects.manage_project")
def task_edit(request, territory, project, task_id):
    task = get_object_or_404(Task, pk=task_id, project=project)
    form = TaskUpdateForm(request.POST or None, initial={
        "title": task.title, "kind": task.kind, "duration": task.duration,
        "not_before": task.not_before, "owner": task.owner, "progress": task.progress,
        "done": task.done})
    if request.method == "POST":
        if "delete" in request.POST:
            services.task_delete(actor=request.user, task=task)
            messages.success(request, _("The task is removed from the plan."))
            return redirect(_planning_url(territory, project))
        if form.is_valid():
            try:
                services.task_update(actor=request.user, task=task, **form.cleaned_data)
            except ValidationError as error:
                _put_errors(form, error)
            else:
                messages.success(request, _("The task is saved."))
                return redirect(_planning_url(territory, project))
    return render(request, "projects/planning/task_form.html", {
        "form": form, "task": task, **project_context(request, project, "planning")})


def _planning_with(request, territory, project, **forms):
    """The planning page again, with the form that was posted and its errors (what was
    typed is kept); nothing was written."""
    messages.error(request, _("The plan is unchanged: see the message in the form."))
    return _planning_page(request, territory, project, **forms)


@project_view()
def planning_export(request, territory, project):
    links = {}
    for dependency in selectors.project_dependencies(project=project):
        links.setdefault(dependency.after_id, []).append(dependency.before.title)
    header = ["id", "title", "kind", "duration", "start", "finish", "float", "critical",
              "progress", "done", "after", "baseline_start", "baseline_finish"]
    rows = ([t.pk, t.title, t.kind, t.duration, t.start, t.finish, t.float_days,
             t.is_critical, t.progress, t.done, "; ".join(links.get(t.pk, [])),
             t.baseline_start, t.baseline_finish]
            for t in selectors.project_tasks(project=project))
    return exports.rows_response(fmt="csv", filename=f"{territory.slug}-plan-{project.pk}",
                                 header=header, rows=rows)


@territory_view("projects.view_project_list")
@require_safe
def timeline(request, territory):
    """One bar per project, from its plan's first day to its last, milestones and lateness."""
    today = timezone.localdate()
    summaries = selectors.portfolio_schedule_summary(territory=territory, today=today)
    projects = {pk: (title, stage) for pk, title, stage in
                Project.objects.filter(territory=territory, pk__in=list(summaries))
                .values_list("pk", "title", "stage")}
    stage = request.GET.get("stage", "")
    rows = sorted(((pk, summary) for pk, summary in summaries.items()
                   if pk in projects and summary.start and summary.finish
                   and (not stage or projects[pk][1] == stage)),
                  key=lambda row: (row[1].start, projects[row[0]][0]))
    items = [GanttItem(key=pk, label=projects[pk][0], start=s.start, finish=s.finish,
                       late=bool(s.late_tasks) or (s.slippage_days or 0) > 0,
                       done=s.done_count == s.task_count,
                       baseline_start=s.start if s.baseline_finish else None,
                       baseline_finish=s.baseline_finish)
             for pk, s in rows]
    return render(request, "projects/planning/timeline.html", {
        "chart": gantt(items, today=today), "rows": [(pk, projects[pk][0], s) for pk, s in rows],
        "stage": stage, "stages": Project.Stage.choices, "today": today,
        "milestones": selectors.upcoming_milestones(territory=territory, today=today)})
