"""Chart geometry: what a bar chart or a line chart looks like, computed as data.

The functions here return every coordinate, already placed, in the abstract units of an SVG
``viewBox`` ``WIDTH`` wide; the templates ``ui/chart_bar.html`` and ``ui/chart_line.html``
only print these numbers, in the browser and in the PDF alike.

Numbers stay raw (``float``) in the geometry: the template formats them for the reader's
language with the ``quantity`` filter and the chart's ``NumberFormat`` (precision and unit),
so that one geometry serves every language. Text widths are estimated here from the number
of characters (``CHAR_WIDTH``, generous for a sans-serif face) to reserve room for labels.

A missing value (``None``, NaN, infinite) is never drawn as zero: a bar becomes a gap that the
template labels "No data", and a line breaks around it.

Axis ticks follow the usual "nice numbers" rule: steps of 1, 2 or 5 times a power of ten,
chosen so that at most a given number of ticks cover the data (Heckbert, "Nice numbers for
graph labels", Graphics Gems, 1990).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from territoria.core.domain.colour import contrast_ratio

WIDTH = 640.0
FONT_SIZE = 13.0
CHAR_WIDTH = 0.62 * FONT_SIZE  # average advance of a sans-serif glyph, rounded up
LINE_HEIGHT = 18.0
GAP = 6.0  # between a mark and its label
PADDING = 8.0
BAR_BAND = 28.0  # the height of one bar's row
BAR_THICKNESS = 18.0
LINE_PLOT_HEIGHT = 240.0
AXIS_LABEL_SPACE = 22.0  # under the plot, for the ticks' labels
MARKER_RADIUS = 4.5
SERIES_STYLES = 5  # distinct looks (colour, dash, marker) before they repeat
MISSING_LABEL_CHARS = 15  # room for "No data" in the longest language we ship
MAX_LABEL_SHARE = 0.38  # of the width, for the bar labels' column
UNIT_ON_TICKS_MAX_CHARS = 3  # "%", "€": on every tick; "inhabitants/km²": in the values only

# Dash patterns and markers by series style; style 0 is the highlighted series' solid line.
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")


# -- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar to draw: an area (the territory, a reference, the peers' median) and its value.

    ``value`` ``None`` is missing: drawn as a labelled gap, never as zero. ``highlight`` marks
    the territory the chart is about.
    """

    label: str
    value: float | None
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class Series:
    """One line: ``points`` are ``(period, value)`` pairs, periods are integers (years).

    A ``None`` value breaks the line at that period. A period that a series does not list is
    simply not observed: irregular periods (1999, 2008, 2013) are joined.
    """

    label: str
    points: Sequence[tuple[int, float | None]]
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """A value to reach at a period (an ambition's target)."""

    period: int
    value: float
    label: str = ""


# -- geometry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """How the template writes a number: ``precision`` decimals, then the ``unit``."""

    precision: int
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Box:
    """The plot area, in viewBox units (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick of an axis: its value and its position along the axis (x or y)."""

    value: float
    position: float


@dataclass(frozen=True, slots=True)
class Axis:
    """A value axis: its ticks, how to write them, and where zero is when it is in range."""

    ticks: tuple[Tick, ...]
    format: NumberFormat
    zero: float | None


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    cells: tuple[float | None, ...]
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class DataTable:
    """The chart's numbers as a table: one header per value column, one row per label."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True, slots=True)
class BarGeometry:
    """A bar as drawn. ``x`` and ``width`` are ``None`` for a missing value (no rectangle);
    ``value_x`` / ``value_anchor`` place the value's label, or the "No data" label."""

    label: str
    short_label: str  # the label cut to the labels' column, for the SVG (the table has it all)
    value: float | None
    highlight: bool
    y: float
    height: float
    text_y: float
    x: float | None
    width: float | None
    value_x: float
    value_anchor: str

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class BarChart:
    key: str
    title: str
    format: NumberFormat
    width: float
    height: float
    plot: Box
    label_x: float  # where the bars' labels end (text-anchor: end)
    axis: Axis
    tick_label_y: float
    bars: tuple[BarGeometry, ...]
    table: DataTable

    @property
    def has_missing(self) -> bool:
        return any(bar.missing for bar in self.bars)


