"""The sections of a project's page (overview, planning, budget and funding, risks, decisions,
framing, reports). Each part of the project engineering registers its own section — a page
of its own under the project's URL — so that the project page lists them without knowing
them, and each part can be added or removed alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ProjectSection:
    key: str
    label: str  # lazy translation
    url_name: str  # a view taking ``territory_slug`` and ``pk`` (the project's)
    order: int
    # Who sees it in the project's navigation: ``None`` for everyone who can read the project,
    # else a predicate ``visible(user, project) -> bool`` (e.g. the team and the lead only).
    visible: Callable[[object, object], bool] | None = None


_sections: dict[str, ProjectSection] = {}


def register_section(section: ProjectSection) -> None:
    _sections[section.key] = section


def sections_for(user, project) -> list[tuple[ProjectSection, str]]:
    """The sections ``user`` may see on ``project``, in order, with their URLs."""
    kwargs = {"territory_slug": project.territory.slug, "pk": project.pk}
    return [(section, reverse(section.url_name, kwargs=kwargs))
            for section in sorted(_sections.values(), key=lambda s: (s.order, s.key))
            if section.visible is None or section.visible(user, project)]
