from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from territoria.strategy.domain.trajectory import (
    Point,
    Status,
    Trajectory,
    TrajectoryError,
    assess,
    milestones_in_order,
)

TODAY = date(2026, 6, 1)


def plan(baseline=10.0, target=5.0, milestones=()):
    return Trajectory(Point(date(2020, 1, 1), baseline), Point(date(2030, 1, 1), target),
                      tuple(milestones))


def test_the_expected_value_is_linear_between_baseline_and_target():
    trajectory = plan(10.0, 0.0)
    assert trajectory.expected_at(date(2020, 1, 1)) == 10.0
    assert trajectory.expected_at(date(2030, 1, 1)) == 0.0
    halfway = date(2020, 1, 1) + (date(2030, 1, 1) - date(2020, 1, 1)) / 2
    assert trajectory.expected_at(halfway) == pytest.approx(5.0, abs=0.01)


def test_before_the_baseline_and_after_the_deadline_the_ends_hold():
    trajectory = plan(10.0, 0.0)
    assert trajectory.expected_at(date(2010, 1, 1)) == 10.0
    assert trajectory.expected_at(date(2040, 1, 1)) == 0.0


def test_a_milestone_bends_the_trajectory():
    trajectory = plan(10.0, 0.0, [Point(date(2022, 1, 1), 2.0)])
    assert trajectory.expected_at(date(2022, 1, 1)) == 2.0
    assert trajectory.expected_at(date(2021, 1, 1)) == pytest.approx(6.0, abs=0.01)
    assert trajectory.expected_at(date(2026, 1, 1)) == pytest.approx(1.0, abs=0.01)


def test_points_out_of_date_order_are_refused():
    with pytest.raises(TrajectoryError):
        plan(milestones=[Point(date(2031, 1, 1), 3.0)])
    with pytest.raises(TrajectoryError):
        Trajectory(Point(date(2030, 1, 1), 1.0), Point(date(2020, 1, 1), 2.0))
    with pytest.raises(TrajectoryError):
        plan(milestones=[Point(date(2025, 1, 1), 3.0), Point(date(2024, 1, 1), 4.0)])


def test_milestones_in_order():
    assert milestones_in_order(date(2020, 1, 1), [date(2022, 1, 1)], date(2030, 1, 1))
    assert not milestones_in_order(date(2020, 1, 1), [date(2020, 1, 1)], date(2030, 1, 1))
    assert not milestones_in_order(date(2020, 1, 1), [date(2025, 1, 1), date(2023, 1, 1)],
                                   date(2030, 1, 1))


def test_the_plan_is_drawn_by_year():
    trajectory = plan(10.0, 5.0, [Point(date(2025, 6, 30), 8.0)])
    assert trajectory.by_year() == [(2020, 10.0), (2025, 8.0), (2030, 5.0)]


# -- status -----------------------------------------------------------------------------------


def test_a_value_on_the_good_side_of_the_path_is_on_track():
    trajectory = plan(10.0, 5.0)  # lower is better: 10 → 5
    value = trajectory.expected_at(date(2024, 1, 1)) - 0.5
    result = assess(trajectory, [Point(date(2024, 1, 1), value)], direction="lower_is_better",
                    as_of=TODAY)
    assert result.status is Status.ON_TRACK
    assert result.gap == pytest.approx(-0.5)


def test_a_value_behind_the_path_beyond_the_tolerance_is_off_track():
    trajectory = plan(10.0, 5.0)
    value = trajectory.expected_at(date(2024, 1, 1)) + 1.0  # tolerance is 0.5
    result = assess(trajectory, [Point(date(2024, 1, 1), value)], direction="lower_is_better",
                    as_of=TODAY)
    assert result.status is Status.OFF_TRACK


def test_within_the_tolerance_counts_as_on_track():
    trajectory = plan(10.0, 5.0)
    value = trajectory.expected_at(date(2024, 1, 1)) + 0.4
    assert assess(trajectory, [Point(date(2024, 1, 1), value)], direction="lower_is_better",
                  as_of=TODAY).status is Status.ON_TRACK


def test_the_same_value_reads_the_other_way_when_higher_is_better():
    trajectory = plan(5.0, 10.0)
    ahead = [Point(date(2024, 1, 1), 9.0)]
    assert assess(trajectory, ahead, direction="higher_is_better",
                  as_of=TODAY).status is Status.ON_TRACK
    assert assess(trajectory, ahead, direction="lower_is_better",
                  as_of=TODAY).status is Status.OFF_TRACK


