"""The audit trail of a territory: who changed what and when, across every audited model.

Every model that holds content declares ``history = HistoricalRecords()`` (django-simple-
history); this module reads those records for one territory, newest first.
"""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from territoria.core.models import Territory

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    model: str
    object: str
    changes: list[tuple[str, str, str]]


def _audited_models():
    for model in apps.get_models():
        attribute = getattr(model._meta, "simple_history_manager_attribute", None)
        if attribute:
            yield model, getattr(model, attribute).model


def _scoped(model, history_model, territory):
    if model is Territory:
        return history_model.objects.filter(id=territory.pk)
    if any(f.name == "territory" for f in model._meta.fields):
        return history_model.objects.filter(territory_id=territory.pk)
    return None


def _changes(record) -> list[tuple[str, str, str]]:
    if record.history_type != "~":
        return []
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [(str(record.instance._meta.get_field(c.field).verbose_name), str(c.old), str(c.new))
            for c in delta.changes]


def territory_history(*, territory: Territory, limit: int = 200) -> list[HistoryEntry]:
    streams = []
    for model, history_model in _audited_models():
        qs = _scoped(model, history_model, territory)
        if qs is not None:
            streams.append(qs.select_related("history_user").order_by("-history_date")[:limit])
    records = list(merge(*streams, key=lambda r: r.history_date, reverse=True))[:limit]
    return [
        HistoryEntry(
            when=r.history_date,
            who=str(r.history_user) if r.history_user else str(_("system")),
            kind=str(KIND_LABELS.get(r.history_type, r.history_type)),
            model=str(r.instance._meta.verbose_name),
            object=str(r.instance),
            changes=_changes(r),
        )
        for r in records
    ]
