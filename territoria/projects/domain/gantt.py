"""The geometry of a Gantt chart: one row per task (or per project on the portfolio
timeline), a bar from its first to its last day, a diamond for a milestone, the baseline as a
thin bar under it, arrows for dependencies, month ticks and today's line. Pure data: one
template draws it as SVG for the page (with a table beside it) and for print."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 960
LABEL_WIDTH = 260
ROW_HEIGHT = 26
BAR_HEIGHT = 14
TOP = 34  # room for the month labels
PADDING = 8
MAX_LABEL_CHARS = 34


@dataclass(frozen=True, slots=True)
class GanttItem:
    key: Hashable
    label: str
    start: date
    finish: date  # last day (a milestone: its day)
    milestone: bool = False
    critical: bool = False
    done: bool = False
    late: bool = False
    baseline_start: date | None = None
    baseline_finish: date | None = None


@dataclass(frozen=True, slots=True)
class GanttRow:
    item: GanttItem
    short_label: str
    y: float  # top of the row
    bar_x: float
    bar_width: float
    bar_y: float
    centre_x: float  # a milestone's diamond
    centre_y: float
    diamond: str  # SVG points of a milestone's diamond
    baseline_x: float | None
    baseline_width: float | None
    baseline_y: float


@dataclass(frozen=True, slots=True)
class GanttTick:
    x: float
    label: date  # the first day of a month


@dataclass(frozen=True, slots=True)
class GanttArrow:
    path: str  # an SVG path from the end of one bar to the start of another


@dataclass(frozen=True, slots=True)
class Gantt:
    width: int
    height: float
    label_width: int
    plot_left: float
    plot_right: float
    rows: tuple[GanttRow, ...]
    ticks: tuple[GanttTick, ...]
    arrows: tuple[GanttArrow, ...]
    today_x: float | None
    first: date
    last: date


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[:MAX_LABEL_CHARS - 1] + "…"


def gantt(items: Sequence[GanttItem], *, today: date,
          links: Sequence[tuple[Hashable, Hashable]] = ()) -> Gantt:
    """Lay out ``items`` on a common time axis, from the earliest start (or baseline start)
    to the latest finish, one day later so that the last day has its width."""
    days = [d for item in items for d in (item.start, item.finish, item.baseline_start,
                                          item.baseline_finish) if d is not None]
    first = min(days, default=today)
    last = max(days, default=today)
    span = (last - first).days + 1
    plot_left, plot_right = LABEL_WIDTH + PADDING, WIDTH - PADDING
    day = (plot_right - plot_left) / span

    def x(when: date) -> float:
        return round(plot_left + (when - first).days * day, 2)

    rows = []
    for index, item in enumerate(items):
        top = TOP + index * ROW_HEIGHT
        bar_y = top + (ROW_HEIGHT - BAR_HEIGHT) / 2 - 2
        start_x = x(item.start)
        width = max(round((item.finish - item.start).days * day + day, 2), 2.0)
        centre_x, centre_y = round(start_x + day / 2, 2), round(bar_y + BAR_HEIGHT / 2, 2)
        half = BAR_HEIGHT / 2
        diamond = (f"{centre_x},{centre_y - half} {centre_x + half},{centre_y} "
                   f"{centre_x},{centre_y + half} {centre_x - half},{centre_y}")
        baseline_x = baseline_width = None
        if item.baseline_start and item.baseline_finish:
            baseline_x = x(item.baseline_start)
            baseline_width = max(round((item.baseline_finish - item.baseline_start).days * day
                                       + day, 2), 2.0)
        rows.append(GanttRow(item=item, short_label=_short(item.label), y=top,
                             bar_x=start_x, bar_width=width, bar_y=round(bar_y, 2),
                             centre_x=centre_x, centre_y=centre_y, diamond=diamond,
                             baseline_x=baseline_x, baseline_width=baseline_width,
                             baseline_y=round(bar_y + BAR_HEIGHT + 1, 2)))
    by_key = {row.item.key: row for row in rows}
    arrows = []
    for before, after in links:
        if before not in by_key or after not in by_key:
            continue  # on another page of the chart
        a, b = by_key[before], by_key[after]
        x1 = a.centre_x if a.item.milestone else a.bar_x + a.bar_width
        y1 = a.centre_y
        x2 = b.centre_x - BAR_HEIGHT / 2 if b.item.milestone else b.bar_x
        y2 = b.centre_y
        bend = round(max(x1 + 4, min(x2 - 4, x1 + 8)), 2)
        arrows.append(GanttArrow(f"M{x1},{y1} H{bend} V{y2} H{x2}"))
    ticks = []
    month = date(first.year, first.month, 1)
    step = max(1, round(span / 30 / 12))  # about twelve labels at most
    count = 0
    while month <= last:
        if month >= first and count % step == 0:
            ticks.append(GanttTick(x(month), month))
        count += 1
        month = (month + timedelta(days=32)).replace(day=1)
    today_x = x(today) if first <= today <= last else None
    return Gantt(width=WIDTH, height=TOP + len(rows) * ROW_HEIGHT + PADDING,
                 label_width=LABEL_WIDTH, plot_left=plot_left, plot_right=plot_right,
                 rows=tuple(rows), ticks=tuple(ticks), arrows=tuple(arrows),
                 today_x=today_x, first=first, last=last)
