"""The rules of moderation, as plain functions (no Django).

A report is one person's flag on one piece of content. Content stays visible while it has
fewer open reports than the territory's threshold (3 by default, as CONSUL and Decidim
hide content after a few flags); at the threshold it is hidden pending review, until the
team restores it (the reports are dismissed) or hides it for good (with a public reason).
"""

from datetime import datetime
from enum import StrEnum

DEFAULT_THRESHOLD = 3
THRESHOLD_RANGE = (1, 20)


class State(StrEnum):
    REPORTED = "reported"  # visible, with open reports below the threshold
    PENDING = "pending"  # hidden pending review (the threshold was reached)
    RESTORED = "restored"  # the team dismissed the reports: visible
    HIDDEN = "hidden"  # hidden for good by the team, with a public reason


HIDDEN_STATES = frozenset({State.PENDING, State.HIDDEN})
OPEN_STATES = frozenset({State.REPORTED, State.PENDING})  # in the team's queue


def state_after_report(state: State, *, open_reports: int, threshold: int) -> State:
    """The state of reported content once it holds ``open_reports`` open reports.

    A decision of the team is kept for what it decided: hidden content stays hidden;
    restored or reported content is hidden pending review when the open reports reach the
    threshold, and otherwise (back) in the queue, visible.
    """
    if threshold < 1:
        raise ValueError("the threshold is at least 1")
    if state is State.HIDDEN:
        return State.HIDDEN
    if state is State.PENDING or open_reports >= threshold:
        return State.PENDING
    return State.REPORTED


def is_hidden(state: State | str | None) -> bool:
    return state is not None and State(state) in HIDDEN_STATES


def block_is_active(*, now: datetime, ends_at: datetime | None,
                    lifted_at: datetime | None) -> bool:
    """A block holds from its creation until it is lifted or its end date passes."""
    if lifted_at is not None and lifted_at <= now:
        return False
    return ends_at is None or now < ends_at


def threshold_is_valid(value: int) -> bool:
    low, high = THRESHOLD_RANGE
    return low <= value <= high
