"""The stacked bar (merit profiles): geometry as data, and the SVG with its data table."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from territoria.core.domain.charts import StackedRow, stack_colours, stacked_bar
from territoria.core.domain.colour import contrast_ratio

CATEGORIES = ["Excellent", "Very good", "Good", "Fair", "Poor", "To reject"]
SVG = "{http://www.w3.org/2000/svg}"


def chart():
    return stacked_bar([StackedRow("Bayrou", [136, 307, 250, 148, 84, 74]),
                        StackedRow("Nobody yet", [0, 0, 0, 0, 0, 0])],
                       categories=CATEGORIES, title="Merit profiles")


def test_each_bar_fills_the_plot_in_the_categories_order():
    geometry = chart()
    segments = geometry.rows[0].segments
    assert [s.category for s in segments] == CATEGORIES
    assert segments[0].x == geometry.plot.left
    assert segments[-1].x + segments[-1].width == pytest.approx(geometry.plot.right, abs=0.2)
    assert sum(s.share for s in segments) == pytest.approx(100)
    assert geometry.rows[1].segments == ()


def test_the_half_line_is_in_the_middle_of_the_plot():
    geometry = chart()
    assert geometry.half_x == pytest.approx((geometry.plot.left + geometry.plot.right) / 2, abs=0.1)
    assert stacked_bar([StackedRow("a", [1, 1])], categories=["x", "y"], title="t",
                       mark_half=False).half_x is None


def test_the_table_holds_every_share_and_marks_empty_rows_missing():
    table = chart().table
    assert table.columns == tuple(CATEGORIES)
    assert table.rows[0].cells[0] == pytest.approx(13.6, abs=0.05)
    assert table.rows[1].cells == (None,) * 6


def test_text_on_segments_is_legible_and_colours_run_from_best_to_worst():
    for segment in chart().rows[0].segments:
        assert contrast_ratio(segment.fill, segment.text_fill) >= 4.5 or not segment.show_text
    assert len(set(stack_colours(6))) == 6
    assert stack_colours(2) == ("#00441b", "#7f0000")


def test_a_row_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError):
        stacked_bar([StackedRow("a", [1])], categories=["x", "y"], title="t")


def test_the_template_draws_an_accessible_svg_and_a_table():
    html = render_to_string("ui/chart_stacked_bar.html", {"chart": chart(), "corner": "Option"})
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Merit profiles"
    description = svg.find(f"{SVG}desc").text
    assert "Bayrou: Excellent 14" in description and "Nobody yet: No data" in description
    assert len(svg.findall(f".//{SVG}rect[@class='chart-segment']")) == 6
    assert svg.find(f".//{SVG}line[@class='chart-half']") is not None
    assert "<caption>" in html and '<th scope="row">Bayrou</th>' in html