@dataclass(frozen=True, slots=True)
class Point:
    period: int
    period_label: str
    value: float
    x: float
    y: float
    marker: str  # SVG path data of the marker, centred on (x, y)


@dataclass(frozen=True, slots=True)
class Label:
    """A text placed on the chart: ``x``, ``y`` (its middle line) and ``anchor``."""

    x: float
    y: float
    anchor: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    y: float
    line_x1: float
    line_x2: float
    marker: str
    text_x: float


@dataclass(frozen=True, slots=True)
class SeriesGeometry:
    """A line as drawn: one SVG path per unbroken run, its points, its legend entry, and
    its last value's label when the series reaches the last period."""

    label: str
    short_label: str  # the label cut to the legend's width (the table has it all)
    highlight: bool
    style: int  # 0 … SERIES_STYLES - 1: colour, dash and marker
    dash: str
    paths: tuple[str, ...]
    points: tuple[Point, ...]
    legend: LegendEntry
    end_label: Label | None

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True, slots=True)
class XTick:
    label: str
    position: float


@dataclass(frozen=True, slots=True)
class TargetGeometry:
    value: float
    period: int
    period_label: str
    label: str
    x: float
    y: float
    marker: str
    text: Label


@dataclass(frozen=True, slots=True)
class LineChart:
    key: str
    title: str
    format: NumberFormat
    width: float
    height: float
    plot: Box
    axis: Axis
    tick_label_x: float  # where the y ticks' labels end (text-anchor: end)
    x_ticks: tuple[XTick, ...]
    x_tick_label_y: float
    series: tuple[SeriesGeometry, ...]
    target: TargetGeometry | None
    table: DataTable

    @property
    def is_empty(self) -> bool:
        return not any(line.points for line in self.series)


# -- shared: values, ticks, scales, text ----------------------------------------------------


def finite(value: float | None) -> float | None:
    """``value`` as a float, or ``None`` when it is missing, NaN or infinite."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest step of 1, 2 or 5 × 10ⁿ that covers ``span`` in ``max_ticks - 1`` steps."""
    raw = span / max(max_ticks - 1, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5):
        if factor * magnitude >= raw * (1 - 1e-9):
            return factor * magnitude
    return 10 * magnitude


def step_decimals(step: float) -> int:
    """Decimals needed to write multiples of ``step`` (0.2 → 1, 5 → 0, 0.05 → 2)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def nice_ticks(low: float, high: float, *, max_ticks: int = 6,
               whole: bool = False) -> tuple[tuple[float, ...], int]:
    """Tick values covering [``low``, ``high``] in nice steps, and their decimals.

    The first tick is at or below ``low``, the last at or above ``high`` (within a millionth
    of a step: floating-point noise does not add a tick). An empty range is widened around
    its value. ``whole`` keeps steps of at least 1 (years).
    """
    low, high = min(low, high), max(low, high)
    if high - low <= max(abs(low), abs(high)) * 1e-9 or high - low < 1e-12:
        pad = max(abs(low), abs(high)) * 0.1
        pad = pad if pad >= 1e-9 else 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low, max_ticks)
    if whole:
        step = max(step, 1.0)
    decimals = step_decimals(step)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    values = tuple(round(k * step, decimals) + 0.0 for k in range(first, last + 1))
    return values, decimals


@dataclass(frozen=True, slots=True)
class Scale:
    """The linear map from values to positions: ``low`` → ``start``, ``high`` → ``end``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) * (self.end - self.start) / (self.high - self.low)


