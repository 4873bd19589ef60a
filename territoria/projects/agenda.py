"""What the projects put forward for a governance meeting's agenda (core/agenda.py)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territoria.core.agenda import AgendaItem


def late_projects_items(territory, today: date) -> list[AgendaItem]:
    """Projects late on their plan: tasks past their last day and not done, or a finish
    later than the baseline's."""
    from territoria.projects.selectors_planning import late_projects

    items = []
    for project_id, title, late_tasks, slippage in late_projects(territory=territory,
                                                                 today=today):
        reasons = []
        if late_tasks:
            reasons.append(ngettext("%(n)s task is late", "%(n)s tasks are late",
                                    late_tasks) % {"n": late_tasks})
        if slippage and slippage > 0:
            reasons.append(ngettext("the finish slipped %(n)s day past the baseline",
                                    "the finish slipped %(n)s days past the baseline",
                                    slippage) % {"n": slippage})
        items.append(AgendaItem(
            source="projects.late", title=_("Late project: %(title)s") % {"title": title},
            reason="; ".join(reasons), project_id=project_id,
            url=reverse("projects:planning", args=[territory.slug, project_id])))
    return items


def waiting_projects_items(territory, today: date) -> list[AgendaItem]:
    """Projects in framing: their framing done, they wait for the committee's go / no-go."""
    from territoria.projects.models import Project

    return [AgendaItem(source="projects.waiting",
                       title=_("Go / no-go: %(title)s") % {"title": title},
                       reason=_("In framing since %(day)s.") % {
                           "day": (changed or created).date().isoformat()},
                       project_id=pk,
                       url=reverse("projects:project-detail", args=[territory.slug, pk]))
            for pk, title, changed, created in
            Project.objects.filter(territory=territory, stage=Project.Stage.FRAMING)
            .order_by("stage_changed_at", "pk")
            .values_list("pk", "title", "stage_changed_at", "created_at")]