def test_a_neutral_indicator_follows_the_way_the_ambition_moves():
    trajectory = plan(5.0, 10.0)
    assert assess(trajectory, [Point(date(2024, 1, 1), 4.0)], direction="neutral",
                  as_of=TODAY).status is Status.OFF_TRACK
    assert assess(trajectory, [Point(date(2024, 1, 1), 9.0)], direction="neutral",
                  as_of=TODAY).status is Status.ON_TRACK


def test_holding_a_neutral_value_steady_wants_it_near_the_path():
    trajectory = plan(100.0, 100.0)  # tolerance: 10 % of the baseline
    assert assess(trajectory, [Point(date(2024, 1, 1), 105.0)], direction="neutral",
                  as_of=TODAY).status is Status.ON_TRACK
    assert assess(trajectory, [Point(date(2024, 1, 1), 80.0)], direction="neutral",
                  as_of=TODAY).status is Status.OFF_TRACK


def test_without_a_value_after_the_baseline_there_is_no_recent_data():
    trajectory = plan()
    result = assess(trajectory, [Point(date(2020, 1, 1), 10.0), Point(date(2018, 1, 1), 9.0)],
                    direction="lower_is_better", as_of=TODAY)
    assert result.status is Status.NO_RECENT_DATA
    assert result.actual is None


def test_an_old_value_is_not_recent_data():
    trajectory = plan()
    result = assess(trajectory, [Point(date(2021, 1, 1), 9.0)], direction="lower_is_better",
                    as_of=date(2027, 1, 1))
    assert result.status is Status.NO_RECENT_DATA
    assert result.actual == Point(date(2021, 1, 1), 9.0)  # still told, with its date


def test_the_latest_value_decides():
    trajectory = plan(10.0, 5.0)
    values = [Point(date(2024, 1, 1), 20.0), Point(date(2025, 1, 1), 7.0)]
    assert assess(trajectory, values, direction="lower_is_better",
                  as_of=TODAY).status is Status.ON_TRACK


# -- laws -------------------------------------------------------------------------------------

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def trajectories(draw):
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)))
    gaps = draw(st.lists(st.integers(min_value=1, max_value=3000), min_size=1, max_size=5))
    dates = [start]
    for gap in gaps:
        dates.append(dates[-1] + timedelta(days=gap))
    points = [Point(d, draw(values)) for d in dates]
    return Trajectory(points[0], points[-1], tuple(points[1:-1]))


@given(trajectories())
def test_the_trajectory_passes_through_its_baseline_milestones_and_target(trajectory):
    for point in trajectory.points:
        assert trajectory.expected_at(point.when) == pytest.approx(point.value)


@given(trajectories(), st.dates(min_value=date(1980, 1, 1), max_value=date(2100, 1, 1)))
def test_the_expected_value_stays_between_its_neighbouring_points(trajectory, when):
    expected = trajectory.expected_at(when)
    low = min(p.value for p in trajectory.points)
    high = max(p.value for p in trajectory.points)
    assert low - 1e-6 <= expected <= high + 1e-6


@given(trajectories(), values, st.sampled_from(["higher_is_better", "lower_is_better"]))
def test_status_respects_the_direction(trajectory, shift, direction):
    """Moving the latest value the better way never turns on track into off track."""
    when = trajectory.baseline.when + timedelta(days=1)
    assume(when < trajectory.target.when)
    expected = trajectory.expected_at(when)
    sign = 1 if direction == "higher_is_better" else -1
    better = sign * abs(shift)
    base = assess(trajectory, [Point(when, expected)], direction=direction, as_of=when)
    moved = assess(trajectory, [Point(when, expected + better)], direction=direction,
                   as_of=when)
    assert base.status is Status.ON_TRACK
    assert moved.status is Status.ON_TRACK
    worse = assess(trajectory, [Point(when, expected - sign * (2 * abs(shift) + 1))],
                   direction=direction,
                   as_of=when)
    allowed = 0.1 * abs(trajectory.target.value - trajectory.baseline.value) or \
        0.1 * abs(trajectory.baseline.value)
    assert (worse.status is Status.OFF_TRACK) == (abs(worse.gap) > allowed)
