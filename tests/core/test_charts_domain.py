"""Chart geometry (core/domain/charts.py), without a database."""

import math
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.core.domain.charts import (
    Bar,
    Series,
    Target,
    bar_chart,
    line_chart,
    nice_step,
    nice_ticks,
    spread,
)

values = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
maybe_values = st.one_of(st.none(), values)
TOLERANCE = 0.11  # coordinates are rounded to a tenth of a unit


def is_nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5))


# -- ticks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 10, (0, 2, 4, 6, 8, 10)),
    (0, 12.5, (0, 5, 10, 15)),
    (-3.2, 12.5, (-5, 0, 5, 10, 15)),
    (0.12, 0.47, (0.1, 0.2, 0.3, 0.4, 0.5)),
    (1998, 2021, (1995, 2000, 2005, 2010, 2015, 2020, 2025)),
])
def test_ticks_are_nice_round_numbers_covering_the_range(low, high, expected):
    ticks, _ = nice_ticks(low, high, max_ticks=6)
    assert ticks == pytest.approx(expected)


def test_tick_decimals_follow_the_step():
    assert nice_ticks(0, 1, max_ticks=6)[1] == 1  # 0.2 steps
    assert nice_ticks(0, 0.1, max_ticks=6)[1] == 2
    assert nice_ticks(0, 1000, max_ticks=6)[1] == 0


def test_an_empty_range_is_widened_around_its_value():
    ticks, _ = nice_ticks(7, 7)
    assert ticks[0] < 7 < ticks[-1]


@settings(max_examples=300)
@given(low=values, high=values, max_ticks=st.integers(2, 10))
def test_ticks_cover_the_range_in_steps_of_one_two_or_five(low, high, max_ticks):
    ticks, _ = nice_ticks(low, high, max_ticks=max_ticks)
    lo, hi = min(low, high), max(low, high)
    slack = 1e-6 * (ticks[1] - ticks[0])
    assert ticks[0] <= lo + slack and ticks[-1] >= hi - slack
    steps = [b - a for a, b in pairwise(ticks)]
    assert all(is_nice(step) for step in steps)
    assert len(ticks) <= max_ticks + 2


def test_nice_step_rounds_up_to_one_two_or_five():
    assert nice_step(10, 6) == 2
    assert nice_step(7, 2) == 10
    assert nice_step(0.3, 4) == pytest.approx(0.1)


# -- bar chart ------------------------------------------------------------------------------


@settings(max_examples=200)
@given(st.lists(maybe_values, min_size=1, max_size=8))
def test_every_bar_lies_within_the_plot_area(raw):
    chart = bar_chart([Bar(f"Area {i}", v) for i, v in enumerate(raw)], title="t", precision=1)
    plot = chart.plot
    for bar in chart.bars:
        assert plot.top <= bar.y and bar.y + bar.height <= plot.bottom
        if bar.x is not None:
            assert plot.left - TOLERANCE <= bar.x
            assert bar.x + bar.width <= plot.right + TOLERANCE
    assert 0 <= chart.label_x < plot.left < plot.right <= chart.width


@settings(max_examples=200)
@given(st.lists(maybe_values, min_size=1, max_size=8))
def test_the_bar_ticks_cover_the_values_and_zero(raw):
    chart = bar_chart([Bar(str(i), v) for i, v in enumerate(raw)], title="t")
    ticks = [t.value for t in chart.axis.ticks]
    present = [v for v in raw if v is not None]
    slack = 1e-6 * (ticks[1] - ticks[0])
    assert ticks[0] <= min([0, *present]) + slack and ticks[-1] >= max([0, *present]) - slack


@settings(max_examples=200)
@given(st.lists(maybe_values, min_size=1, max_size=8))
def test_a_missing_value_never_produces_a_bar(raw):
    chart = bar_chart([Bar(str(i), v) for i, v in enumerate(raw)], title="t")
    for value, bar in zip(raw, chart.bars, strict=True):
        assert (bar.x is None and bar.width is None) == (value is None)
        assert bar.missing == (value is None)


