"""The rules of moderation: hiding at the threshold, the team's decisions kept, blocks."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territoria.moderation.domain.rules import (
    State,
    block_is_active,
    is_hidden,
    state_after_report,
    threshold_is_valid,
)


@pytest.mark.parametrize(("state", "reports", "threshold", "expected"), [
    (State.REPORTED, 1, 3, State.REPORTED),
    (State.REPORTED, 2, 3, State.REPORTED),
    (State.REPORTED, 3, 3, State.PENDING),
    (State.REPORTED, 1, 1, State.PENDING),
    (State.PENDING, 4, 3, State.PENDING),
    (State.RESTORED, 1, 3, State.REPORTED),
    (State.RESTORED, 3, 3, State.PENDING),
    (State.HIDDEN, 1, 3, State.HIDDEN),
])
def test_state_after_a_report(state, reports, threshold, expected):
    assert state_after_report(state, open_reports=reports, threshold=threshold) is expected


@given(st.sampled_from(list(State)), st.integers(0, 50), st.integers(1, 20))
def test_a_report_never_shows_hidden_content_again(state, reports, threshold):
    after = state_after_report(state, open_reports=reports, threshold=threshold)
    if is_hidden(state):
        assert is_hidden(after)
    assert is_hidden(after) == (is_hidden(state) or reports >= threshold)


def test_a_threshold_below_one_is_refused():
    with pytest.raises(ValueError):
        state_after_report(State.REPORTED, open_reports=1, threshold=0)
    assert not threshold_is_valid(0) and threshold_is_valid(1) and threshold_is_valid(20)
    assert not threshold_is_valid(21)


def test_a_block_holds_until_lifted_or_ended():
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert block_is_active(now=now, ends_at=None, lifted_at=None)
    assert block_is_active(now=now, ends_at=now + timedelta(days=1), lifted_at=None)
    assert not block_is_active(now=now, ends_at=now, lifted_at=None)
    assert not block_is_active(now=now, ends_at=None, lifted_at=now - timedelta(hours=1))
