"""The lifecycle of a proposal (pure): which status may follow which, and who moves it.

draft → published → under evaluation → accepted / rejected → implemented (accepted only);
the authors may withdraw a published proposal or one under evaluation. Staff may move a
published proposal straight to accepted or rejected (CONSUL's "unfeasible" shortcut).
"""

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    EVALUATING = "evaluating"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    IMPLEMENTED = "implemented"


AUTHOR_MOVES: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.WITHDRAWN}),
    Status.EVALUATING: frozenset({Status.WITHDRAWN}),
}
TEAM_MOVES: dict[Status, frozenset[Status]] = {
    Status.PUBLISHED: frozenset({Status.EVALUATING, Status.ACCEPTED, Status.REJECTED}),
    Status.EVALUATING: frozenset({Status.ACCEPTED, Status.REJECTED, Status.PUBLISHED}),
    Status.ACCEPTED: frozenset({Status.IMPLEMENTED, Status.EVALUATING}),
    Status.REJECTED: frozenset({Status.EVALUATING}),
}
SUPPORTABLE = frozenset({Status.PUBLISHED, Status.EVALUATING})
PUBLIC = frozenset(Status) - {Status.DRAFT}


def can_move(current: str, target: str, *, by_team: bool) -> bool:
    """Whether a proposal in ``current`` may move to ``target`` (by its authors, or by the
    team when ``by_team``)."""
    moves = TEAM_MOVES if by_team else AUTHOR_MOVES
    return Status(target) in moves.get(Status(current), frozenset())


def team_targets(current: str) -> list[Status]:
    return sorted(TEAM_MOVES.get(Status(current), frozenset()), key=list(Status).index)