@settings(max_examples=200)
@given(negative=st.floats(-1e6, -1e-3), positive=st.floats(1e-3, 1e6))
def test_the_zero_line_splits_negative_and_positive_bars_in_proportion(negative, positive):
    chart = bar_chart([Bar("a", negative), Bar("b", positive)], title="t")
    ticks = chart.axis.ticks
    first, last = ticks[0], ticks[-1]
    expected = first.position + (0 - first.value) * (last.position - first.position) / (
        last.value - first.value)
    assert chart.axis.zero == pytest.approx(expected, abs=TOLERANCE)
    below, above = chart.bars
    assert below.x + below.width == pytest.approx(chart.axis.zero, abs=2 * TOLERANCE)
    assert above.x == pytest.approx(chart.axis.zero, abs=2 * TOLERANCE)
    assert below.value_anchor == "end" and above.value_anchor == "start"


def test_bar_lengths_are_proportional_to_the_values():
    chart = bar_chart([Bar("a", 10), Bar("b", 5), Bar("c", 2.5)], title="t")
    a, b, c = (bar.width for bar in chart.bars)
    assert b == pytest.approx(a / 2, abs=TOLERANCE) and c == pytest.approx(a / 4, abs=TOLERANCE)


def test_a_missing_value_is_a_labelled_gap_and_a_table_row_without_a_number():
    chart = bar_chart([Bar("Pays de Test", 12.5, highlight=True), Bar("France", None)],
                      title="Unemployment", unit="%", precision=1)
    territory, france = chart.bars
    assert territory.highlight and not france.highlight
    assert france.missing and france.x is None
    assert chart.plot.left < france.value_x < chart.plot.right
    assert [row.cells for row in chart.table.rows] == [(12.5,), (None,)]
    assert chart.table.rows[0].highlight and chart.has_missing


def test_nan_and_infinite_values_are_missing_not_zero():
    chart = bar_chart([Bar("a", math.nan), Bar("b", math.inf), Bar("c", 1)], title="t")
    assert [bar.missing for bar in chart.bars] == [True, True, False]


def test_a_long_label_is_cut_in_the_drawing_and_whole_in_the_table():
    label = "Communauté de communes du Pays de Test et des Vallées Voisines"
    chart = bar_chart([Bar(label, 1)], title="t")
    assert chart.bars[0].short_label.endswith("…") and len(chart.bars[0].short_label) < len(label)
    assert chart.table.rows[0].label == label
    line = line_chart([Series(label * 2, [(2010, 1)])], title="t").series[0]
    assert line.short_label.endswith("…") and line.label == label * 2


def test_the_chart_key_is_stable_and_depends_on_the_content():
    def make(value):
        return bar_chart([Bar("a", value)], title="t")

    assert make(1).key == make(1).key != make(2).key
    assert bar_chart([Bar("a", 1)], title="t", key="unemployment").key == "unemployment"


# -- line chart -----------------------------------------------------------------------------


series_points = st.dictionaries(st.integers(1950, 2060), maybe_values, max_size=12)


@settings(max_examples=200)
@given(st.lists(series_points, min_size=1, max_size=4),
       st.one_of(st.none(), st.tuples(st.integers(1950, 2060), values)))
def test_line_points_lie_in_the_plot_and_missing_values_draw_nothing(all_points, target):
    chart = line_chart(
        [Series(f"S{i}", sorted(points.items())) for i, points in enumerate(all_points)],
        title="t", precision=1, target=Target(*target) if target else None)
    plot = chart.plot
    for drawn, points in zip(chart.series, all_points, strict=True):
        present = {p: v for p, v in points.items() if v is not None}
        assert [p.period for p in drawn.points] == sorted(present)
        for point in drawn.points:
            assert plot.left - TOLERANCE <= point.x <= plot.right + TOLERANCE
            assert plot.top - TOLERANCE <= point.y <= plot.bottom + TOLERANCE
        vertices = sum(len(re.findall(r"[ML]", d)) for d in drawn.paths)
        assert vertices <= len(present)
    ticks = [t.value for t in chart.axis.ticks]
    shown = [v for points in all_points for v in points.values() if v is not None]
    shown += [target[1]] if target else []
    slack = 1e-6 * (ticks[1] - ticks[0])
    if shown:
        assert ticks[0] <= min(shown) + slack and ticks[-1] >= max(shown) - slack


