"""The referential file: Territoria's compact copy of the French administrative referential.

A gzip-compressed JSON document::

    {"format": "territoria.geo.referential", "version": 1,
     "source": {"name": "@etalab/decoupage-administratif", "version": "6.0.0",
                "licence": "..."},
     "regions": [...], "departments": [...], "epcis": [...], "communes": [...]}

Every record has every field of its table (``null`` where there is no value), so that a
file written by an older or newer tool is caught instead of half-read. ``decode_referential``
checks the whole file — compression, JSON, header, each field, duplicate keys, and that
every code a record points to exists in the same file — before anything uses it, and raises
``ReferentialError`` naming the first problem ("commune 01001: unknown département 99").

Pure Python: no Django import. Messages are English source strings marked for extraction
with ``gettext_noop``; the caller translates ``error.template`` and applies ``error.params``.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

FORMAT = "territoria.geo.referential"
FORMAT_VERSION = 1

# Decompressed size above which a file is refused (the 2026 referential is about 8 MB):
# a small upload must not be able to expand into gigabytes.
MAX_DECOMPRESSED_BYTES = 200 * 1024 * 1024

# The column sizes of territoria.geo.models (checked against the models by a test).
MAX_LENGTHS = {
    "region.name": 120,
    "department.name": 120,
    "epci.name": 200,
    "epci.financing": 8,
    "commune.name": 200,
    "zone": 8,
    "commune.postal_codes": 200,
    "commune.former_codes": 400,
}

COMMUNE_KINDS = ("current", "associated", "delegated", "arrondissement")
EPCI_KINDS = ("CC", "CA", "CU", "METRO", "MET69")

_REGION_CODE = re.compile(r"^[0-9]{2,3}$")
_DEPARTMENT_CODE = re.compile(r"^(?:[0-9]{2}|2A|2B|9[78][0-9])$")
_INSEE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
_POSTAL_CODE = re.compile(r"^[0-9]{5}$")
_SIREN = re.compile(r"^[0-9]{9}$")


def gettext_noop(message: str) -> str:
    """Mark a message for translation (``makemessages`` extracts this name)."""
    return message


class ReferentialError(ValueError):
    """A referential file or package that cannot be used, with a message for a human.

    ``template`` is the English source string and ``params`` its values; ``str(error)``
    is the message with the values filled in.
    """

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)

    @property
    def message(self) -> str:
        return str(self)


class Region(NamedTuple):
    code: str
    name: str
    chief_town: str | None
    zone: str


class Department(NamedTuple):
    code: str
    name: str
    region: str
    chief_town: str | None
    zone: str


class Epci(NamedTuple):
    siren: str
    name: str
    kind: str
    financing: str | None
    population: int | None


class Commune(NamedTuple):
    code: str
    kind: str
    name: str
    siren: str | None
    department: str
    region: str
    epci: str | None
    parent: str | None
    population: int | None
    postal_codes: tuple[str, ...]
    former_codes: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.kind)


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    version: str
    licence: str = ""

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


@dataclass(frozen=True, slots=True)
class Referential:
    source: Source
    regions: tuple[Region, ...]
    departments: tuple[Department, ...]
    epcis: tuple[Epci, ...]
    communes: tuple[Commune, ...]
    format_version: int = FORMAT_VERSION

    def counts(self) -> dict[str, int]:
        """How many records of each kind the referential holds."""
        counts = {"regions": len(self.regions), "departments": len(self.departments),
                  "epcis": len(self.epcis)}
        for kind in COMMUNE_KINDS:
            counts[f"communes_{kind}"] = 0
        for commune in self.communes:
            counts[f"communes_{commune.kind}"] += 1
        return counts

    @property
    def size(self) -> int:
        return len(self.regions) + len(self.departments) + len(self.epcis) + len(self.communes)


# -- writing -------------------------------------------------------------------------------


def encode_referential(referential: Referential) -> bytes:
    """The referential as gzip-compressed JSON, byte-for-byte reproducible.

    Records are sorted by their keys, one per line (a diff of two decompressed files stays
    readable), and the gzip header carries no date: building twice from the same source
    gives the same file, hence the same checksum.
    """

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def section(name: str, records, key) -> str:
        rows = (dump({field: list(value) if isinstance(value, tuple) else value
                      for field, value in record._asdict().items()})
                for record in sorted(records, key=key))
        return f"{dump(name)}:[\n" + ",\n".join(rows) + "\n]"

    source = {"name": referential.source.name, "version": referential.source.version}
    if referential.source.licence:
        source["licence"] = referential.source.licence
    header = f"{dump('format')}:{dump(FORMAT)},{dump('version')}:{FORMAT_VERSION},"
    text = "{" + header + f"{dump('source')}:{dump(source)},\n" + ",\n".join([
        section("regions", referential.regions, lambda r: r.code),
        section("departments", referential.departments, lambda r: r.code),
        section("epcis", referential.epcis, lambda r: r.siren),
        section("communes", referential.communes,
                lambda r: (r.code, COMMUNE_KINDS.index(r.kind))),
    ]) + "}\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


# -- reading and checking --------------------------------------------------------------------


def decompress(raw: bytes, *, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """The decompressed bytes of a gzip file, or a ``ReferentialError`` saying what is wrong."""
    if not raw:
        raise ReferentialError(gettext_noop("The file is empty."))
    if raw[:2] != b"\x1f\x8b":
        raise ReferentialError(gettext_noop(
            "The file is not gzip-compressed: a referential file is a .json.gz file."))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(limit + 1)
    except EOFError:
        raise ReferentialError(gettext_noop(
            "The file is truncated: its compressed data stops before the end.")) from None
    except (OSError, zlib.error) as exc:
        raise ReferentialError(gettext_noop("The file is corrupt (%(error)s)."),
                               error=str(exc)) from None
    if len(data) > limit:
        raise ReferentialError(
            gettext_noop("The file is too large once decompressed (more than %(limit)s MB)."),
            limit=limit // (1024 * 1024))
    return data


def decode_referential(raw: bytes, *, limit: int = MAX_DECOMPRESSED_BYTES) -> Referential:
    """Read and check a referential file; raise ``ReferentialError`` on the first problem."""
    data = decompress(raw, limit=limit)
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReferentialError(gettext_noop("The file is not UTF-8 text.")) from None
    except json.JSONDecodeError as exc:
        raise ReferentialError(
            gettext_noop("The file is not valid JSON: %(error)s at line %(line)s, column "
                         "%(column)s."),
            error=exc.msg, line=exc.lineno, column=exc.colno) from None
    return check_document(document)


def check_document(document: Any) -> Referential:
    """Check a parsed referential document and return it as records."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ReferentialError(gettext_noop(
            "This is not a Territoria referential file (its “format” should be "
            "“%(format)s”)."), format=FORMAT)
    version = document.get("version")
    if version != FORMAT_VERSION:
        raise ReferentialError(
            gettext_noop("Unknown referential format version %(version)s: this version of "
                         "Territoria reads version %(supported)s."),
            version=json.dumps(version), supported=FORMAT_VERSION)
    source = document.get("source")
    if (not isinstance(source, dict) or not isinstance(source.get("name"), str)
            or not isinstance(source.get("version"), str)):
        raise ReferentialError(gettext_noop(
            "The file does not say where its data comes from (“source” needs a “name” and a "
            "“version”)."))
    for section in ("regions", "departments", "epcis", "communes"):
        if not isinstance(document.get(section), list):
            raise ReferentialError(gettext_noop("The file has no list of “%(section)s”."),
                                   section=section)
    checker = _Checker()
    regions = tuple(checker.region(row, i) for i, row in enumerate(document["regions"]))
    departments = tuple(checker.department(row, i)
                        for i, row in enumerate(document["departments"]))
    epcis = tuple(checker.epci(row, i) for i, row in enumerate(document["epcis"]))
    communes = tuple(checker.commune(row, i) for i, row in enumerate(document["communes"]))
    checker.check_parents(communes)
    licence = source.get("licence") if isinstance(source.get("licence"), str) else ""
    return Referential(source=Source(source["name"], source["version"], licence),
                       regions=regions,
                       departments=departments, epcis=epcis, communes=communes)


