"""An ambition's target trajectory, and whether the territory is on track.

An ambition says where an indicator starts (the baseline: a value at a date), where it
should be by the deadline (the target), and optionally where it should be in between
(milestones). The trajectory joins these points with straight lines: the value expected at
any date is the linear interpolation between the two points around it (before the baseline,
the baseline value; after the deadline, the target). This is the usual reading of a
"trajectoire cible" in French territorial planning (SRADDET, PCAET: a reference year, target
years, a straight path between them).

Whether the territory is on track compares the latest actual value *after the baseline*
with the value the trajectory expects at that value's date:

- the better way is the indicator's direction (higher or lower is better); for a neutral
  indicator it is the way the ambition moves (target above or below the baseline); an
  ambition to hold a neutral indicator steady wants the value to stay near the path;
- the tolerance is a share of the planned change (|target − baseline|), so that a value a
  hair's breadth short of the path still counts as on track; when the plan is to hold a
  value steady, it is a share of the baseline;
- without an actual value after the baseline, or when the latest one is older than
  ``max_age_days`` on the day of the assessment, the status is "no recent data": official
  statistics arrive years after the fact, and an old figure says nothing of today.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from territoria.indicators.domain.comparison import Direction

DEFAULT_TOLERANCE = 0.1     # a tenth of the planned change
DEFAULT_MAX_AGE_DAYS = 4 * 366  # census figures describe a year and arrive three years later


class TrajectoryError(ValueError):
    """The points of a trajectory are not in date order."""


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_RECENT_DATA = "no_recent_data"


@dataclass(frozen=True, slots=True)
class Point:
    when: date
    value: float


@dataclass(frozen=True, slots=True)
class Trajectory:
    """Baseline, milestones and target, strictly in date order (checked on creation)."""

    baseline: Point
    target: Point
    milestones: tuple[Point, ...] = ()

    def __post_init__(self) -> None:
        dates = [p.when for p in self.points]
        if any(later <= earlier for earlier, later in zip(dates, dates[1:], strict=False)):
            raise TrajectoryError("the baseline, the milestones and the target must be in "
                                  "strictly increasing date order")

    @property
    def points(self) -> tuple[Point, ...]:
        return (self.baseline, *self.milestones, self.target)

    def expected_at(self, when: date) -> float:
        """The value the trajectory expects at ``when`` (linear between its points)."""
        points = self.points
        if when <= points[0].when:
            return points[0].value
        for before, after in zip(points, points[1:], strict=False):
            if when == after.when:
                return after.value
            if when < after.when:
                span = (after.when - before.when).days
                done = (when - before.when).days
                return before.value + (after.value - before.value) * done / span
        return points[-1].value

    def by_year(self) -> list[tuple[int, float]]:
        """The plan's points by year, as a chart by year draws them (of two points in the
        same year, the later one)."""
        return sorted({p.when.year: p.value for p in self.points}.items())


@dataclass(frozen=True, slots=True)
class Assessment:
    status: Status
    actual: Point | None = None     # the latest actual value the status rests on
    expected: float | None = None   # what the trajectory expected at its date
    gap: float | None = None        # actual − expected


def wanted_way(trajectory: Trajectory, direction: Direction | str) -> int:
    """+1 when higher values are better for this ambition, −1 when lower, 0 to hold steady."""
    direction = Direction(direction)
    if direction is Direction.HIGHER_IS_BETTER:
        return 1
    if direction is Direction.LOWER_IS_BETTER:
        return -1
    change = trajectory.target.value - trajectory.baseline.value
    return (change > 0) - (change < 0)


def tolerance_of(trajectory: Trajectory, share: float) -> float:
    planned = abs(trajectory.target.value - trajectory.baseline.value)
    return share * (planned if planned else abs(trajectory.baseline.value))


def assess(trajectory: Trajectory, actual: Iterable[Point], *, direction: Direction | str,
           as_of: date, tolerance: float = DEFAULT_TOLERANCE,
           max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> Assessment:
    """On track, off track, or no recent data (see the module's docstring for the rule)."""
    after = sorted((p for p in actual if p.when > trajectory.baseline.when),
                   key=lambda p: p.when)
    if not after:
        return Assessment(Status.NO_RECENT_DATA)
    latest = after[-1]
    expected = trajectory.expected_at(latest.when)
    gap = latest.value - expected
    if (as_of - latest.when).days > max_age_days:
        return Assessment(Status.NO_RECENT_DATA, latest, expected, gap)
    allowed = tolerance_of(trajectory, tolerance)
    way = wanted_way(trajectory, direction)
    if way > 0:
        on_track = gap >= -allowed
    elif way < 0:
        on_track = gap <= allowed
    else:
        on_track = abs(gap) <= allowed
    return Assessment(Status.ON_TRACK if on_track else Status.OFF_TRACK, latest, expected, gap)


def milestones_in_order(baseline: date, milestones: Sequence[date], deadline: date) -> bool:
    """Whether milestones lie strictly between the baseline and the deadline, in date order."""
    dates = [baseline, *milestones, deadline]
    return all(later > earlier for earlier, later in zip(dates, dates[1:], strict=False))
