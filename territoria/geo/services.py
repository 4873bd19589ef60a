"""Writes on the administrative referential: loading the referential file into the database."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from territoria.core.models import Job
from territoria.core.services import job_enqueue
from territoria.geo.domain import referential as domain
from territoria.geo.domain.names import normalise_name
from territoria.geo.domain.referential import ReferentialError
from territoria.geo.models import Commune, Department, Epci, ReferentialVersion, Region
from territoria.geo.selectors import referential_version_current

__all__ = ["DEFAULT_REFERENTIAL_PATH", "LoadReport", "ReferentialError", "TableChanges",
           "referential_load", "referential_upload_start"]

DEFAULT_REFERENTIAL_PATH = Path(__file__).resolve().parent / "data" / "referential.json.gz"
# The largest referential file accepted, compressed (the 2026 file weighs under 1 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
_BATCH = 1000
_UPDATE_BATCH = 2000

Progress = Callable[[int, int, str], None]


@dataclass
class TableChanges:
    """What a load did to one table."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0  # gone from the file, kept (and marked withdrawn) because still referred to

    def add(self, other: TableChanges) -> None:
        for name in ("created", "updated", "unchanged", "deleted", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "deleted": self.deleted, "kept": self.kept}


@dataclass
class LoadReport:
    """What ``referential_load`` did. ``skipped`` when the file was already loaded."""

    checksum: str
    source: str
    skipped: bool
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, TableChanges] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated or c.deleted or c.kept for c in self.changes.values())

    def summary(self) -> str:
        """A few lines for a person: what was loaded and what changed."""
        if self.skipped:
            return _("The referential %(source)s (checksum %(checksum)s) is already loaded: "
                     "nothing to do.") % {"source": self.source, "checksum": self.checksum[:12]}
        lines = [_("Loaded %(source)s (checksum %(checksum)s) in %(seconds).1f s.")
                 % {"source": self.source, "checksum": self.checksum[:12],
                    "seconds": self.seconds}]
        for table, label in table_labels().items():
            c = self.changes.get(table, TableChanges())
            lines.append(_("%(table)s: %(created)s created, %(updated)s updated, "
                           "%(unchanged)s unchanged, %(deleted)s deleted, %(kept)s withdrawn "
                           "but kept (still in use).")
                         % {"table": label, **c.as_dict()})
        return "\n".join(lines)


def table_labels() -> dict[str, str]:
    return {"regions": _("Régions"), "departments": _("Départements"), "epcis": _("EPCI"),
            "communes": _("Communes")}


def count_labels() -> dict[str, str]:
    """Labels of ``ReferentialVersion.counts``, in display order."""
    return {
        "regions": _("Régions"),
        "departments": _("Départements"),
        "epcis": _("EPCI"),
        "communes_current": _("Communes"),
        "communes_delegated": _("Delegated communes"),
        "communes_associated": _("Associated communes"),
        "communes_arrondissement": _("Municipal arrondissements"),
    }


