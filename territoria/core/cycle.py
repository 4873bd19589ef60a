"""The development cycle a territory goes through, and where the territory stands in it.

Each later app registers a status provider for its step; a step without one (its app is
not there yet) shows as not started, so the home page tells the truth from day one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    summary: str


@dataclass(frozen=True)
class StepStatus:
    started: bool
    label: str
    detail: str = ""
    url: str = ""


STEPS = [
    Step("diagnostic", _("Diagnostic"),
         _("A shared view of the territory's strengths and weaknesses, from official data "
           "and from the perceptions of inhabitants and actors.")),
    Step("orientations", _("Orientations"),
         _("Territorial priorities for balanced, responsible and sovereign development.")),
    Step("ambitions", _("Ambitions"),
         _("Measurable objectives: an indicator, a baseline, a target and a deadline.")),
    Step("projects", _("Communities of projects"),
         _("Projects carried by local actors, steered as a portfolio.")),
    Step("monitoring", _("Monitoring"),
         _("The territorial dashboard, the citizen barometer and public reporting.")),
]

_providers: dict[str, Callable[[object], StepStatus]] = {}


def register_step_status(key: str, provider: Callable[[object], StepStatus]) -> None:
    if key not in {step.key for step in STEPS}:
        raise ValueError(f"unknown cycle step: {key}")
    _providers[key] = provider


def cycle_status(territory) -> list[tuple[Step, StepStatus]]:
    not_started = StepStatus(started=False, label=str(_("Not started")))
    return [(step, _providers[step.key](territory) if step.key in _providers else not_started)
            for step in STEPS]


def cycle_position(statuses: list[tuple[Step, StepStatus]]) -> tuple[int, Step]:
    """Where the territory stands: the latest step it has started (1-based), or the first.

    The cycle is followed in order, so the furthest started step is the one being worked on;
    a territory that has started nothing stands at the diagnostic.
    """
    position = 0
    for index, (_step, status) in enumerate(statuses):
        if status.started:
            position = index
    return position + 1, statuses[position][0]
