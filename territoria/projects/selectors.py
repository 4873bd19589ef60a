"""Reads of projects, always scoped to one territory."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from territoria.accounts.permissions import is_platform_operator, role_in
from territoria.projects.domain.stages import Authority, moves_for
from territoria.projects.models import Project, StageMove


def project_get(*, territory, pk: int) -> Project:
    """The territory's project ``pk``; 404 for an unknown one or another territory's."""
    project = (Project.objects.filter(territory=territory, pk=pk)
               .select_related("territory", "carrier", "lead", "proposal").first())
    if project is None:
        raise Http404("No such project")
    return project


@dataclass(frozen=True)
class ProjectFilters:
    """What a list of the portfolio is narrowed to; ``None`` means no narrowing."""

    orientation: int | None = None  # an Orientation's id
    ambition: int | None = None  # an Ambition's lineage (the same ambition across revisions)
    commune: str | None = None  # an INSEE code of the territory's perimeter
    carrier: int | None = None  # an Actor's id
    stage: str | None = None

    def as_query(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.__dict__.items() if value is not None}


def project_list(*, territory, filters: ProjectFilters | None = None) -> QuerySet[Project]:
    """The territory's projects narrowed by ``filters``, by title."""
    projects = Project.objects.filter(territory=territory)
    filters = filters or ProjectFilters()
    if filters.orientation is not None:
        projects = projects.filter(ambitions__version__orientation_id=filters.orientation)
    if filters.ambition is not None:
        projects = projects.filter(ambitions__lineage=filters.ambition)
    if filters.commune is not None:
        projects = projects.filter(communes__insee_code=filters.commune)
    if filters.carrier is not None:
        projects = projects.filter(carrier_id=filters.carrier)
    if filters.stage is not None:
        projects = projects.filter(stage=filters.stage)
    if any(value is not None for value in
           (filters.orientation, filters.ambition, filters.commune)):
        projects = projects.distinct()
    return projects.order_by("title", "pk")


def project_filter_choices(*, territory) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: the orientations and ambitions of the strategy (adopted
    or in progress), the perimeter's communes, the actors that carry a project, the stages."""
    from territoria.actors.models import Actor
    from territoria.strategy.selectors import orientation_list

    orientations, ambitions = [], []
    for entry in orientation_list(territory=territory, include_drafts=True):
        version = entry.current
        orientations.append((str(entry.orientation.pk),
                             f"{entry.orientation.number}. {version.title}"))
        for ambition in version.ambitions.all():
            ambitions.append((str(ambition.lineage or ambition.pk),
                              f"{entry.orientation.number}. {ambition.title}"))
    communes = list(territory.communes.order_by("name").values_list("insee_code", "name"))
    carriers = [(str(pk), name) for pk, name in
                Actor.objects.filter(territory=territory, projects__isnull=False)
                .distinct().order_by("name").values_list("pk", "name")]
    return {"orientation": orientations, "ambition": ambitions, "commune": communes,
            "carrier": carriers, "stage": list(Project.Stage.choices)}


def authority_of(user, project: Project) -> Authority:
    """What ``user`` may decide about ``project``: the governance (administrators, elected
    officials, the platform's operators), the PMO (PMO, staff), its lead, or nothing."""
    if is_platform_operator.test(user):
        return Authority.GOVERNANCE
    role = role_in(user, project.territory)
    if role in ("administrator", "elected"):
        return Authority.GOVERNANCE
    if role in ("pmo", "staff"):
        return Authority.PMO
    if getattr(user, "is_authenticated", False) and project.lead_id == user.pk:
        return Authority.LEAD
    return Authority.NONE


def stage_moves_allowed(*, user, project: Project) -> list[tuple[str, str]]:
    """The stages ``user`` may move ``project`` to, each with the kind of move."""
    return [(stage, str(kind)) for stage, kind in
            moves_for(authority_of(user, project), project.stage)]


def stage_history(*, project: Project) -> QuerySet[StageMove]:
    return project.stage_moves.select_related("moved_by").order_by("-moved_at", "-pk")


def projects_step_status(territory):
    """Where the territory stands in the "communities of projects" step of the cycle."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from territoria.core.cycle import StepStatus

    url = reverse("projects:project-list", args=[territory.slug])
    projects = Project.objects.filter(territory=territory)
    if not projects.exists():
        return StepStatus(started=False, label=_("Not started"), url=url)
    running = projects.filter(stage=Project.Stage.RUNNING).count()
    return StepStatus(started=True, label=_("Under way"), url=url,
                      detail=ngettext("%(count)s project running", "%(count)s projects running",
                                      running) % {"count": running})
