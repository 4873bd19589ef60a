"""Writes on indicators: the catalogue, and data imports (start, check, apply, undo).

An import goes through: uploaded → validating → previewed → applying → applied, and may be
undone. Checking and applying run as background tasks (``tasks.py``); each reads the file
again, so that what is applied is what the file says against the database of that moment.
Applying writes every value and recomputes the aggregates and derived values in one
transaction: a failure leaves the data as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from territoria.indicators.catalogue import CATALOGUE_PATH, Entry, read_catalogue
from territoria.indicators.models import Indicator

_FIELDS = ("name", "description", "unit", "precision", "direction", "axis", "principles",
           "source", "methodology", "licence", "aggregation", "scale", "formula",
           "insee_variable", "minimum", "maximum", "order")
_LINKS = ("numerator", "denominator", "weight")


@dataclass
class CatalogueReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)


def _field_value(entry: Entry, name: str):
    value = getattr(entry, name)
    return list(value) if name == "principles" else value


@transaction.atomic
def catalogue_load(*, path: Path = CATALOGUE_PATH) -> CatalogueReport:
    """Create or update the indicators of the catalogue file; idempotent.

    Texts, units and rules are updated from the file. Nothing is deleted: an indicator
    that left the file is kept with its values and listed in ``not_in_file``. The file is
    checked completely first (``catalogue.check_catalogue``); a bad file changes nothing.
    """
    entries = read_catalogue(path)
    report = CatalogueReport()
    existing = {indicator.code: indicator for indicator in Indicator.objects.all()}
    for entry in entries:
        indicator = existing.get(entry.code)
        if indicator is None:
            indicator = Indicator(code=entry.code)
            for name in _FIELDS:
                setattr(indicator, name, _field_value(entry, name))
            indicator.save()
            existing[entry.code] = indicator
            report.created.append(entry.code)
            continue
        changed = [name for name in _FIELDS
                   if getattr(indicator, name) != _field_value(entry, name)]
        for name in changed:
            setattr(indicator, name, _field_value(entry, name))
        if changed:
            indicator.save(update_fields=changed)
            report.updated.append(entry.code)
    for entry in entries:
        indicator = existing[entry.code]
        links = {f"{name}_id": existing[code].pk if (code := getattr(entry, name)) else None
                 for name in _LINKS}
        changed = [name for name, value in links.items() if getattr(indicator, name) != value]
        if changed:
            for name in changed:
                setattr(indicator, name, links[name])
            indicator.save(update_fields=changed)
            if entry.code not in report.created and entry.code not in report.updated:
                report.updated.append(entry.code)
    report.unchanged = len(entries) - len(report.created) - len(report.updated)
    in_file = {entry.code for entry in entries}
    report.not_in_file = sorted(code for code in existing if code not in in_file)
    return report
