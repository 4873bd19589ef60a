"""The chart components (ui/chart_bar.html, ui/chart_line.html): what a reader sees and hears."""

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from territoria.core.domain.charts import Bar, Series, Target, bar_chart, line_chart
from territoria.core.domain.colour import (
    AA_GRAPHICS,
    AA_TEXT,
    CHART_GRID,
    CHART_REFERENCE,
    CHART_SERIES,
    chart_palette,
    contrast_ratio,
    palette_for,
)
from territoria.core.formats import format_quantity

pytestmark = pytest.mark.french  # reads the French catalog (compiled by `make messages`)

SVG = "{http://www.w3.org/2000/svg}"
NNBSP = "\u202f"
THEME_CSS = Path(__file__).resolve().parents[2] / "territoria/core/static/territoria/theme.css"


def render(template: str, chart, language: str = "fr", **context) -> str:
    with translation.override(language):
        return render_to_string(template, {"chart": chart, **context})


def svg_of(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0))


def texts(svg: ET.Element, css_class: str) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")
            if css_class in t.get("class", "").split()]


def table_cells(html: str) -> list[str]:
    cells = re.findall(r'<td class="num">(.*?)</td>', html, re.DOTALL)
    return [unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]


def unemployment(**overrides):
    bars = overrides.pop("bars", [
        Bar("Pays de Test", 12.5, highlight=True), Bar("Département", -3.25),
        Bar("France", None), Bar("Peers' median", 12345.678)])
    return bar_chart(bars, title="Unemployment rate", unit="%", precision=1, **overrides)


# -- numbers --------------------------------------------------------------------------------


def test_french_numbers_have_a_decimal_comma_and_narrow_no_break_spaces():
    with translation.override("fr"):
        assert format_quantity(12.5, precision=1, unit="%") == f"12,5{NNBSP}%"
        assert format_quantity(1234567.891, precision=2) == f"1{NNBSP}234{NNBSP}567,89"
        assert format_quantity(-0.04, precision=1) == "0,0"  # no "-0,0"
        assert format_quantity(12.25, precision=1) == "12,3"  # half up, not to even
        assert format_quantity(3, unit="€") == "3\u00a0€"


def test_english_numbers_have_a_decimal_point_and_a_stuck_percent_sign():
    with translation.override("en"):
        assert format_quantity(12.5, precision=1, unit="%") == "12.5%"
        assert format_quantity(1234567, precision=0) == "1,234,567"


# -- bar chart ------------------------------------------------------------------------------


def test_the_bar_chart_and_its_table_carry_the_same_numbers():
    html = render("ui/chart_bar.html", unemployment())
    svg = svg_of(html)
    drawn = texts(svg, "chart-value")
    assert drawn == [f"12,5{NNBSP}%", f"-3,3{NNBSP}%", f"12{NNBSP}345,7{NNBSP}%"]
    assert [cell for cell in table_cells(html) if cell != "Pas de données"] == drawn


def test_a_missing_value_shows_no_data_and_no_bar():
    html = render("ui/chart_bar.html", unemployment(), language="en")
    svg = svg_of(html)
    assert texts(svg, "chart-no-data") == ["No data"]
    assert len(list(svg.iter(f"{SVG}rect"))) == 3  # four areas, one without a value
    assert "No data" in table_cells(html)
    assert "France: no data" in "".join(svg.find(f"{SVG}desc").itertext())


def test_the_svg_is_an_image_named_by_its_title_and_described_by_a_summary():
    chart = unemployment()
    html = render("ui/chart_bar.html", chart, language="en")
    svg = svg_of(html)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") == f"{chart.key}-title"
    assert svg.get("aria-describedby") == desc.get("id")
    assert title.text == "Unemployment rate"
    assert desc.text.startswith("Bar chart. Pays de Test: 12.5%; Département: -3.3%;")
    assert '<th scope="col">Area</th>' in html and '<th scope="row">France</th>' in html
    assert "<caption>Values of the chart “Unemployment rate”</caption>" in html


def test_coordinates_stay_numbers_with_a_decimal_point_in_french():
    svg = svg_of(render("ui/chart_bar.html", unemployment()))
    for element in svg.iter():
        for name in ("x", "y", "width", "height", "x1", "x2", "viewBox"):
            if element.get(name) is not None:
                assert "," not in element.get(name), (element.tag, name, element.get(name))