def test_a_missing_value_breaks_the_line_instead_of_dropping_to_zero():
    chart = line_chart([Series("a", [(2010, 5), (2011, 6), (2012, None), (2013, 7), (2014, 8)])],
                       title="t")
    line = chart.series[0]
    assert len(line.paths) == 2
    assert [p.period for p in line.points] == [2010, 2011, 2013, 2014]
    assert chart.axis.ticks[0].value >= 4  # zero is not dragged in


def test_irregular_periods_are_spaced_by_their_distance():
    chart = line_chart([Series("a", [(2000, 1), (2010, 2), (2012, 3)])], title="t")
    x0, x1, x2 = (p.x for p in chart.series[0].points)
    assert (x1 - x0) == pytest.approx(5 * (x2 - x1), abs=1)
    assert [t.label for t in chart.x_ticks] == ["2000", "2010", "2012"]


def test_many_periods_get_nice_ticks_rather_than_one_label_each():
    chart = line_chart([Series("a", [(year, year % 7) for year in range(1968, 2023)])], title="t")
    labels = [int(t.label) for t in chart.x_ticks]
    assert len(labels) < 15 and all(label % 5 == 0 for label in labels)


def test_the_highlighted_series_comes_first_with_the_first_style():
    chart = line_chart([Series("France", [(2010, 1)]), Series("Here", [(2010, 2)], True)],
                       title="t")
    assert [(s.label, s.style, s.dash) for s in chart.series] == [("Here", 0, ""),
                                                                   ("France", 1, "7 4")]
    assert chart.table.columns == ("Here", "France")


def test_the_table_has_a_row_per_period_and_a_column_per_series():
    chart = line_chart([Series("a", [(2010, 1), (2012, None)]), Series("b", [(2011, 2)])],
                       title="t", period_labels={2010: "2010 (census)"})
    assert [(row.label, row.cells) for row in chart.table.rows] == [
        ("2010 (census)", (1, None)), ("2011", (None, 2)), ("2012", (None, None))]


def test_a_target_is_placed_at_its_period_and_value():
    chart = line_chart([Series("a", [(2015, 10), (2020, 12)])], title="t",
                       target=Target(2030, 20))
    assert chart.target.x == pytest.approx(chart.plot.right)
    assert chart.axis.ticks[-1].value >= 20
    assert chart.target.y < chart.series[0].points[-1].y  # higher value, higher on the page


def test_end_labels_of_close_values_do_not_overlap():
    chart = line_chart([Series(str(i), [(2010, 1), (2020, 5 + i / 100)]) for i in range(4)],
                       title="t")
    ys = sorted(s.end_label.y for s in chart.series)
    assert all(b - a >= 14 for a, b in pairwise(ys))


def test_a_chart_without_any_value_is_empty_not_broken():
    chart = line_chart([Series("a", [(2010, None)])], title="t")
    assert chart.is_empty and chart.series[0].paths == ()
    assert bar_chart([], title="t").bars == ()


@settings(max_examples=200)
@given(st.lists(st.floats(0, 300), max_size=12))
def test_spread_labels_keep_their_gap_and_stay_in_bounds_when_there_is_room(positions):
    placed = spread(positions, gap=15, low=0, high=300)
    ordered = sorted(placed)
    assert all(b - a >= 15 - 1e-9 for a, b in pairwise(ordered))
    assert all(-1e-9 <= y <= 300 + 1e-9 for y in placed)
