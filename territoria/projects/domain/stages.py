"""The stages of a project and who may move it between them.

idea → framing → planned → running → closed, or abandoned from any open stage. One step
forward is an *advance*; going back to framing from planned or running is a *re-framing*;
every other move — skipping a step, abandoning, reopening a closed or abandoned project,
going back to the idea — is an *arbitration*, which only the governance committee (its
elected officials, or the territory's administrator) makes. The PMO and the staff advance and
re-frame; a project's lead carries it from idea to framing and submits its framing (framing →
planned); starting the work (planned → running) is the PMO's go.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FORWARD = ("idea", "framing", "planned", "running", "closed")
OPEN = ("idea", "framing", "planned", "running")
STAGES = (*FORWARD, "abandoned")


class Kind(StrEnum):
    ADVANCE = "advance"
    REFRAMING = "reframing"
    ARBITRATION = "arbitration"


class Authority(StrEnum):
    """What a person may decide about a project, from their role."""

    GOVERNANCE = "governance"  # administrators, elected officials
    PMO = "pmo"  # PMO, staff
    LEAD = "lead"  # the project's lead
    NONE = "none"


LEAD_MOVES = {("idea", "framing"), ("framing", "planned")}


class StageError(ValueError):
    """A move that is not a move (same stage, unknown stage)."""


def move_kind(from_stage: str, to_stage: str) -> Kind:
    """The kind of a move from ``from_stage`` to ``to_stage``."""
    if from_stage not in STAGES or to_stage not in STAGES:
        raise StageError(f"unknown stage: {from_stage!r} or {to_stage!r}")
    if from_stage == to_stage:
        raise StageError("a project is moved to another stage")
    if from_stage in OPEN and FORWARD.index(to_stage if to_stage in FORWARD else "idea") == \
            FORWARD.index(from_stage) + 1 and to_stage != "idea":
        return Kind.ADVANCE
    if to_stage == "framing" and from_stage in ("planned", "running"):
        return Kind.REFRAMING
    return Kind.ARBITRATION


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    kind: Kind


def may_move(authority: Authority, from_stage: str, to_stage: str) -> Verdict:
    """Whether someone with ``authority`` may move a project from ``from_stage`` to
    ``to_stage``, and the kind of that move."""
    kind = move_kind(from_stage, to_stage)
    if authority is Authority.GOVERNANCE:
        allowed = True
    elif authority is Authority.PMO:
        allowed = kind in (Kind.ADVANCE, Kind.REFRAMING)
    elif authority is Authority.LEAD:
        allowed = (from_stage, to_stage) in LEAD_MOVES
    else:
        allowed = False
    return Verdict(allowed, kind)


def moves_for(authority: Authority, from_stage: str) -> list[tuple[str, Kind]]:
    """The stages someone with ``authority`` may move a project to, in the stages' order."""
    found = []
    for stage in STAGES:
        if stage == from_stage:
            continue
        verdict = may_move(authority, from_stage, stage)
        if verdict.allowed:
            found.append((stage, verdict.kind))
    return found
