import pytest
from hypothesis import given
from hypothesis import strategies as st

from territoria.projects.domain.stages import (
    STAGES,
    Authority,
    Kind,
    StageError,
    may_move,
    move_kind,
    moves_for,
)


@pytest.mark.parametrize(("from_stage", "to_stage", "kind"), [
    ("idea", "framing", Kind.ADVANCE), ("framing", "planned", Kind.ADVANCE),
    ("planned", "running", Kind.ADVANCE), ("running", "closed", Kind.ADVANCE),
    ("planned", "framing", Kind.REFRAMING), ("running", "framing", Kind.REFRAMING),
    ("idea", "planned", Kind.ARBITRATION), ("running", "abandoned", Kind.ARBITRATION),
    ("closed", "running", Kind.ARBITRATION), ("abandoned", "idea", Kind.ARBITRATION),
    ("framing", "idea", Kind.ARBITRATION),
])
def test_the_kind_of_a_move(from_stage, to_stage, kind):
    assert move_kind(from_stage, to_stage) is kind


def test_staying_at_the_same_stage_or_an_unknown_stage_is_not_a_move():
    with pytest.raises(StageError):
        move_kind("running", "running")
    with pytest.raises(StageError):
        move_kind("running", "finished")


def test_the_pmo_advances_and_reframes_but_does_not_arbitrate():
    assert may_move(Authority.PMO, "planned", "running").allowed
    assert may_move(Authority.PMO, "running", "framing").allowed
    assert not may_move(Authority.PMO, "running", "abandoned").allowed


def test_a_lead_carries_the_idea_to_framing_and_submits_the_framing_only():
    assert moves_for(Authority.LEAD, "idea") == [("framing", Kind.ADVANCE)]
    assert moves_for(Authority.LEAD, "framing") == [("planned", Kind.ADVANCE)]
    assert moves_for(Authority.LEAD, "planned") == []


@given(st.sampled_from(STAGES), st.sampled_from(STAGES))
def test_the_governance_may_make_every_move_and_nobody_else_may_arbitrate(a, b):
    if a == b:
        return
    assert may_move(Authority.GOVERNANCE, a, b).allowed
    assert not may_move(Authority.NONE, a, b).allowed
    for authority in (Authority.PMO, Authority.LEAD):
        verdict = may_move(authority, a, b)
        assert not (verdict.allowed and verdict.kind is Kind.ARBITRATION)
