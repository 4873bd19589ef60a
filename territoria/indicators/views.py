from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from territoria.core.decorators import territory_view
from territoria.indicators import selectors, services
from territoria.indicators.forms import DataImportForm
from territoria.indicators.imports import NOTICES, PROBLEMS
from territoria.indicators.models import DataImport, MissingReason

COUNT_LABELS = {
    "rows": gettext_lazy("Rows read"),
    "cells": gettext_lazy("Cells read"),
    "values": gettext_lazy("Values read"),
    "empty": gettext_lazy("Empty cells, kept as missing (not published by the source)"),
    "skipped": gettext_lazy("Cells left out (see the problems below)"),
    "merged_rows": gettext_lazy("Rows of former communes combined into the current commune"),
    "records": gettext_lazy("Values to store"),
    "create": gettext_lazy("New values"),
    "update": gettext_lazy("Values that would change"),
    "unchanged": gettext_lazy("Values already there, unchanged"),
}


def _number(value) -> str:
    return intcomma(value) if isinstance(value, int) else str(value)


def format_value(value, indicator) -> str:
    """A stored value as a resident reads it: rounded to the indicator's precision, or
    why it is missing."""
    if value is None:
        return "—"
    if value.value is None:
        return str(MissingReason(value.missing).label) if value.missing else "—"
    # number_format cuts the decimals it does not show; round half up first.
    rounded = Decimal(repr(value.value)).quantize(Decimal(1).scaleb(-indicator.precision),
                                                  rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=indicator.precision, use_l10n=True,
                         force_grouping=True)


@territory_view("indicators.view_indicators")
@require_safe
def indicator_list(request, territory):
    return render(request, "indicators/indicator_list.html", {
        "axes": selectors.indicator_list_by_axis(),
        "can_manage_imports": request.user.has_perm("indicators.manage_imports", territory),
    })


@territory_view("indicators.view_indicators")
def indicator_detail(request, territory, code):
    indicator = selectors.indicator_get(code=code)
    areas, periods, values = selectors.indicator_values_for_territory(
        territory=territory, indicator=indicator)
    table = {
        "caption": _("Values of “%(name)s” (%(unit)s)") % {
            "name": indicator.label, "unit": indicator.unit_label},
        "headers": [_("Area"), *periods],
        "rows": [[area.name, *[format_value(values.get((area.level, area.code, period)),
                                            indicator) for period in periods]]
                 for area in areas] if periods else [],
    }
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator, "table": table})


@territory_view("indicators.manage_imports")
def import_list(request, territory):
    imports = selectors.data_import_list(territory=territory)
    return render(request, "indicators/import_list.html", {"imports": imports})


@territory_view("indicators.manage_imports")
def import_create(request, territory):
    posted = request.method == "POST"
    form = DataImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        data_import = services.data_import_start(
            territory=territory, user=request.user, upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"], language=get_language())
        return redirect("core:job-detail", job_id=data_import.job_id)
    return render(request, "indicators/import_create.html", {"form": form})


def _report_tables(report: dict) -> tuple[dict, list[dict]]:
    counts = report.get("counts", {})
    count_table = {
        "caption": _("What the file holds"),
        "headers": [_("Count"), _("Number")],
        "rows": [[label, _number(counts[key])] for key, label in COUNT_LABELS.items()
                 if key in counts],
    }
    problems = []
    for category, entry in report.get("problems", {}).items():
        problems.append({
            "category": category,
            "notice": category in NOTICES,
            "count": entry["count"],
            "table": {
                "caption": "%s (%s)" % (_(PROBLEMS.get(category, category)),
                                        intcomma(entry["count"])),
                "headers": [_("Line"), _("Column"), _("Content"), _("Detail")],
                "rows": [[example.get("line") or "—", example.get("column") or "—",
                          example.get("text") or "—", example.get("detail") or "—"]
                         for example in entry["examples"]],
            },
        })
    problems.sort(key=lambda problem: problem["notice"])
    return count_table, problems


@territory_view("indicators.manage_imports")
def import_detail(request, territory, import_id):
    data_import = selectors.data_import_get(territory=territory, import_id=import_id)
    counts, problems = _report_tables(data_import.report)
    return render(request, "indicators/import_detail.html", {
        "data_import": data_import, "counts": counts, "problems": problems,
        "report": data_import.report,
        "can_apply": data_import.status == DataImport.State.PREVIEWED,
        "can_undo": data_import.status == DataImport.State.APPLIED,
    })


@territory_view("indicators.manage_imports")
@require_POST
def import_apply(request, territory, import_id):
    data_import = selectors.data_import_get(territory=territory, import_id=import_id)
    try:
        services.data_import_apply_start(data_import=data_import, user=request.user,
                                         language=get_language())
    except services.ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("indicators:import-detail", territory_slug=territory.slug,
                        import_id=data_import.pk)
    return redirect("core:job-detail", job_id=data_import.job_id)


@territory_view("indicators.manage_imports")
def import_undo(request, territory, import_id):
    """GET asks for confirmation; POST undoes in the background."""
    data_import = selectors.data_import_get(territory=territory, import_id=import_id)
    if request.method == "POST":
        try:
            services.data_import_undo_start(data_import=data_import, user=request.user,
                                            language=get_language())
        except services.ImportRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("indicators:import-detail", territory_slug=territory.slug,
                            import_id=data_import.pk)
        return redirect("core:job-detail", job_id=data_import.job_id)
    return render(request, "indicators/import_undo.html", {"data_import": data_import})
