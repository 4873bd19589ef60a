"""The portfolio at a glance: one line per project from what each part of the project
engineering knows of it (stage, last report, plan, budget and financing), and the figures an
elected official reads first — how many projects at each stage, how they are doing, how much
of the planned budget is spent and financed, how many are late.

Pure: the selectors gather the lines, this module adds them up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HEALTH_ORDER = ("on_track", "at_risk", "late", "unknown")


@dataclass(frozen=True, slots=True)
class ProjectLine:
    id: int
    title: str
    stage: str
    carrier: str = ""
    health: str | None = None  # last report's status: on_track, at_risk, late
    progress: int | None = None  # %, from the last report
    report_missing: bool = False
    needs_decision: bool = False
    planned: Decimal = ZERO  # budget, every year and nature
    actual: Decimal = ZERO
    financed: Decimal = ZERO
    balanced: bool = True  # the financing plan covers the budget
    late_tasks: int = 0
    next_milestone: str | None = None
    next_milestone_date: date | None = None
    finish: date | None = None
    slippage_days: int | None = None
    open_risks: int = 0
    critical_risks: int = 0

    @property
    def consumed(self) -> Decimal | None:
        """Share of the planned budget spent, or None without a planned budget."""
        return self.actual / self.planned if self.planned else None

    @property
    def is_late(self) -> bool:
        """Late by its plan (a task past its finish, a slipped finish) or by its lead's word."""
        return (self.late_tasks > 0 or (self.slippage_days or 0) > 0
                or self.health == "late")


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    count: int
    by_stage: tuple[tuple[str, int], ...]  # every stage, in the stages' order
    by_health: tuple[tuple[str, int], ...]  # HEALTH_ORDER; "unknown": no report yet
    planned: Decimal
    actual: Decimal
    financed: Decimal
    unbalanced: int  # projects whose financing plan does not cover their budget
    late: int
    late_tasks: int
    needs_decision: int
    reports_missing: int
    critical_risks: int

    @property
    def consumed(self) -> Decimal | None:
        return self.actual / self.planned if self.planned else None

    @property
    def coverage(self) -> Decimal | None:
        return self.financed / self.planned if self.planned else None


def summarise(lines: Sequence[ProjectLine], *, stages: Iterable[str]) -> PortfolioSummary:
    """Add up the portfolio's lines. Every stage and every health appears, with 0 when no
    project is there, so that charts and tables keep the same rows from one filter to the
    next; money is summed in ``Decimal`` (no rounding drift between the total and its parts).
    """
    stage_counts = Counter(line.stage for line in lines)
    health_counts = Counter(line.health if line.health in HEALTH_ORDER else "unknown"
                            for line in lines)
    return PortfolioSummary(
        count=len(lines),
        by_stage=tuple((stage, stage_counts.get(stage, 0)) for stage in stages),
        by_health=tuple((health, health_counts.get(health, 0)) for health in HEALTH_ORDER),
        planned=sum((line.planned for line in lines), ZERO),
        actual=sum((line.actual for line in lines), ZERO),
        financed=sum((line.financed for line in lines), ZERO),
        unbalanced=sum(1 for line in lines if line.planned and not line.balanced),
        late=sum(1 for line in lines if line.is_late),
        late_tasks=sum(line.late_tasks for line in lines),
        needs_decision=sum(1 for line in lines if line.needs_decision),
        reports_missing=sum(1 for line in lines if line.report_missing),
        critical_risks=sum(line.critical_risks for line in lines),
    )


@dataclass(frozen=True, slots=True)
class Rollup:
    projects: int
    reporting: int  # how many of them have a report with a progress
    progress: int | None  # their mean progress, rounded half up; None when none reported


def rollup(progresses: Iterable[int | None]) -> Rollup:
    """How far the projects serving an ambition (or an orientation) have come: the plain
    mean of their last reported progress. Projects without a report are counted, not
    averaged — a mean of what is known, said with how much is known."""
    values = list(progresses)
    known = [value for value in values if value is not None]
    mean = None
    if known:
        mean = int((Decimal(sum(known)) / len(known)).quantize(Decimal("1"),
                                                                rounding=ROUND_HALF_UP))
    return Rollup(projects=len(values), reporting=len(known), progress=mean)