def referential_load(*, path: str | Path | IO[bytes] = DEFAULT_REFERENTIAL_PATH,
                     progress: Progress | None = None, force: bool = False) -> LoadReport:
    """Load a referential file into the database, changing only what differs.

    - A file whose checksum (SHA-256 of its bytes) equals that of the last load is skipped,
      unless ``force``.
    - The whole file is checked before anything is written (``domain.referential``); a bad
      file raises ``ReferentialError`` with a message for a person, and the database is
      left as it was.
    - Records are matched by their natural keys — région code, département code, EPCI
      SIREN, commune (INSEE code, kind) — then created, updated or left alone, in one
      transaction, in batches (``bulk_create``; updates as one prepared statement per
      batch, see ``_update_rows``).
    - A record gone from the file is deleted, unless something outside the referential
      (a territory, for one) still refers to it: then it is kept and marked ``withdrawn``.

    ``path`` is a file path or an open binary file. ``progress(done, total, message)`` is
    called as the file is checked, then as records are written; each record counts twice
    in ``total``. Calls made while writing happen inside the transaction: progress saved to
    the database from there becomes visible to others at commit.
    """
    started = time.perf_counter()
    raw = _read(path)
    checksum = hashlib.sha256(raw).hexdigest()
    latest = referential_version_current()
    if latest is not None and latest.checksum == checksum and not force:
        return LoadReport(checksum=checksum, source=latest.source, skipped=True,
                          counts=latest.counts, seconds=time.perf_counter() - started)

    _report(progress, 0, 0, _("Checking the file…"))
    try:
        referential = domain.decode_referential(raw)
    except ReferentialError as error:
        raise translated(error) from None
    # Each record counts twice in the progress: once checked, once written.
    total = 2 * referential.size
    _report(progress, referential.size, total,
            _("The file is valid (%(count)s records); writing them in one transaction…")
            % {"count": referential.size})

    with transaction.atomic():
        _lock_referential()
        writer = _Writer(done=referential.size, total=total, progress=progress)
        changes = writer.apply(referential)
        report = LoadReport(checksum=checksum, source=str(referential.source), skipped=False,
                            counts=referential.counts(), changes=changes)
        ReferentialVersion.objects.create(
            checksum=checksum, source=report.source,
            format_version=referential.format_version, counts=report.counts,
            changes={table: c.as_dict() for table, c in changes.items()})
    if report.changed:
        _refresh_statistics()
    report.seconds = time.perf_counter() - started
    _report(progress, total, total, _("Done."))
    return report


def referential_upload_start(*, user, upload: UploadedFile, language: str) -> Job:
    """Save an uploaded referential file and load it in the background; return its job.

    The file is checked by the task, not here: a bad file ends as a failed job whose
    message says what is wrong, and the referential is left as it was.
    """
    from territoria.geo.tasks import load_referential_file

    name = default_storage.save(f"geo/referential/{uuid.uuid4().hex}.json.gz", upload)
    return job_enqueue(task=load_referential_file, user=user, file_name=name,
                       language=language,
                       title=_("Load the administrative referential from “%(name)s”")
                       % {"name": upload.name[:100]})


def translated(error: ReferentialError) -> ReferentialError:
    """The same error, its message in the active language."""
    message = _(error.template)
    return ReferentialError(message, **error.params) if error.params else ReferentialError(
        message)


