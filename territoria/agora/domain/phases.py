"""Participation phases of a consultation and what each allows (pure: no Django).

A consultation runs through dated phases (information, contributions, deliberation, vote,
feedback — the team adds, reorders and dates them). Each phase switches actions on or off;
an action is possible at ``now`` when the phase running at ``now`` allows it. Between two
phases, before the first and after the last, nothing is allowed. The way adhocracy4 gates
actions by module phase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import pairwise


class Action(StrEnum):
    SUBMIT = "submit"
    COMMENT = "comment"
    SUPPORT = "support"
    VOTE = "vote"


@dataclass(frozen=True)
class PhaseWindow:
    """A phase as the rules read it: its dates (start included, end excluded) and actions."""

    key: int | str
    starts_at: datetime
    ends_at: datetime
    actions: frozenset[Action]

    def is_running(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


def current_phase(phases: Sequence[PhaseWindow], now: datetime) -> PhaseWindow | None:
    """The phase running at ``now``; the latest-starting one if phases overlap."""
    running = [p for p in phases if p.is_running(now)]
    return max(running, key=lambda p: p.starts_at) if running else None


def allows(phases: Sequence[PhaseWindow], action: Action, now: datetime) -> bool:
    phase = current_phase(phases, now)
    return phase is not None and action in phase.actions


@dataclass(frozen=True)
class ActionWindow:
    """When ``action`` is open: ``open_until`` while it is, ``opens_at`` when it will be,
    neither when it never will be again."""

    action: Action
    is_open: bool
    open_until: datetime | None = None
    opens_at: datetime | None = None


def action_window(phases: Sequence[PhaseWindow], action: Action, now: datetime) -> ActionWindow:
    """Whether ``action`` is open at ``now`` and until when (following phases that allow it
    back to back count as one stretch), or when it opens next."""
    ordered = sorted(phases, key=lambda p: p.starts_at)
    phase = current_phase(ordered, now)
    if phase is not None and action in phase.actions:
        until = phase.ends_at
        for later in ordered:
            if later.starts_at == until and action in later.actions:
                until = later.ends_at
        return ActionWindow(action, True, open_until=until)
    upcoming = [p.starts_at for p in ordered if p.starts_at > now and action in p.actions]
    return ActionWindow(action, False, opens_at=min(upcoming) if upcoming else None)


def validate_phases(phases: Sequence[PhaseWindow]) -> list[str]:
    """Problems with a set of phases, as codes: ``"ends_before_start"`` for a phase that
    ends before it starts, ``"overlap"`` for two phases that run at the same time."""
    problems = []
    ordered = sorted(phases, key=lambda p: p.starts_at)
    if any(p.ends_at <= p.starts_at for p in ordered):
        problems.append("ends_before_start")
    if any(b.starts_at < a.ends_at for a, b in pairwise(ordered)):
        problems.append("overlap")
    return problems
