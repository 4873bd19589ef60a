"""Where a territory stands in the development cycle."""

import pytest

from territoria.core import cycle
from territoria.core.cycle import STEPS, StepStatus, cycle_position, cycle_status


def _statuses(*started: bool):
    return [(step, StepStatus(started=s, label="")) for step, s in zip(STEPS, started)]


def test_the_cycle_has_the_five_steps_in_order():
    assert [s.key for s in STEPS] == ["diagnostic", "orientations", "ambitions", "projects",
                                      "monitoring"]


def test_a_territory_that_started_nothing_stands_at_the_diagnostic():
    assert cycle_position(_statuses(False, False, False, False, False)) == (1, STEPS[0])


def test_a_territory_stands_at_its_furthest_started_step():
    assert cycle_position(_statuses(True, True, True, False, False)) == (3, STEPS[2])


def test_a_step_without_a_provider_shows_as_not_started(monkeypatch):
    monkeypatch.setattr(cycle, "_providers", {})
    statuses = cycle_status(object())
    assert [status.started for _step, status in statuses] == [False] * 5


def test_a_provider_is_only_accepted_for_a_known_step(monkeypatch):
    monkeypatch.setattr(cycle, "_providers", {})
    with pytest.raises(ValueError):
        cycle.register_step_status("budget", lambda territory: None)
    cycle.register_step_status("diagnostic",
                               lambda territory: StepStatus(started=True, label="Open"))
    assert cycle_status(object())[0][1].label == "Open"
