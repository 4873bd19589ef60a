"""Writes on indicators: the catalogue, and data imports (start, check, apply, undo).

An import goes through: uploaded → validating → previewed → applying → applied, and may be
undone. Checking and applying run as background tasks (``tasks.py``); each reads the file
again, so that what is applied is what the file says against the database of that moment.
Applying writes every value and recomputes the aggregates and derived values in one
transaction: a failure leaves the data as it was.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from territoria.core.services import job_enqueue
from territoria.indicators import bulk
from territoria.indicators.catalogue import CATALOGUE_PATH, Entry, read_catalogue
from territoria.indicators.domain.files import FileProblem, read_table
from territoria.indicators.imports import Areas, ParsedFile, parse_insee, parse_long
from territoria.indicators.models import (
    DataImport,
    Indicator,
    IndicatorValue,
    Origin,
    ValueChange,
)
from territoria.indicators.recompute import values_recompute

Progress = Callable[[int, int, str], None]

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
    if report.created or report.updated:
        from territoria.search.index import index_rebuild

        transaction.on_commit(lambda: index_rebuild(kinds=["indicators.indicator"]))
    in_file = {entry.code for entry in entries}
    report.not_in_file = sorted(code for code in existing if code not in in_file)
    return report


# -- imports ------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportRefused(Exception):
    """An import step that cannot be done now; the message says why (translated)."""


@dataclass
class Diff:
    """What applying parsed values would do to the stored values."""

    creates: list[bulk.NewRow] = field(default_factory=list)
    updates: list[tuple[bulk.ChangedRow, tuple]] = field(default_factory=list)
    unchanged: int = 0
    # The imported values of each column of the file once applied: what the recomputation
    # would otherwise read back from the database.
    after: dict[tuple[str, str, str], dict[str, float | None]] = field(default_factory=dict)


def _indicators() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


def import_read(*, data_import: DataImport) -> ParsedFile:
    """The values of the import's file and its report; raises ``FileProblem``."""
    with data_import.file.open("rb") as stream:
        raw = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise FileProblem(gettext_noop("The file is larger than %(limit)s MB."),
                          limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    kind = data_import.kind
    table = read_table(raw, allow_workbook=kind != DataImport.Kind.INSEE)
    indicators = _indicators()
    areas = Areas.load()
    if kind == DataImport.Kind.INSEE:
        parsed = parse_insee(table, indicators=indicators, areas=areas)
    else:
        parsed = parse_long(table, indicators=indicators, areas=areas)
    parsed.report.format = {"format": table.format, "encoding": table.encoding,
                            "separator": table.separator, "member": table.member,
                            "columns": len(table.header)}
    return parsed


def import_diff(*, parsed: ParsedFile, data_import: DataImport) -> Diff:
    """Compare the parsed values with the stored ones, in memory, one column at a time.

    A value is unchanged when the stored one is imported with the same value, missing
    reason and status (whichever import wrote it).
    """
    diff = Diff()
    ids = {code: pk for pk, code in Indicator.objects.values_list("pk", "code")}
    imported = Origin.IMPORTED
    import_id = data_import.pk
    for (code, level, period), column in parsed.values.items():
        indicator_id = ids[code]
        stored = {row[1]: row for row in bulk.select_column(indicator_id, level, period)}
        after = {area: row[2] for area, row in stored.items() if row[5] == imported}
        after.update((area, cell[0]) for area, cell in column.items())
        diff.after[(code, level, period)] = after
        if not stored:  # a new column: every value is created
            diff.creates.extend([
                (indicator_id, level, area, period, value, missing, status, imported, None,
                 import_id) for area, (value, missing, status) in column.items()])
            continue
        for area, (value, missing, status) in column.items():
            row = stored.get(area)
            if row is None:
                diff.creates.append((indicator_id, level, area, period, value, missing, status,
                                     imported, None, import_id))
            elif row[2] == value and row[3] == missing and row[4] == status \
                    and row[5] == imported:
                diff.unchanged += 1
            else:
                diff.updates.append(((row[0], value, missing, status, imported, None,
                                      import_id),
                                     (indicator_id, level, area, period, *row[2:])))
    return diff


def data_import_start(*, territory, user, upload: UploadedFile, kind: str,
                      language: str) -> DataImport:
    """Keep an uploaded file in the private storage and check it in the background.

    The file is checked by the task (``tasks.validate_import``), which writes the report;
    nothing is written to the values before staff apply it.
    """
    from territoria.indicators.tasks import validate_import

    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        data_import = DataImport(territory=territory, kind=kind, created_by=user,
                                 original_name=upload.name[:255], checksum=digest.hexdigest())
        data_import.file.save(f"{uuid.uuid4().hex}.data", upload, save=False)
        data_import.save()
        job = job_enqueue(task=validate_import, user=user, territory=territory,
                          title=_("Check the data file “%(name)s”") % {
                              "name": data_import.original_name[:100]},
                          import_id=data_import.pk, language=language)
        data_import.job = job
        data_import.save(update_fields=["job"])
    return data_import


def data_import_validate(*, data_import: DataImport) -> DataImport:
    """Read and check the file, compare it with the stored values, keep the report.

    A file that cannot be read ends ``failed`` with the reason; otherwise ``previewed``,
    with the counts of values it would create, change and leave unchanged.
    """
    DataImport.objects.filter(pk=data_import.pk).update(status=DataImport.State.VALIDATING)
    try:
        parsed = import_read(data_import=data_import)
    except FileProblem as problem:
        data_import.report = {"error": problem.message(_), "counts": {}, "problems": {}}
        data_import.status = DataImport.State.FAILED
        data_import.save(update_fields=["report", "status"])
        return data_import
    except Exception:
        data_import.report = {"error": _("The file could not be checked because of an "
                                         "unexpected error."), "counts": {}, "problems": {}}
        data_import.status = DataImport.State.FAILED
        data_import.save(update_fields=["report", "status"])
        raise
    diff = import_diff(parsed=parsed, data_import=data_import)
    report = parsed.report.as_dict()
    report["counts"].update(create=len(diff.creates), update=len(diff.updates),
                            unchanged=diff.unchanged)
    data_import.report = report
    data_import.status = DataImport.State.PREVIEWED
    data_import.save(update_fields=["report", "status"])
    return data_import


def _start(*, data_import: DataImport, user, task, title: str, state: str,
           language: str) -> DataImport:
    with transaction.atomic():
        data_import.status = state
        data_import.job = job_enqueue(task=task, user=user, territory=data_import.territory,
                                      title=title, import_id=data_import.pk, language=language)
        data_import.save(update_fields=["status", "job"])
    return data_import


def data_import_apply_start(*, data_import: DataImport, user, language: str) -> DataImport:
    """Apply a checked import in the background; refused unless it is ``previewed``."""
    from territoria.indicators.tasks import apply_import

    if data_import.status != DataImport.State.PREVIEWED:
        raise ImportRefused(_("Only a checked import can be applied; this one is %(status)s.")
                            % {"status": data_import.get_status_display()})
    return _start(data_import=data_import, user=user, task=apply_import,
                  state=DataImport.State.APPLYING, language=language,
                  title=_("Apply the data file “%(name)s”") % {
                      "name": data_import.original_name[:100]})


def data_import_apply(*, data_import: DataImport, progress: Progress | None = None
                      ) -> DataImport:
    """Write the file's values and recompute the aggregates, in one transaction.

    The file is read and compared again, so that what is written is what it says against
    the values of this moment. Values that existed are recorded (``ValueChange``) so that
    undo restores them; values it creates carry the import. When nothing changes, nothing
    is written and nothing is recomputed. On any error the transaction is rolled back and
    the import goes back to ``previewed``.
    """
    say = progress or (lambda done, total, message: None)
    try:
        with transaction.atomic():
            bulk.prepare()
            say(1, 5, _("Reading the file…"))
            parsed = import_read(data_import=data_import)
            diff = import_diff(parsed=parsed, data_import=data_import)
            if diff.creates or diff.updates:
                say(2, 5, _("Writing %(count)s values…") % {
                    "count": len(diff.creates) + len(diff.updates)})
                ValueChange.objects.bulk_create([
                    ValueChange(data_import=data_import, indicator_id=old[0], level=old[1],
                                area_code=old[2], period=old[3], previous_value=old[4],
                                previous_missing=old[5], previous_status=old[6],
                                previous_origin=old[7], previous_coverage=old[8],
                                previous_import_id=old[9])
                    for _new, old in diff.updates], batch_size=2000)
                bulk.update([new for new, _old in diff.updates])
                bulk.insert(diff.creates)
                say(3, 5, _("Computing the values of EPCI, départements, régions and "
                            "France…"))
                values_recompute(imported=diff.after, progress=lambda step: say(4, 5, step))
            data_import.status = DataImport.State.APPLIED
            data_import.applied_at = timezone.now()
            data_import.values_created = len(diff.creates)
            data_import.values_updated = len(diff.updates)
            data_import.values_unchanged = diff.unchanged
            data_import.save(update_fields=["status", "applied_at", "values_created",
                                            "values_updated", "values_unchanged"])
    except Exception:
        DataImport.objects.filter(pk=data_import.pk).update(
            status=DataImport.State.PREVIEWED)
        raise
    return data_import


def _later_import(data_import: DataImport) -> DataImport | None:
    """A later import, still applied, that undoing ``data_import`` first would wrong.

    Values are national, so imports of every territory count. A later import blocks when it
    changed values this one wrote (its ``ValueChange`` rows name this import), or when it
    read the same indicators for the same periods: it may hold, unchanged, values this one
    created, which undoing this one would delete.
    """
    changed = ValueChange.objects.filter(
        previous_import=data_import, data_import__status=DataImport.State.APPLIED
    ).exclude(data_import=data_import).select_related("data_import").first()
    if changed is not None:
        return changed.data_import
    indicators = set(data_import.report.get("indicators", []))
    periods = set(data_import.report.get("periods", []))
    later = DataImport.objects.filter(
        status__in=[DataImport.State.APPLIED, DataImport.State.APPLYING],
        applied_at__gt=data_import.applied_at).exclude(pk=data_import.pk).order_by(
        "-applied_at")
    for other in later:
        if indicators & set(other.report.get("indicators", [])) and \
                periods & set(other.report.get("periods", [])):
            return other
    return None


def data_import_undo_start(*, data_import: DataImport, user, language: str) -> DataImport:
    """Undo an applied import in the background (checks as ``data_import_undo``)."""
    from territoria.indicators.tasks import undo_import

    _check_undo(data_import)
    return _start(data_import=data_import, user=user, task=undo_import,
                  state=DataImport.State.APPLYING, language=language,
                  title=_("Undo the data file “%(name)s”") % {
                      "name": data_import.original_name[:100]})


def _check_undo(data_import: DataImport) -> None:
    if data_import.status not in (DataImport.State.APPLIED, DataImport.State.APPLYING) or \
            data_import.applied_at is None:
        raise ImportRefused(_("Only an applied import can be undone; this one is %(status)s.")
                            % {"status": data_import.get_status_display()})
    later = _later_import(data_import)
    if later is not None:
        when = date_format(timezone.localtime(later.applied_at), "SHORT_DATETIME_FORMAT")
        if later.territory_id != data_import.territory_id:
            raise ImportRefused(_(
                "An import applied later from another territory, on %(date)s, holds values "
                "of the same indicators and periods. It must be undone first.") % {
                "date": when})
        raise ImportRefused(_(
            "The import “%(name)s” of %(date)s, applied later, holds values of the same "
            "indicators and periods. Undo it first, then this one.") % {
            "name": later.original_name, "date": when})


def data_import_undo(*, data_import: DataImport, progress: Progress | None = None
                     ) -> DataImport:
    """Restore the values an applied import replaced, delete those it created, recompute.

    Refused (``ImportRefused``) when a later applied import changed values this one wrote,
    or holds values of the same indicators and periods (``_later_import``): undoing this
    one first would lose or wrongly delete them, so the later one must be undone first. One
    transaction; on error the data and the import stay as they were (``applied``).
    """
    say = progress or (lambda done, total, message: None)
    try:
        with transaction.atomic():
            _check_undo(data_import)
            bulk.prepare()
            say(1, 3, _("Restoring the previous values…"))
            changes = list(ValueChange.objects.filter(data_import=data_import).values_list(
                "indicator_id", "level", "area_code", "period", "previous_value",
                "previous_missing", "previous_status", "previous_origin",
                "previous_coverage", "previous_import_id"))
            written = {row[1:]: row[0] for row in IndicatorValue.objects.filter(
                data_import=data_import).values_list("pk", "indicator_id", "level",
                                                     "area_code", "period").iterator()}
            restores = []
            for change in changes:
                pk = written.pop(change[:4], None)
                if pk is not None:
                    restores.append((pk, *change[4:]))
            bulk.update(restores)
            bulk.delete(list(written.values()))
            if restores or written:
                say(2, 3, _("Computing the values of EPCI, départements, régions and "
                            "France…"))
                values_recompute()
            data_import.status = DataImport.State.UNDONE
            data_import.undone_at = timezone.now()
            data_import.save(update_fields=["status", "undone_at"])
    except Exception:
        DataImport.objects.filter(pk=data_import.pk).update(status=DataImport.State.APPLIED)
        raise
    return data_import