_REGION_FIELDS = ("code", "name", "chief_town", "zone")
_DEPARTMENT_FIELDS = ("code", "name", "region", "chief_town", "zone")
_EPCI_FIELDS = ("siren", "name", "kind", "financing", "population")
_COMMUNE_FIELDS = ("code", "kind", "name", "siren", "department", "region", "epci", "parent",
                   "population", "postal_codes", "former_codes")


@dataclass
class _Checker:
    """Checks records one by one, remembering the keys seen for duplicates and references."""

    regions: dict[str, Region] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    epcis: set[str] = field(default_factory=set)
    communes: set[tuple[str, str]] = field(default_factory=set)

    def _fields(self, section: str, row: Any, index: int, names: tuple[str, ...]) -> _Where:
        where = _Where(section, row, index)
        if not isinstance(row, dict):
            raise ReferentialError(gettext_noop("%(record)s is not a record (a JSON object)."),
                                   record=where.label)
        for name in names:
            if name not in row:
                raise ReferentialError(gettext_noop("%(record)s: missing field “%(field)s”."),
                                       record=where.label, field=name)
        return where

    @staticmethod
    def _text(where: _Where, row: dict, name: str, *, pattern: re.Pattern | None = None,
              max_length: int | None = None, optional: bool = False) -> str | None:
        value = row[name]
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ReferentialError(
                gettext_noop("%(record)s: “%(field)s” should be a non-empty text, not "
                             "%(value)s."), record=where.label, field=name, value=_show(value))
        if pattern is not None and not pattern.match(value):
            raise ReferentialError(gettext_noop("%(record)s: invalid %(field)s “%(value)s”."),
                                   record=where.label, field=name, value=value)
        if max_length is not None and len(value) > max_length:
            raise ReferentialError(
                gettext_noop("%(record)s: “%(field)s” is longer than %(max)s characters."),
                record=where.label, field=name, max=max_length)
        return value

    @staticmethod
    def _count(where: _Where, row: dict, name: str) -> int | None:
        value = row[name]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ReferentialError(
                gettext_noop("%(record)s: “%(field)s” should be a whole number or null, not "
                             "%(value)s."), record=where.label, field=name, value=_show(value))
        return value

    @staticmethod
    def _codes(where: _Where, row: dict, name: str, pattern: re.Pattern,
               max_length: int) -> tuple[str, ...]:
        value = row[name]
        if not isinstance(value, list):
            raise ReferentialError(
                gettext_noop("%(record)s: “%(field)s” should be a list of codes, not "
                             "%(value)s."), record=where.label, field=name, value=_show(value))
        for code in value:
            if not isinstance(code, str) or not pattern.match(code):
                raise ReferentialError(gettext_noop("%(record)s: invalid %(field)s %(value)s."),
                                       record=where.label, field=name, value=_show(code))
        if len(value) * 6 > max_length and len(",".join(value)) > max_length:
            raise ReferentialError(
                gettext_noop("%(record)s: “%(field)s” is longer than %(max)s characters."),
                record=where.label, field=name, max=max_length)
        return tuple(value)

    @staticmethod
    def _choice(where: _Where, row: dict, name: str, choices: tuple[str, ...]) -> str:
        value = row[name]
        if value not in choices:
            raise ReferentialError(
                gettext_noop("%(record)s: unknown %(field)s %(value)s (expected one of "
                             "%(choices)s)."),
                record=where.label, field=name, value=_show(value), choices=", ".join(choices))
        return value

    def region(self, row: Any, index: int) -> Region:
        where = self._fields("regions", row, index, _REGION_FIELDS)
        record = Region(
            code=self._text(where, row, "code", pattern=_REGION_CODE),
            name=self._text(where, row, "name", max_length=MAX_LENGTHS["region.name"]),
            chief_town=self._text(where, row, "chief_town", pattern=_INSEE_CODE, optional=True),
            zone=self._text(where, row, "zone", max_length=MAX_LENGTHS["zone"]),
        )
        if record.code in self.regions:
            raise ReferentialError(gettext_noop("Duplicate %(record)s."), record=where.label)
        self.regions[record.code] = record
        return record

    def department(self, row: Any, index: int) -> Department:
        where = self._fields("departments", row, index, _DEPARTMENT_FIELDS)
        record = Department(
            code=self._text(where, row, "code", pattern=_DEPARTMENT_CODE),
            name=self._text(where, row, "name", max_length=MAX_LENGTHS["department.name"]),
            region=self._text(where, row, "region"),
            chief_town=self._text(where, row, "chief_town", pattern=_INSEE_CODE, optional=True),
            zone=self._text(where, row, "zone", max_length=MAX_LENGTHS["zone"]),
        )
        if record.code in self.departments:
            raise ReferentialError(gettext_noop("Duplicate %(record)s."), record=where.label)
        if record.region not in self.regions:
            raise ReferentialError(gettext_noop("%(record)s: unknown région %(code)s."),
                                   record=where.label, code=record.region)
        self.departments[record.code] = record
        return record

    def epci(self, row: Any, index: int) -> Epci:
        where = self._fields("epcis", row, index, _EPCI_FIELDS)
        record = Epci(
            siren=self._text(where, row, "siren", pattern=_SIREN),
            name=self._text(where, row, "name", max_length=MAX_LENGTHS["epci.name"]),
            kind=self._choice(where, row, "kind", EPCI_KINDS),
            financing=self._text(where, row, "financing", max_length=MAX_LENGTHS["epci.financing"],
                                 optional=True),
            population=self._count(where, row, "population"),
        )
        if record.siren in self.epcis:
            raise ReferentialError(gettext_noop("Duplicate %(record)s."), record=where.label)
        self.epcis.add(record.siren)
        return record

    def commune(self, row: Any, index: int) -> Commune:
        where = self._fields("communes", row, index, _COMMUNE_FIELDS)
        record = Commune(
            code=self._text(where, row, "code", pattern=_INSEE_CODE),
            kind=self._choice(where, row, "kind", COMMUNE_KINDS),
            name=self._text(where, row, "name", max_length=MAX_LENGTHS["commune.name"]),
            siren=self._text(where, row, "siren", pattern=_SIREN, optional=True),
            department=self._text(where, row, "department"),
            region=self._text(where, row, "region"),
            epci=self._text(where, row, "epci", optional=True),
            parent=self._text(where, row, "parent", pattern=_INSEE_CODE, optional=True),
            population=self._count(where, row, "population"),
            postal_codes=self._codes(where, row, "postal_codes", _POSTAL_CODE,
                                     MAX_LENGTHS["commune.postal_codes"]),
            former_codes=self._codes(where, row, "former_codes", _INSEE_CODE,
                                     MAX_LENGTHS["commune.former_codes"]),
        )
        if record.key in self.communes:
            raise ReferentialError(gettext_noop("Duplicate %(record)s."), record=where.label)
        department = self.departments.get(record.department)
        if department is None:
            raise ReferentialError(gettext_noop("%(record)s: unknown département %(code)s."),
                                   record=where.label, code=record.department)
        if record.region not in self.regions:
            raise ReferentialError(gettext_noop("%(record)s: unknown région %(code)s."),
                                   record=where.label, code=record.region)
        if department.region != record.region:
            raise ReferentialError(
                gettext_noop("%(record)s: région %(code)s differs from the région of its "
                             "département %(department)s (%(expected)s)."),
                record=where.label, code=record.region, department=department.code,
                expected=department.region)
        if record.epci is not None and record.epci not in self.epcis:
            raise ReferentialError(gettext_noop("%(record)s: unknown EPCI %(code)s."),
                                   record=where.label, code=record.epci)
        if (record.kind == "current") != (record.parent is None):
            raise ReferentialError(
                gettext_noop("%(record)s: only associated and delegated communes and "
                             "arrondissements have a parent commune."), record=where.label)
        self.communes.add(record.key)
        return record

    def check_parents(self, communes: tuple[Commune, ...]) -> None:
        # Parents are checked once every commune is known: a file need not list them first.
        for record in communes:
            if record.parent is not None and (record.parent, "current") not in self.communes:
                raise ReferentialError(
                    gettext_noop("%(record)s: unknown parent commune %(code)s."),
                    record=f"commune {record.code} ({record.kind})", code=record.parent)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a record is, to name it in a message only when there is something to say."""

    section: str
    row: Any
    index: int

    # Each record is named the way a person would: "commune 01001", "EPCI 200000172".
    @property
    def label(self) -> str:
        noun, key = {"regions": ("région", "code"), "departments": ("département", "code"),
                     "epcis": ("EPCI", "siren"), "communes": ("commune", "code")}[self.section]
        value = self.row.get(key) if isinstance(self.row, dict) else None
        if not isinstance(value, str) or not value:
            return f"{self.section}[{self.index}]"
        if self.section == "communes" and self.row.get("kind") not in (None, "current"):
            return f"{noun} {value} ({self.row.get('kind')})"
        return f"{noun} {value}"
