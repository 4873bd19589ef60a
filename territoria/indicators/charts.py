"""The charts of one indicator for one territory, built from its comparison: bars against
its references and its peers' median, and its values over time beside its references'.

Geometry from ``core/domain/charts.py``, drawn by ``ui/chart_bar.html`` and
``ui/chart_line.html`` on the indicator's page, in the diagnostic report and its PDF.
"""

from django.utils.translation import gettext as _

from territoria.core.domain.charts import Bar, BarChart, LineChart, Series, bar_chart, line_chart


def _year(period: str) -> int | None:
    return int(period[:4]) if period[:4].isdigit() else None


def comparison_chart(row, *, territory_name: str) -> BarChart:
    """The territory's latest value against its references and its peers' median."""
    indicator = row.indicator
    bars = [Bar(territory_name, row.comparison.value, highlight=True)]
    bars += [Bar(ref.name, ref.value) for ref in row.comparison.references]
    if row.comparison.position.peers:
        bars.append(Bar(_("Median of %(n)s comparable areas") % {
            "n": row.comparison.position.peers}, row.comparison.peer_median))
    title = _("%(indicator)s (%(period)s)") % {"indicator": indicator.label,
                                               "period": row.period}
    return bar_chart(bars, title=title, unit=indicator.unit_label,
                     precision=indicator.precision, value_label=indicator.label,
                     key=f"chart-{indicator.code}")


def history_chart(row, *, territory_name: str, references, references_history
                  ) -> LineChart | None:
    """The territory's value over the periods it has, beside its references' values;
    ``None`` with fewer than two known values."""
    indicator = row.indicator
    points = [(year, value) for period, value in row.history
              if (year := _year(period)) is not None]
    if sum(1 for _, v in points if v is not None) < 2:
        return None
    series = [Series(territory_name, points, highlight=True)]
    for ref in references:
        values = references_history.get((indicator.pk, ref.code), {})
        ref_points = [(year, value) for period, value in sorted(values.items())
                      if (year := _year(period)) is not None]
        if ref_points:
            series.append(Series(ref.name, ref_points))
    title = _("%(indicator)s over time") % {"indicator": indicator.label}
    return line_chart(series, title=title, unit=indicator.unit_label,
                      precision=indicator.precision, key=f"history-{indicator.code}")
