"""What the diagnostic report shows: one context for the web page and the PDF."""

from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.axes import Axis
from territoria.core.models import Territory
from territoria.diagnostic import selectors


def report_context(*, territory: Territory) -> dict:
    """The territory's profile, its indicators by axis against references and peers (with a
    chart each), its strengths and weaknesses with their evidence, and the contributions."""
    from territoria.core.selectors import territory_population
    from territoria.indicators.charts import comparison_chart, history_chart
    from territoria.indicators.comparison import reference_history

    comparison = selectors.diagnostic_comparison(territory=territory)
    by_axis = comparison.by_axis()
    with_history = [r.indicator for r in comparison.rows if len(r.history) > 1]
    references_history = reference_history(comparison.references, with_history)
    board = {b.axis: b for b in selectors.board_get(territory=territory)}
    axes = []
    for value, label in Axis.choices:
        rows = [r for r in by_axis.get(value, []) if r.period]
        axes.append({
            "axis": value, "label": label, "board": board.get(value),
            "indicators": [{"row": r,
                            "chart": comparison_chart(r, territory_name=territory.name),
                            "history": history_chart(
                                r, territory_name=territory.name,
                                references=comparison.references,
                                references_history=references_history)}
                           for r in rows],
        })
    items = selectors.item_list(territory=territory)
    return {
        "territory": territory,
        "population": territory_population(territory=territory),
        "commune_count": territory.communes.count(),
        "comparison": comparison,
        "axes": axes,
        "contribution_count": sum(1 for i in items if not i.from_data),
        "support_count": sum(i.support_count for i in items),
        "generated_at": timezone.now(),
        "has_values": any(r.period for r in comparison.rows),
        "demo_values": _demo_values(territory),
    }


def _demo_values(territory: Territory) -> bool:
    """Whether the territory's figures rest on demonstration values (some of its communes
    still hold values of the demonstration import), not only on imported data."""
    from territoria.indicators.models import DataImport, IndicatorValue, Level

    communes = territory.communes.values_list("insee_code", flat=True)
    return IndicatorValue.objects.filter(level=Level.COMMUNE, area_code__in=list(communes),
                                         data_import__kind=DataImport.Kind.DEMO).exists()