def value_axis(low: float, high: float, *, start: float, end: float, length: float,
               number_format: NumberFormat) -> tuple[Axis, Scale]:
    """Ticks for the values in [``low``, ``high``] placed from ``start`` to ``end``, as many
    as fit in ``length`` with their labels side by side, and the scale that places values."""
    estimate = NumberFormat(0, tick_unit(number_format.unit))
    label_chars = max(number_chars(low, estimate), number_chars(high, estimate)) + 1
    max_ticks = max(3, min(6, int(abs(length) // (label_chars * CHAR_WIDTH + 2 * GAP))))
    values, decimals = nice_ticks(low, high, max_ticks=max_ticks)
    scale = Scale(values[0], values[-1], start, end)
    tick_format = NumberFormat(decimals, estimate.unit)
    zero = r(scale(0.0)) if values[0] <= 0 <= values[-1] else None
    return Axis(tuple(Tick(v, r(scale(v))) for v in values), tick_format, zero), scale


def tick_unit(unit: str) -> str:
    return unit if len(unit) <= UNIT_ON_TICKS_MAX_CHARS else ""


def number_chars(value: float, number_format: NumberFormat) -> int:
    """How many characters ``value`` takes once written (with grouping and unit)."""
    digits = len(f"{abs(value):,.{number_format.precision}f}")
    return digits + (value < 0) + (len(number_format.unit) + 1 if number_format.unit else 0)


def text_width(chars: int) -> float:
    return chars * CHAR_WIDTH


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut to ``max_chars`` characters, an ellipsis marking the cut."""
    if len(text) <= max_chars:
        return text
    return text[: max(max_chars - 1, 1)].rstrip() + "…"


def chart_key(kind: str, title: str, parts: object) -> str:
    """A stable identifier for the chart's HTML ids, from what it shows."""
    digest = hashlib.blake2s(repr((kind, title, parts)).encode(), digest_size=4).hexdigest()
    return f"chart-{digest}"


def r(value: float) -> float:
    """Coordinates to a tenth of a unit: enough for the eye, short in the markup."""
    return round(value, 1) + 0.0


# -- bar chart ------------------------------------------------------------------------------


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "", precision: int = 0,
              value_label: str = "", key: str | None = None) -> BarChart:
    """Horizontal bars comparing one value across areas, from a zero line.

    The value axis always includes zero, so a bar's length is its value; negative values
    extend to the left of the zero line. ``title`` names the chart (the SVG's title and the
    table's caption), ``value_label`` heads the table's value column (default: the title).
    ``key`` prefixes the HTML ids (default: derived from the content).
    """
    values = [finite(bar.value) for bar in bars]
    present = [v for v in values if v is not None]
    number_format = NumberFormat(precision, unit)
    longest = max((len(bar.label) for bar in bars), default=0)
    label_width = min(text_width(longest), WIDTH * MAX_LABEL_SHARE)
    plot = Box(r(label_width + 2 * PADDING), PADDING,
               WIDTH - PADDING, PADDING + BAR_BAND * max(len(bars), 1))
    room_right = max([text_width(number_chars(v, number_format)) + GAP
                      for v in present if v >= 0], default=0.0)
    room_left = max([text_width(number_chars(v, number_format)) + GAP
                     for v in present if v < 0], default=0.0)
    low, high = min([0.0, *present]), max([0.0, *present])
    if low == high:
        high = 1.0
    start, end = plot.left + room_left, plot.right - room_right
    axis, scale = value_axis(low, high, start=start, end=end, length=end - start,
                             number_format=number_format)
    zero = scale(0.0)
    max_chars = max(int(label_width / CHAR_WIDTH + 1e-9), 1)
    drawn = tuple(
        _bar_geometry(bar, value, index, zero=zero, scale=scale, plot=plot, max_chars=max_chars)
        for index, (bar, value) in enumerate(zip(bars, values, strict=True)))
    table = DataTable((value_label or title,), tuple(
        TableRow(bar.label, (value,), bar.highlight) for bar, value in zip(bars, values,
                                                                          strict=True)))
    return BarChart(
        key=key or chart_key("bar", title, (tuple(bars), unit, precision)), title=title,
        format=number_format, width=WIDTH, height=plot.bottom + AXIS_LABEL_SPACE + PADDING,
        plot=plot, label_x=r(label_width + PADDING), axis=axis,
        tick_label_y=r(plot.bottom + AXIS_LABEL_SPACE - GAP), bars=drawn, table=table)


def _bar_geometry(bar: Bar, value: float | None, index: int, *, zero: float, scale: Scale,
                  plot: Box, max_chars: int) -> BarGeometry:
    top = plot.top + index * BAR_BAND + (BAR_BAND - BAR_THICKNESS) / 2
    x: float | None
    width: float | None
    if value is None:  # "No data" after the zero line, or before it when there is no room
        x = width = None
        room = plot.right - zero >= text_width(MISSING_LABEL_CHARS) + GAP
        text_x, anchor = (zero + GAP, "start") if room else (zero - GAP, "end")
    else:
        end = scale(value)
        x, width = r(min(zero, end)), r(abs(end - zero))
        text_x, anchor = (end - GAP, "end") if value < 0 else (end + GAP, "start")
    return BarGeometry(
        label=bar.label, short_label=shorten(bar.label, max_chars), value=value,
        highlight=bar.highlight, y=r(top), height=BAR_THICKNESS,
        text_y=r(top + BAR_THICKNESS / 2), x=x, width=width, value_x=r(text_x),
        value_anchor=anchor)


# -- line chart -----------------------------------------------------------------------------


def line_chart(series: Sequence[Series], *, title: str, unit: str = "", precision: int = 0,
               target: Target | None = None, period_labels: Mapping[int, str] | None = None,
               key: str | None = None) -> LineChart:
    """Time series: periods along x (spaced by their distance: 1999, 2008, 2013 are not
    evenly spaced), values along y, one line per series, broken where a value is missing.

    The y axis covers the values and the target, not necessarily zero. The highlighted
    series comes first in the legend and draws with style 0. Periods are labelled with
    ``period_labels`` when given, else written as numbers (years). The table has one row per
    period and one column per series.
    """
    labels = dict(period_labels or {})
    ordered = sorted(series, key=lambda s: not s.highlight)
    cleaned = [sorted(((p, finite(v)) for p, v in s.points), key=lambda pv: pv[0])
               for s in ordered]
    periods = sorted({p for points in cleaned for p, _ in points}
                     | ({target.period} if target else set()))
    present = [v for points in cleaned for _, v in points if v is not None]
    y_values = present + ([target.value] if target else [])
    number_format = NumberFormat(precision, unit)
    legend_bottom = PADDING + LINE_HEIGHT * len(ordered)
    plot_top = legend_bottom + PADDING + FONT_SIZE
    low, high = (min(y_values), max(y_values)) if y_values else (0.0, 1.0)
    tick_chars = max(number_chars(low, number_format), number_chars(high, number_format))
    left = r(text_width(tick_chars) + 2 * PADDING)
    right = WIDTH - max(text_width(max(number_chars(v, number_format) for v in present))
                        if present else 0.0, text_width(4) / 2) - 2 * GAP
    plot = Box(left, plot_top, r(right), plot_top + LINE_PLOT_HEIGHT)
    axis, y_scale = value_axis(low, high, start=plot.bottom, end=plot.top,
                               length=plot.height, number_format=number_format)
    x_scale = Scale(periods[0], periods[-1], plot.left, plot.right) if periods else \
        Scale(0, 0, plot.left, plot.right)

    def period_label(period: int) -> str:
        return labels.get(period, str(period))

    lines = [
        _series_geometry(s, points, index, x_scale=x_scale, y_scale=y_scale, plot=plot,
                         period_label=period_label)
        for index, (s, points) in enumerate(zip(ordered, cleaned, strict=True))]
    data_periods = [p for points in cleaned for p, v in points if v is not None]
    lines = _place_end_labels(lines, last_period=max(data_periods, default=None), plot=plot)
    return LineChart(
        key=key or chart_key("line", title, (tuple((s.label, tuple(s.points), s.highlight)
                                                   for s in series), target, unit)),
        title=title, format=number_format, width=WIDTH,
        height=plot.bottom + AXIS_LABEL_SPACE + PADDING, plot=plot, axis=axis,
        tick_label_x=r(plot.left - GAP),
        x_ticks=_x_ticks(periods, x_scale, plot=plot, period_label=period_label),
        x_tick_label_y=r(plot.bottom + AXIS_LABEL_SPACE - GAP), series=tuple(lines),
        target=_target_geometry(target, x_scale, y_scale, plot, period_label) if target else None,
        table=_line_table(ordered, cleaned, periods, period_label))


def _series_geometry(series: Series, points: list[tuple[int, float | None]], index: int, *,
                     x_scale: Scale, y_scale: Scale, plot: Box,
                     period_label: Callable[[int], str]) -> SeriesGeometry:
    style = index % SERIES_STYLES
    shape = MARKERS[style]
    drawn: list[Point] = []
    runs: list[list[Point]] = [[]]
    for period, value in points:
        if value is None:
            runs.append([])
            continue
        x, y = r(x_scale(period)), r(y_scale(value))
        point = Point(period, period_label(period), value, x, y, marker_path(shape, x, y))
        drawn.append(point)
        runs[-1].append(point)
    paths = tuple("M" + " L".join(f"{p.x} {p.y}" for p in run) for run in runs if len(run) > 1)
    legend_y = r(PADDING + LINE_HEIGHT * index + LINE_HEIGHT / 2)
    line_x1, line_x2 = plot.left, plot.left + 28
    legend = LegendEntry(legend_y, line_x1, line_x2,
                         marker_path(shape, (line_x1 + line_x2) / 2, legend_y), line_x2 + GAP)
    max_chars = int((WIDTH - legend.text_x - PADDING) / CHAR_WIDTH)
    return SeriesGeometry(series.label, shorten(series.label, max_chars), series.highlight,
                          style, DASHES[style], paths, tuple(drawn), legend, None)


def _place_end_labels(lines: list[SeriesGeometry], *, last_period: int | None,
                      plot: Box) -> list[SeriesGeometry]:
    """Label the last value of each line that reaches the last period, in the right margin,
    moved apart so that no two labels overlap."""
    ending = [i for i, line in enumerate(lines)
              if line.last is not None and line.last.period == last_period]
    wanted = [lines[i].last.y for i in ending]  # type: ignore[union-attr]
    placed = spread(wanted, gap=FONT_SIZE + 2, low=plot.top, high=plot.bottom)
    result = list(lines)
    for i, y in zip(ending, placed, strict=True):
        x = lines[i].last.x + MARKER_RADIUS + GAP  # type: ignore[union-attr]
        result[i] = replace(lines[i], end_label=Label(r(x), r(y), "start"))
    return result


def spread(positions: Sequence[float], *, gap: float, low: float, high: float) -> list[float]:
    """Positions moved as little as simply possible so that any two are ``gap`` apart and
    all lie within [``low``, ``high``] when there is room; the input order is kept."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [0.0] * len(positions)
    previous = -math.inf
    for i in order:
        placed[i] = max(positions[i], previous + gap, low)
        previous = placed[i]
    overflow = (previous - high) if order else 0.0
    if overflow > 0:  # pushed past the bottom: shift back up, keeping the gaps
        following = math.inf
        for i in reversed(order):
            placed[i] = min(placed[i], following - gap, high)
            following = placed[i]
    return placed


def _x_ticks(periods: list[int], scale: Scale, *, plot: Box,
             period_label: Callable[[int], str]) -> tuple[XTick, ...]:
    """Every period when their labels fit side by side, else nice whole steps."""
    if not periods:
        return ()
    widest = max(text_width(len(period_label(p))) for p in periods) + 2 * GAP
    positions = [scale(p) for p in periods]
    if all(b - a >= widest for a, b in pairwise(positions)):
        chosen = periods
    else:
        max_ticks = max(2, int(plot.width // widest))
        values, _ = nice_ticks(periods[0], periods[-1], max_ticks=max_ticks, whole=True)
        chosen = [int(v) for v in values if periods[0] <= v <= periods[-1]]
    return tuple(XTick(period_label(p), r(scale(p))) for p in chosen)


def _target_geometry(target: Target, x_scale: Scale, y_scale: Scale, plot: Box,
                     period_label: Callable[[int], str]) -> TargetGeometry:
    x, y = r(x_scale(target.period)), r(y_scale(target.value))
    left_half = x < (plot.left + plot.right) / 2
    text = Label(r(x + 2 * GAP if left_half else x - 2 * GAP), r(y - FONT_SIZE),
                 "start" if left_half else "end")
    return TargetGeometry(target.value, target.period, period_label(target.period),
                          target.label, x, y, marker_path("star", x, y), text)


def _line_table(ordered: Sequence[Series], cleaned: list[list[tuple[int, float | None]]],
                periods: list[int], period_label: Callable[[int], str]) -> DataTable:
    by_period = [dict(points) for points in cleaned]
    rows = tuple(TableRow(period_label(p), tuple(values.get(p) for values in by_period))
                 for p in periods if any(p in values for values in by_period))
    return DataTable(tuple(s.label for s in ordered), rows)


def marker_path(shape: str, x: float, y: float, size: float = MARKER_RADIUS) -> str:
    """SVG path data of a marker centred on (``x``, ``y``): the shape tells the series apart
    without relying on colour."""
    s = size
    outlines: dict[str, list[tuple[float, float]]] = {
        "square": [(-s * .85, -s * .85), (s * .85, -s * .85), (s * .85, s * .85),
                   (-s * .85, s * .85)],
        "triangle": [(0, -s * 1.1), (s, s * .8), (-s, s * .8)],
        "diamond": [(0, -s * 1.2), (s * 1.2, 0), (0, s * 1.2), (-s * 1.2, 0)],
        "cross": [(-s, -s * .4), (-s * .4, -s * .4), (-s * .4, -s), (s * .4, -s), (s * .4, -s * .4),
                  (s, -s * .4), (s, s * .4), (s * .4, s * .4), (s * .4, s), (-s * .4, s),
                  (-s * .4, s * .4), (-s, s * .4)],
        "star": [(s * 1.5 * math.sin(a * math.pi / 5) * (1 if a % 2 == 0 else .45),
                  -s * 1.5 * math.cos(a * math.pi / 5) * (1 if a % 2 == 0 else .45))
                 for a in range(10)],
    }
    if shape not in outlines:  # a circle, as two arcs
        return (f"M{r(x - s)} {r(y)} a{s} {s} 0 1 0 {2 * s} 0 "
                f"a{s} {s} 0 1 0 {-2 * s} 0Z")
    return "M" + " L".join(f"{r(x + dx)} {r(y + dy)}" for dx, dy in outlines[shape]) + "Z"


# -- stacked bar (merit profiles) -----------------------------------------------------------

# Ordered categories from the best to the worst, a diverging scale (dark green … dark red)
# whose ends and middle stay distinguishable without colour vision: each segment also
# carries its share as text where it fits, a legend names the colours, and the data table
# has every number.
STACK_COLOURS = ("#00441b", "#1a7a3a", "#74c476", "#c7e9c0", "#fee391", "#fc8d59", "#d7301f",
                 "#7f0000")
STACK_LEGEND_SWATCH = 12.0
STACK_HALF_OVERHANG = 5.0  # how far the 50 % line reaches beyond a bar


@dataclass(frozen=True, slots=True)
class StackedRow:
    """One bar of a stacked chart: a label and one value per category (counts or shares;
    each row is drawn as shares of its own total)."""

    label: str
    values: Sequence[float]
    highlight: bool = False


@dataclass(frozen=True, slots=True)
class SegmentGeometry:
    category: str
    value: float
    share: float
    x: float
    width: float
    fill: str
    text_fill: str
    text_x: float
    show_text: bool  # the share fits inside the segment


@dataclass(frozen=True, slots=True)
class StackedRowGeometry:
    label: str
    short_label: str
    highlight: bool
    y: float
    height: float
    text_y: float
    segments: tuple[SegmentGeometry, ...]


@dataclass(frozen=True, slots=True)
class StackedLegendEntry:
    category: str
    fill: str
    x: float
    y: float  # the text's middle line
    swatch_y: float
    text_x: float


@dataclass(frozen=True, slots=True)
class StackedBarChart:
    key: str
    title: str
    format: NumberFormat  # of the shares, in percent
    width: float
    height: float
    plot: Box
    label_x: float
    legend: tuple[StackedLegendEntry, ...]
    axis: Axis
    tick_label_y: float
    half_x: float | None  # the 50 % line, when marked
    half_top: float
    half_bottom: float
    rows: tuple[StackedRowGeometry, ...]
    categories: tuple[str, ...]
    table: DataTable


def stack_colours(count: int) -> tuple[str, ...]:
    """``count`` colours from the best category's to the worst's, spread over the scale."""
    if count <= 1:
        return STACK_COLOURS[:1]
    last = len(STACK_COLOURS) - 1
    return tuple(STACK_COLOURS[round(i * last / (count - 1))] for i in range(count))


def _text_on(fill: str) -> str:
    return "#ffffff" if contrast_ratio(fill, "#ffffff") >= contrast_ratio(fill, "#161616") \
        else "#161616"


def stacked_bar(rows: Sequence[StackedRow], *, categories: Sequence[str], title: str,
                precision: int = 0, mark_half: bool = True,
                key: str | None = None) -> StackedBarChart:
    """Horizontal bars split into ordered categories, each bar 100 % of its row's total: a
    merit profile (Balinski & Laraki 2011) shows the share of each grade, best on the left,
    and the 50 % line shows the majority grade of each bar (the category under the line).

    A row whose total is zero is drawn empty (no segment); its shares are missing in the
    table. The legend above the plot names each category's colour, wrapping as needed.
    """
    categories = tuple(categories)
    for row in rows:
        if len(row.values) != len(categories):
            raise ValueError("Each row needs one value per category.")
    colours = stack_colours(len(categories))
    longest = max((len(row.label) for row in rows), default=0)
    label_width = min(text_width(longest), WIDTH * MAX_LABEL_SHARE)
    left = r(label_width + 2 * PADDING)
    # Legend: entries side by side, wrapping at the right edge.
    legend: list[StackedLegendEntry] = []
    x, y = left, PADDING + LINE_HEIGHT / 2
    for category, fill in zip(categories, colours, strict=True):
        entry_width = STACK_LEGEND_SWATCH + GAP + text_width(len(category)) + 2 * GAP
        if x + entry_width > WIDTH - PADDING and x > left:
            x, y = left, y + LINE_HEIGHT
        legend.append(StackedLegendEntry(category, fill, r(x), r(y),
                                         r(y - STACK_LEGEND_SWATCH / 2),
                                         r(x + STACK_LEGEND_SWATCH + GAP)))
        x += entry_width
    top = y + LINE_HEIGHT / 2 + GAP + STACK_HALF_OVERHANG
    # Room on the right for half of the last tick's label ("100 %"), centred on the edge.
    right = WIDTH - PADDING - text_width(len("100 %")) / 2
    plot = Box(left, r(top), r(right), r(top + BAR_BAND * max(len(rows), 1)))
    scale = Scale(0.0, 100.0, plot.left, plot.right)
    ticks = tuple(Tick(float(v), r(scale(v))) for v in (0, 25, 50, 75, 100))
    axis = Axis(ticks, NumberFormat(0, "%"), r(scale(0.0)))
    max_chars = max(int(label_width / CHAR_WIDTH + 1e-9), 1)
    number_format = NumberFormat(precision, "%")
    drawn = []
    table_rows = []
    for index, row in enumerate(rows):
        values = [finite(v) or 0.0 for v in row.values]
        total = sum(values)
        bar_top = plot.top + index * BAR_BAND + (BAR_BAND - BAR_THICKNESS) / 2
        segments = []
        start = 0.0
        for category, fill, value in zip(categories, colours, values, strict=True):
            share = 100 * value / total if total else 0.0
            if share > 0:
                x0, x1 = scale(start), scale(start + share)
                label_chars = number_chars(share, number_format)
                segments.append(SegmentGeometry(
                    category=category, value=value, share=share, x=r(x0), width=r(x1 - x0),
                    fill=fill, text_fill=_text_on(fill), text_x=r((x0 + x1) / 2),
                    show_text=x1 - x0 >= text_width(label_chars) + GAP))
            start += share
        drawn.append(StackedRowGeometry(
            label=row.label, short_label=shorten(row.label, max_chars),
            highlight=row.highlight, y=r(bar_top), height=BAR_THICKNESS,
            text_y=r(bar_top + BAR_THICKNESS / 2), segments=tuple(segments)))
        table_rows.append(TableRow(row.label, tuple(
            (100 * v / total) if total else None for v in values), row.highlight))
    return StackedBarChart(
        key=key or chart_key("stacked", title, (tuple((r.label, tuple(r.values)) for r in rows),
                                                categories)),
        title=title, format=number_format, width=WIDTH,
        height=plot.bottom + AXIS_LABEL_SPACE + PADDING, plot=plot,
        label_x=r(label_width + PADDING), legend=tuple(legend), axis=axis,
        tick_label_y=r(plot.bottom + AXIS_LABEL_SPACE - GAP),
        half_x=r(scale(50.0)) if mark_half else None,
        half_top=r(plot.top - STACK_HALF_OVERHANG),
        half_bottom=r(plot.bottom + STACK_HALF_OVERHANG), rows=tuple(drawn),
        categories=categories, table=DataTable(categories, tuple(table_rows)))
