from datetime import UTC, datetime, timedelta

from territoria.agora.domain.phases import (
    Action,
    PhaseWindow,
    action_window,
    allows,
    current_phase,
    validate_phases,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)
DAY = timedelta(days=1)


def phase(key, start, end, *actions):
    return PhaseWindow(key, T0 + start * DAY, T0 + end * DAY, frozenset(actions))


PHASES = [phase("info", 0, 7), phase("contrib", 7, 21, Action.SUBMIT, Action.SUPPORT),
          phase("delib", 21, 28, Action.SUPPORT, Action.COMMENT), phase("vote", 35, 42,
                                                                           Action.VOTE)]


def test_the_running_phase_includes_its_start_and_excludes_its_end():
    assert current_phase(PHASES, T0 + 7 * DAY).key == "contrib"
    assert current_phase(PHASES, T0 + 7 * DAY - timedelta(seconds=1)).key == "info"
    assert current_phase(PHASES, T0 + 30 * DAY) is None  # between two phases


def test_an_action_is_allowed_only_by_the_running_phase():
    assert allows(PHASES, Action.SUBMIT, T0 + 8 * DAY)
    assert not allows(PHASES, Action.SUBMIT, T0 + 22 * DAY)
    assert not allows(PHASES, Action.SUPPORT, T0 + 30 * DAY)
    assert not allows(PHASES, Action.SUBMIT, T0 - DAY)
    assert not allows([], Action.SUBMIT, T0)


def test_supports_open_until_the_end_of_consecutive_phases_that_allow_them():
    window = action_window(PHASES, Action.SUPPORT, T0 + 8 * DAY)
    assert window.is_open and window.open_until == T0 + 28 * DAY


def test_a_closed_action_says_when_it_opens_or_that_it_will_not():
    assert action_window(PHASES, Action.VOTE, T0 + DAY).opens_at == T0 + 35 * DAY
    closed = action_window(PHASES, Action.SUBMIT, T0 + 22 * DAY)
    assert not closed.is_open and closed.opens_at is None


def test_overlapping_or_inverted_phases_are_reported():
    assert validate_phases(PHASES) == []
    assert validate_phases([*PHASES, phase("x", 20, 22)]) == ["overlap"]
    assert "ends_before_start" in validate_phases([phase("x", 3, 2)])
