"""Template helpers for the chart components (``ui/chart_bar.html``, ``ui/chart_line.html``)."""

from typing import Any

from django import template

from territoria.core.domain.charts import NumberFormat
from territoria.core.domain.colour import ChartPalette
from territoria.core.domain.colour import chart_palette as make_palette
from territoria.core.formats import format_quantity

register = template.Library()


@register.filter
def quantity(value: float | None, number_format: NumberFormat) -> str:
    """``{{ value|quantity:chart.format }}``: the number in the reader's language, with the
    format's precision and unit; an empty string for a missing value."""
    if value is None or value == "":
        return ""
    return format_quantity(value, precision=number_format.precision, unit=number_format.unit)


@register.simple_tag(takes_context=True)
def chart_palette(context: template.Context) -> ChartPalette:
    """``{% chart_palette as colours %}``: the chart colours, the territory's own first.

    The theme of the page (``theme``, set for territory pages and by ``render_pdf``) gives
    the territory's colour; elsewhere the default brand colour is used.
    """
    theme: Any = context.get("theme")
    return make_palette(theme.brand_strong) if theme else make_palette()


@register.filter
def series_colour(palette: ChartPalette, style: int) -> str:
    """``{{ colours|series_colour:line.style }}``."""
    return palette.series_colour(style)


@register.filter
def euros(value) -> str:
    """``{{ amount|euros }}``: an amount in whole euros, grouped the reader's way."""
    if value is None or value == "":
        return ""
    return format_quantity(float(value), precision=0, unit="€")


@register.filter
def share(value) -> str:
    """``{{ ratio|share }}``: a ratio (0.82) as a whole percentage (82 %)."""
    if value is None or value == "":
        return ""
    return format_quantity(float(value) * 100, precision=0, unit="%")
