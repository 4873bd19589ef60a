import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.projects.domain.schedule import (
    CycleError,
    Link,
    ScheduleError,
    TaskSpec,
    schedule,
)


def test_a_textbook_network_gives_its_critical_path_and_floats():
    # A(3) → B(2) → D(4); A → C(1) → D; D → E(0, milestone)
    tasks = [TaskSpec("A", 3), TaskSpec("B", 2), TaskSpec("C", 1), TaskSpec("D", 4),
             TaskSpec("E", 0)]
    links = [Link("A", "B"), Link("A", "C"), Link("B", "D"), Link("C", "D"), Link("D", "E")]
    plan = schedule(tasks, links)
    assert plan.finish == 9
    assert plan.critical_path == ["A", "B", "D", "E"]
    assert plan.timings["C"].early_start == 3 and plan.timings["C"].float == 1
    assert plan.timings["E"].early_start == plan.timings["E"].early_finish == 9


def test_a_lag_and_a_start_constraint_delay_a_task():
    plan = schedule([TaskSpec("A", 2), TaskSpec("B", 1, not_before=10)],
                    [Link("A", "B", lag=3)])
    assert plan.timings["B"].early_start == 10
    plan = schedule([TaskSpec("A", 2), TaskSpec("B", 1, not_before=1)], [Link("A", "B", lag=3)])
    assert plan.timings["B"].early_start == 5


def test_a_cycle_is_reported_with_the_tasks_that_make_it():
    tasks = [TaskSpec(name, 1) for name in "ABCDX"]
    links = [Link("X", "A"), Link("A", "B"), Link("B", "C"), Link("C", "A"), Link("C", "D")]
    with pytest.raises(CycleError) as error:
        schedule(tasks, links)
    cycle = error.value.cycle
    assert cycle[0] == cycle[-1] and set(cycle) == {"A", "B", "C"}


def test_a_task_depending_on_itself_or_lasting_less_than_nothing_is_refused():
    with pytest.raises(CycleError):
        schedule([TaskSpec("A", 1)], [Link("A", "A")])
    with pytest.raises(ScheduleError):
        schedule([TaskSpec("A", -1)], [])


@st.composite
def networks(draw):
    n = draw(st.integers(1, 40))
    durations = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80))
    links = {(min(a, b), max(a, b)) for a, b in pairs if a != b}  # forward only: no cycle
    lags = draw(st.lists(st.integers(0, 5), min_size=len(links), max_size=len(links)))
    return ([TaskSpec(i, d) for i, d in enumerate(durations)],
            [Link(a, b, lag) for (a, b), lag in zip(sorted(links), lags, strict=True)])


@settings(max_examples=150)
@given(networks())
def test_scheduling_laws(network):
    tasks, links = network
    plan = schedule(tasks, links)
    timings = plan.timings
    for link in links:  # every task starts after its predecessors finish (and their lag)
        assert timings[link.after].early_start >= timings[link.before].early_finish + link.lag
        assert timings[link.after].late_start >= timings[link.before].late_finish + link.lag
    assert plan.finish == max(t.early_finish for t in timings.values())
    assert all(t.float >= 0 for t in timings.values())
    assert plan.critical_path  # there is always one
    assert max(timings[t].early_finish for t in plan.critical_path) == plan.finish


def test_ten_thousand_tasks_are_scheduled():
    rng = random.Random(7)
    tasks = [TaskSpec(i, rng.randint(0, 15)) for i in range(10_000)]
    links = [Link(rng.randrange(0, i), i) for i in range(1, 10_000) for _ in range(
        rng.choice((1, 1, 2)))]
    plan = schedule(tasks, links)
    assert len(plan.timings) == 10_000


def test_a_cycle_is_told_from_its_earliest_task_whatever_the_order_found():
    tasks = [TaskSpec(i, 1) for i in (9, 10, 11)]
    with pytest.raises(CycleError) as error:
        schedule(tasks, [Link(9, 10), Link(10, 11), Link(11, 9)])
    assert error.value.cycle == [9, 10, 11, 9]