def _read(path: str | Path | IO[bytes]) -> bytes:
    if hasattr(path, "read"):
        raw = path.read(MAX_FILE_BYTES + 1)
    else:
        try:
            with open(path, "rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise ReferentialError(_("There is no file at %(path)s.") % {"path": path}) from None
        except (IsADirectoryError, PermissionError) as exc:
            raise ReferentialError(_("The file %(path)s cannot be read (%(error)s).")
                                   % {"path": path, "error": exc.strerror}) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ReferentialError(_("The file is larger than %(size)s MB; a referential file is "
                                 "about 1 MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)})
    return raw


# Any constant: the key of the PostgreSQL advisory lock held while loading the referential.
_LOCK_KEY = 7_263_505_100


def _lock_referential() -> None:
    """Make concurrent loads wait for each other (an upload while a deploy loads, say).

    Each load compares the file with the database inside its transaction, so the second one
    must not start comparing before the first commits. SQLite already serialises writing
    transactions (they start IMMEDIATE); PostgreSQL needs a lock, released at commit.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _refresh_statistics() -> None:
    """Let the query planner know the tables' new sizes.

    Right after a bulk load PostgreSQL still believes the tables nearly empty and picks
    nested loops that make a commune search ten times slower, until autovacuum comes by.
    """
    if connection.vendor not in {"postgresql", "sqlite"}:
        return
    with connection.cursor() as cursor:
        for model in (Region, Department, Epci, Commune):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _report(progress: Progress | None, done: int, total: int, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


class _Writer:
    """Upserts the referential table by table, inside the caller's transaction."""

    def __init__(self, *, done: int, total: int, progress: Progress | None) -> None:
        self.total = total
        self.done = done
        self.progress = progress

    def apply(self, referential: domain.Referential) -> dict[str, TableChanges]:
        changes: dict[str, TableChanges] = {}
        region_ids, changes["regions"], gone_regions = self._sync(
            Region, ("code",), {
                (r.code,): {"name": r.name, "chief_town_code": r.chief_town or "",
                            "zone": r.zone, "withdrawn": False}
                for r in referential.regions}, _("Writing régions…"))
        department_ids, changes["departments"], gone_departments = self._sync(
            Department, ("code",), {
                (d.code,): {"name": d.name, "region_id": region_ids[(d.region,)],
                            "chief_town_code": d.chief_town or "", "zone": d.zone,
                            "withdrawn": False}
                for d in referential.departments}, _("Writing départements…"))
        epci_ids, changes["epcis"], gone_epcis = self._sync(
            Epci, ("siren",), {
                (e.siren,): {"name": e.name, "search_name": normalise_name(e.name),
                             "kind": e.kind, "financing": e.financing or "",
                             "population": e.population, "withdrawn": False}
                for e in referential.epcis}, _("Writing EPCI…"))

        def commune_values(c: domain.Commune, parent_id: int | None) -> dict[str, Any]:
            return {
                "name": c.name, "search_name": normalise_name(c.name), "siren": c.siren or "",
                "department_id": department_ids[(c.department,)],
                "region_id": region_ids[(c.region,)],
                "epci_id": epci_ids[(c.epci,)] if c.epci else None, "parent_id": parent_id,
                "population": c.population, "postal_codes": ",".join(c.postal_codes),
                "former_codes": ",".join(c.former_codes), "withdrawn": False,
            }

        # Current communes first: the others point to them as their parent.
        current = [c for c in referential.communes if c.kind == Commune.Kind.CURRENT]
        others = [c for c in referential.communes if c.kind != Commune.Kind.CURRENT]
        current_ids, changes["communes"], gone_current = self._sync(
            Commune, ("insee_code", "kind"),
            {c.key: commune_values(c, None) for c in current}, _("Writing communes…"),
            scope={"kind": Commune.Kind.CURRENT})
        _other_ids, other_changes, gone_others = self._sync(
            Commune, ("insee_code", "kind"),
            {c.key: commune_values(c, current_ids[(c.parent, Commune.Kind.CURRENT)])
             for c in others},
            _("Writing delegated and associated communes and arrondissements…"),
            scope={"kind__in": [k for k in Commune.Kind.values if k != Commune.Kind.CURRENT]})
        changes["communes"].add(other_changes)

        # What left the file goes last, dependants before what they depend on.
        self._retire_communes(gone_current | gone_others, changes["communes"])
        self._retire(Epci, gone_epcis, changes["epcis"], ignore={(Commune, "epci")})
        self._retire(Department, gone_departments, changes["departments"])
        self._retire(Region, gone_regions, changes["regions"])
        return changes

    # -- upsert ----------------------------------------------------------------------------

    def _sync(self, model: type[models.Model], key_fields: tuple[str, ...],
              desired: dict[tuple, dict[str, Any]], message: str,
              scope: dict[str, Any] | None = None,
              ) -> tuple[dict[tuple, int], TableChanges, set[int]]:
        """Create, update or leave each desired row; return key → id, the counts, and the
        ids of the existing rows that are not desired."""
        changes = TableChanges()
        fields = list(next(iter(desired.values())).keys()) if desired else []
        existing_qs = model._base_manager.filter(**(scope or {}))
        existing: dict[tuple, tuple[int, tuple]] = {}
        if fields:
            for row in existing_qs.values_list("id", *key_fields, *fields).iterator(
                    chunk_size=5000):
                n = len(key_fields)
                existing[tuple(row[1:1 + n])] = (row[0], row[1 + n:])
        else:
            for row in existing_qs.values_list("id", *key_fields):
                existing[tuple(row[1:])] = (row[0], ())

        to_create = []
        # Rows to update, grouped by the set of columns that changed (usually just one:
        # the population, every year).
        updates: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
        for key, values in desired.items():
            current = existing.get(key)
            if current is None:
                to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
                continue
            pk, old = current
            differing = [name for name, before in zip(fields, old, strict=True)
                         if before != values[name]]
            if not differing:
                changes.unchanged += 1
                continue
            changes.updated += 1
            updates.setdefault(tuple(differing), []).append((pk, values))

        for start in range(0, len(to_create), _BATCH):
            batch = to_create[start:start + _BATCH]
            model._base_manager.bulk_create(batch)
            self._advance(len(batch), message)
        changes.created = len(to_create)
        self._advance(changes.unchanged, message)
        for names, rows in updates.items():
            for start in range(0, len(rows), _UPDATE_BATCH):
                batch = rows[start:start + _UPDATE_BATCH]
                _update_rows(model, names, batch)
                self._advance(len(batch), message)

        ids = {key: pk for key, (pk, _old) in existing.items() if key in desired}
        if to_create:
            # Read the new ids back rather than rely on every backend returning them.
            created_keys = {key for key in desired if key not in existing}
            for row in existing_qs.values_list("id", *key_fields).iterator(chunk_size=5000):
                key = tuple(row[1:])
                if key in created_keys:
                    ids[key] = row[0]
        gone = {pk for key, (pk, _old) in existing.items() if key not in desired}
        return ids, changes, gone

    def _advance(self, count: int, message: str) -> None:
        self.done += count
        _report(self.progress, self.done, self.total, message)

    # -- records gone from the file --------------------------------------------------------

    def _retire_communes(self, gone: set[int], changes: TableChanges) -> None:
        if not gone:
            return
        kept = _referenced_ids(Commune, gone, ignore={(Commune, "parent")})
        # A kept associated or delegated commune keeps its parent, or the cascade would
        # delete it with it.
        for chunk in _chunks(kept):
            kept |= gone & set(Commune._base_manager.filter(id__in=chunk, parent__isnull=False)
                               .values_list("parent_id", flat=True))
        self._delete_or_keep(Commune, gone, kept, changes)

    def _retire(self, model: type[models.Model], gone: set[int], changes: TableChanges,
                ignore: set[tuple[type[models.Model], str]] = frozenset()) -> None:
        if gone:
            kept = _referenced_ids(model, gone, ignore=ignore)
            self._delete_or_keep(model, gone, kept, changes)

    @staticmethod
    def _delete_or_keep(model, gone: set[int], kept: set[int], changes: TableChanges) -> None:
        doomed = gone - kept
        for chunk in _chunks(doomed):
            model._base_manager.filter(id__in=chunk).delete()
        for chunk in _chunks(kept):
            model._base_manager.filter(id__in=chunk).update(withdrawn=True)
        changes.deleted += len(doomed)
        changes.kept += len(kept)


def _update_rows(model: type[models.Model], names: tuple[str, ...],
                 rows: list[tuple[int, dict[str, Any]]]) -> None:
    """``UPDATE … SET <names> WHERE id = …`` for each row, as one ``executemany``.

    Not ``bulk_update``: its ``CASE WHEN id = … THEN …`` statements took 13 s on SQLite and
    22 s on PostgreSQL to update the 38,845 populations of a new vintage; one prepared
    statement run for each row takes 0.1 s on SQLite. Values go through the fields'
    ``get_db_prep_save``, as with the ORM.
    """
    # ``names`` are attribute names ("population", "region_id"); get_field knows both forms.
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    params = [[*(field.get_db_prep_save(values[name], connection)
                 for name, field in zip(names, fields, strict=True)), pk]
              for pk, values in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _referenced_ids(model: type[models.Model], ids: set[int], *,
                    ignore: Iterable[tuple[type[models.Model], str]] = ()) -> set[int]:
    """The ids among ``ids`` that some other row refers to (history tables aside).

    Relations are read from the models, hidden ones included (``related_name="+"``, and
    the through tables of many-to-many fields), so that a foreign key another app adds
    later to a commune or an EPCI counts without changing this code.
    """
    ignore = set(ignore)
    found: set[int] = set()
    for relation in model._meta.get_fields(include_hidden=True):
        # Reverse foreign keys only: a many-to-many is seen through its table's foreign key.
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        related, field = relation.related_model, relation.field
        # Historical records (simple_history) point with DO_NOTHING and no constraint:
        # a deleted commune stays readable in the history.
        if (related, field.name) in ignore or relation.on_delete is models.DO_NOTHING:
            continue
        for chunk in _chunks(ids):
            found.update(related._base_manager.filter(**{f"{field.name}__in": chunk})
                         .values_list(field.attname, flat=True).distinct())
    return found & ids


def _chunks(ids: Iterable[int], size: int = 900) -> Iterable[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]