def test_hostile_label_text_is_escaped():
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    html = render("ui/chart_bar.html", unemployment(bars=[Bar(hostile, 1)]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert hostile in "".join(svg_of(html).find(f"{SVG}desc").itertext())


def test_the_territory_bar_takes_the_territory_colour_and_stands_out_by_more_than_colour():
    theme = palette_for("#c2185b")
    svg = svg_of(render("ui/chart_bar.html", unemployment(), theme=theme))
    rects = list(svg.iter(f"{SVG}rect"))
    assert rects[0].get("fill") == theme.brand_strong
    assert {r.get("fill") for r in rects[1:]} == {CHART_REFERENCE}
    labels = [t for t in svg.iter(f"{SVG}text") if "chart-label" in t.get("class", "")]
    assert labels[0].get("font-weight") == "bold" and labels[1].get("font-weight") is None


# -- line chart -----------------------------------------------------------------------------


def population_change():
    return line_chart(
        [Series("France", [(2008, 7.0), (2013, 9.5), (2019, None), (2021, 8.0)]),
         Series("Pays de Test", [(2008, 6.0), (2013, 8.04), (2019, 8.5), (2021, 8.1)],
                highlight=True)],
        title="Unemployment over time", unit="%", precision=1,
        target=Target(2030, 5.0, label="Ambition"))


def test_the_line_chart_points_and_its_table_carry_the_same_numbers():
    html = render("ui/chart_line.html", population_change())
    svg = svg_of(html)
    points = {"".join(t.itertext()) for t in svg.iter(f"{SVG}title")} - {"Unemployment over time"}
    assert points == {
        f"Pays de Test, 2008: 6,0{NNBSP}%", f"Pays de Test, 2013: 8,0{NNBSP}%",
        f"Pays de Test, 2019: 8,5{NNBSP}%", f"Pays de Test, 2021: 8,1{NNBSP}%",
        f"France, 2008: 7,0{NNBSP}%", f"France, 2013: 9,5{NNBSP}%", f"France, 2021: 8,0{NNBSP}%"}
    cells = table_cells(html)
    assert cells == [f"6,0{NNBSP}%", f"7,0{NNBSP}%", f"8,0{NNBSP}%", f"9,5{NNBSP}%",
                     f"8,5{NNBSP}%", "Pas de données", f"8,1{NNBSP}%", f"8,0{NNBSP}%"]


def test_the_line_breaks_at_a_missing_value_and_the_summary_tells_the_trend():
    html = render("ui/chart_line.html", population_change(), language="en")
    svg = svg_of(html)
    france = next(g for g in svg.iter(f"{SVG}g") if "chart-series-1" in g.get("class", ""))
    lines = [p for p in france.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert len(lines) == 1  # 2008-2013; 2021 stands alone after the gap
    desc = "".join(svg.find(f"{SVG}desc").itertext())
    assert desc == ("Line chart. Pays de Test: 6.0% in 2008, 8.1% in 2021. "
                    "France: 7.0% in 2008, 8.0% in 2021. Target: 5.0% in 2030.")
    assert "Ambition: 5.0% (2030)" in html


def test_series_differ_by_dash_and_marker_not_only_by_colour():
    svg = svg_of(render("ui/chart_line.html", population_change()))
    groups = [g for g in svg.iter(f"{SVG}g") if "chart-series" in g.get("class", "")]
    dashes = [g.find(f"{SVG}line").get("stroke-dasharray") for g in groups]
    assert dashes[0] is None and dashes[1] is not None
    assert groups[0].get("stroke") != groups[1].get("stroke")
    assert "a4.5" in groups[0].findall(f"{SVG}path")[0].get("d")  # a circle
    assert "a4.5" not in groups[1].findall(f"{SVG}path")[0].get("d")  # a square


# -- colours --------------------------------------------------------------------------------


def css_custom_properties() -> dict[str, str]:
    return dict(re.findall(r"(--chart-[a-z0-9-]+):\s*([^;]+);", THEME_CSS.read_text()))


def test_theme_css_declares_the_chart_colours_the_pdf_paints():
    declared = css_custom_properties()
    assert declared["--chart-reference"] == CHART_REFERENCE
    assert declared["--chart-grid"] == CHART_GRID
    assert [declared[f"--chart-series-{i}"] for i in range(1, 5)] == list(CHART_SERIES)
    assert declared["--chart-highlight"] == "var(--brand-strong)"


@pytest.mark.parametrize("brand", ["#1f5f8b", "#ffeb3b", "#c2185b", "#00ff00"])
def test_chart_marks_reach_three_to_one_and_their_text_four_and_a_half(brand):
    palette = chart_palette(palette_for(brand).brand_strong)
    for colour in (palette.highlight, palette.reference, *palette.series):
        assert contrast_ratio(colour, "#ffffff") >= AA_GRAPHICS
        assert contrast_ratio(colour, "#ffffff") >= AA_TEXT  # end labels are written in it
    assert contrast_ratio(palette.muted, "#ffffff") >= AA_TEXT
