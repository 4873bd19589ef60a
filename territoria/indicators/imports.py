"""Reading an import file into indicator values, with its validation report.

Two formats:

- ``insee``: the "Comparateur de territoires" file as INSEE distributes it: one row per
  commune (``CODGEO``), one column per variable and vintage (``P18_POP``). Columns are
  matched to indicators by their ``insee_variable`` template (``domain/periods.py``);
  other columns are listed and ignored. An empty cell is a value INSEE does not publish
  (statistical secrecy or not available): it is kept as missing, never as zero.
- ``long``: one row per value, with the columns area code; indicator code; period; value
  and optionally status and level. Without a level column, a 5-character code is a
  commune, 9 digits an EPCI (SIREN), "FR" France, 2 or 3 characters a département; a
  région needs the level column. A value ``secret`` is withheld by the source, an empty
  one not available.

Commune codes that no longer exist are mapped through the referential: a commune that
merged into another one (its code is among the ``former_codes`` of a current commune, or is
the code of a delegated or associated commune) contributes to the current commune, whose
value is then the aggregate of the old communes' values by the indicator's rule (a sum for
counts; missing for a median, which cannot be combined). Each mapping is listed.

Problems (unknown area or indicator, a cell that is not a number, a duplicate, a value out
of the indicator's valid range, …) are counted by category with the first examples and their
line and column; the cells concerned are left out, the rest can be applied.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from territoria.geo.models import Commune, Department, Epci, Region
from territoria.indicators.domain.aggregation import Aggregation, AggregationKind, aggregate
from territoria.indicators.domain.files import FileProblem, TextTable, parse_number
from territoria.indicators.domain.periods import is_period, match_columns
from territoria.indicators.models import Indicator, Level, MissingReason, Status

MAX_EXAMPLES = 10
MAX_TEXT = 80

type Cell = tuple[float | None, str, str]
"""A value as imported: (value or None, missing reason or "", status)."""

type Key = tuple[str, str, str]
"""(indicator code, level, period)."""

# Categories of problems, with the message shown for them (translated when shown).
PROBLEMS: dict[str, str] = {
    "unknown_area": gettext_noop("Unknown area codes"),
    "merged_commune": gettext_noop("Codes of communes that merged since, mapped to the "
                                   "current commune"),
    "unknown_indicator": gettext_noop("Unknown indicators"),
    "derived_indicator": gettext_noop("Indicators computed by formula, which cannot be "
                                      "imported"),
    "unmapped_column": gettext_noop("Columns that no indicator reads (ignored)"),
    "not_a_number": gettext_noop("Cells that are not numbers"),
    "out_of_range": gettext_noop("Values out of the indicator's valid range"),
    "duplicate": gettext_noop("Values given twice (all of them left out)"),
    "bad_period": gettext_noop("Periods that are not a year (2018) or a span (2013-2018)"),
    "bad_status": gettext_noop("Unknown statuses"),
    "bad_level": gettext_noop("Unknown levels"),
    "bad_row": gettext_noop("Rows that do not have the columns of the header"),
}
# Categories that only inform: the cells concerned are imported.
NOTICES = ("merged_commune", "unmapped_column")

_STATUS_WORDS = {
    "": Status.OBSERVED, "observed": Status.OBSERVED, "observee": Status.OBSERVED,
    "observe": Status.OBSERVED, "estimated": Status.ESTIMATED, "estimee": Status.ESTIMATED,
    "estime": Status.ESTIMATED, "target": Status.TARGET, "cible": Status.TARGET,
}
_LEVEL_WORDS = {
    "commune": Level.COMMUNE, "epci": Level.EPCI, "department": Level.DEPARTMENT,
    "departement": Level.DEPARTMENT, "region": Level.REGION, "country": Level.COUNTRY,
    "pays": Level.COUNTRY, "france": Level.COUNTRY,
}
_SECRET_WORDS = {"secret", "s", "nd", "n/a", "c"}
_LONG_COLUMNS = {
    "area": ("area", "area_code", "code", "codgeo", "code_insee", "insee", "territoire",
             "code_territoire", "zone"),
    "indicator": ("indicator", "indicator_code", "indicateur", "code_indicateur"),
    "period": ("period", "periode", "year", "annee", "millesime"),
    "value": ("value", "valeur"),
    "status": ("status", "statut"),
    "level": ("level", "echelon", "niveau"),
}


def _plain(text: str) -> str:
    """Lower case, no accents, spaces as underscores: how headers and words are compared."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


class ImportReport:
    """Counts and problems of one file, as stored in ``DataImport.report``."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)
        self.problems: dict[str, dict[str, Any]] = {}
        self.format: dict[str, Any] = {}
        self.periods: set[str] = set()
        self.indicators: set[str] = set()

    def add(self, category: str, *, line: int | None = None, column: str = "",
            text: str = "", detail: str = "") -> None:
        entry = self.problems.setdefault(category, {"count": 0, "examples": []})
        entry["count"] += 1
        if len(entry["examples"]) < MAX_EXAMPLES:
            entry["examples"].append({"line": line, "column": column,
                                      "text": text[:MAX_TEXT], "detail": detail[:200]})

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "counts": dict(self.counts),
                "problems": self.problems, "periods": sorted(self.periods),
                "indicators": sorted(self.indicators), "error": ""}


@dataclass
class ParsedFile:
    """The values a file gives, by (indicator code, level, period) then area code."""

    values: dict[Key, dict[str, Cell]] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)

    @property
    def count(self) -> int:
        return sum(len(column) for column in self.values.values())


@dataclass
class Areas:
    """The codes of the referential an import can refer to, and the former commune codes."""

    communes: set[str]  # current communes and municipal arrondissements
    former: dict[str, str]  # code of a commune that merged → code of the current commune
    names: dict[str, str]
    epcis: set[str]
    departments: set[str]
    regions: set[str]

    @classmethod
    def load(cls) -> Areas:
        communes: set[str] = set()
        names: dict[str, str] = {}
        former: dict[str, str] = {}
        rows = Commune.objects.values_list("insee_code", "kind", "name", "former_codes",
                                           "parent__insee_code")
        others = []
        for code, kind, name, former_codes, parent in rows:
            if kind in (Commune.Kind.CURRENT, Commune.Kind.ARRONDISSEMENT):
                communes.add(code)
                names[code] = name
                if kind == Commune.Kind.CURRENT:
                    for old in filter(None, former_codes.split(",")):
                        former.setdefault(old, code)
            elif parent:
                others.append((code, parent))
        for code, parent in others:
            former.setdefault(code, parent)
        former = {old: new for old, new in former.items() if old not in communes}
        return cls(communes=communes, former=former, names=names,
                   epcis=set(Epci.objects.values_list("siren", flat=True)),
                   departments=set(Department.objects.values_list("code", flat=True)),
                   regions=set(Region.objects.values_list("code", flat=True)))

    def known(self, level: str, code: str) -> bool:
        return {
            Level.COMMUNE: self.communes, Level.EPCI: self.epcis,
            Level.DEPARTMENT: self.departments, Level.REGION: self.regions,
            Level.COUNTRY: {"FR"},
        }[level].__contains__(code)


def indicator_rule(indicator: Indicator, codes: dict[int, str]) -> Aggregation:
    """The domain aggregation rule of ``indicator`` (``codes``: indicator id → code)."""
    kind = AggregationKind(indicator.aggregation)
    if kind is AggregationKind.RATIO_OF_SUMS:
        return Aggregation.ratio_of_sums(codes[indicator.numerator_id],
                                         codes[indicator.denominator_id],
                                         scale=indicator.scale)
    if kind is AggregationKind.WEIGHTED_MEAN:
        return Aggregation.weighted_mean(indicator.code, weight=codes[indicator.weight_id])
    if kind is AggregationKind.NOT_AGGREGABLE:
        return Aggregation.not_aggregable(indicator.code)
    return Aggregation.sum(indicator.code)


class _Checker:
    """Reads one cell against its indicator's valid range."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def cell(self, text: str, indicator: Indicator, *, line: int, column: str,
             empty: str = MissingReason.NOT_AVAILABLE) -> tuple[float | None, str] | None:
        """(value, missing reason) or ``None`` when the cell is left out (reported)."""
        stripped = text.strip()
        if not stripped:
            return None, empty
        try:
            value = float(stripped)
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            if _plain(stripped) in _SECRET_WORDS:
                return None, MissingReason.SECRET
            value = parse_number(stripped)
            if value is None:
                self.report.add("not_a_number", line=line, column=column, text=text)
                return None
        if (indicator.minimum is not None and value < indicator.minimum) or (
                indicator.maximum is not None and value > indicator.maximum):
            self.report.add("out_of_range", line=line, column=column, text=text,
                            detail=_range_text(indicator))
            return None
        return value, ""


def _range_text(indicator: Indicator) -> str:
    low = "" if indicator.minimum is None else f"{indicator.minimum:g}"
    high = "" if indicator.maximum is None else f"{indicator.maximum:g}"
    return f"{indicator.code} [{low} ; {high}]"


def parse_insee(table: TextTable, *, indicators: dict[str, Indicator],
                areas: Areas) -> ParsedFile:
    """The values of an INSEE Comparateur de territoires table (module docstring)."""
    parsed = ParsedFile()
    report = parsed.report
    header = table.header
    try:
        code_index = [_plain(name) for name in header].index("codgeo")
    except ValueError:
        raise FileProblem(gettext_noop(
            "The file has no CODGEO column: it is not an INSEE “Comparateur de territoires” "
            "file. Its first line reads: %(header)s"),
            header="; ".join(header)[:200]) from None
    templates = {code: ind.insee_variable for code, ind in indicators.items()
                 if ind.insee_variable}
    matches = match_columns(header, templates)
    if not matches:
        raise FileProblem(gettext_noop(
            "No column of the file is a variable of the indicator catalogue (such as "
            "P18_POP): it is not an INSEE “Comparateur de territoires” file."))
    for index, name in enumerate(header):
        if index != code_index and name not in matches:
            report.add("unmapped_column", column=name, text=name)
    columns = [(index, name, indicators[matches[name].indicator], matches[name].period)
               for index, name in enumerate(header) if name in matches]
    for _, _, indicator, period in columns:
        report.indicators.add(indicator.code)
        report.periods.add(period)
    # Values by original code first; former communes are folded in afterwards.
    by_code: dict[Key, dict[str, Cell]] = {
        (indicator.code, Level.COMMUNE, period): {} for _, _, indicator, period in columns}
    seen: dict[str, int] = {}
    duplicates: set[str] = set()
    checker = _Checker(report)
    width = len(header)
    targets = [(index, by_code[(indicator.code, Level.COMMUNE, period)], indicator.minimum,
                indicator.maximum, name, indicator) for index, name, indicator, period in columns]
    counts = report.counts
    observed = Status.OBSERVED
    not_available = MissingReason.NOT_AVAILABLE
    isfinite = math.isfinite
    for line, cells in table.rows:
        counts["rows"] += 1
        if len(cells) != width:
            report.add("bad_row", line=line, text=";".join(cells)[:MAX_TEXT],
                       detail=f"{len(cells)}/{width}")
            continue
        code = cells[code_index].strip()
        if code in seen:
            report.add("duplicate", line=line, column=header[code_index], text=code,
                       detail=str(seen[code]))
            duplicates.add(code)
            continue
        seen[code] = line
        if code not in areas.communes and code not in areas.former:
            report.add("unknown_area", line=line, column=header[code_index], text=code)
            continue
        values = empty = 0
        for index, column, low, high, name, indicator in targets:
            text = cells[index]
            if not text:
                column[code] = (None, not_available, observed)
                empty += 1
                continue
            # The fast path for a plain number within range; anything else is checked.
            try:
                value = float(text)
            except ValueError:
                value = None
            if value is None or not isfinite(value) or (low is not None and value < low) or (
                    high is not None and value > high):
                result = checker.cell(text, indicator, line=line, column=name)
                if result is None:
                    counts["skipped"] += 1
                    continue
                value, missing = result
                if value is None:
                    column[code] = (None, missing, observed)
                    empty += 1
                    continue
            column[code] = (value, "", observed)
            values += 1
        counts["cells"] += len(targets)
        counts["values"] += values
        counts["empty"] += empty
    for column in by_code.values():
        for code in duplicates:
            column.pop(code, None)
    parsed.values = _fold_former_communes(by_code, indicators, areas, report, seen)
    report.counts["records"] = parsed.count
    return parsed


def _fold_former_communes(by_code: dict[Key, dict[str, Cell]],
                          indicators: dict[str, Indicator], areas: Areas,
                          report: ImportReport,
                          lines: dict[str, int] | None = None) -> dict[Key, dict[str, Cell]]:
    """Commune columns on current codes: the rows of former communes are combined into
    the current commune by the indicator's aggregation rule (module docstring)."""
    members: dict[str, list[str]] = defaultdict(list)
    for column in by_code.values():
        for code in column:
            target = areas.former.get(code)
            if target is not None and code not in members[target]:
                members[target].append(code)
    if not members:
        return by_code
    for target, olds in members.items():
        for old in olds:
            report.add("merged_commune", line=(lines or {}).get(old), text=old,
                       detail=f"{target} {areas.names.get(target, '')}")
        report.counts["merged_rows"] += len(olds)
    codes = {indicator.pk: code for code, indicator in indicators.items()}
    involved = set(members) | {old for olds in members.values() for old in olds}
    result: dict[Key, dict[str, Cell]] = {}
    for key, column in by_code.items():
        code, level, period = key
        if level != Level.COMMUNE:
            result[key] = column
            continue
        indicator = indicators[code]
        rule = indicator_rule(indicator, codes)
        data = {}
        for name in rule.inputs:
            source = by_code.get((name, level, period), {})
            data[name] = {area: source[area][0] for area in involved if area in source}
        kept = dict(column)
        for target, olds in members.items():
            for old in olds:
                kept.pop(old, None)
            group = ([target] if target in column else []) + [o for o in olds if o in column]
            if not group:
                continue
            statuses = {column[area][2] for area in group}
            status = Status.ESTIMATED if Status.ESTIMATED in statuses else \
                next(iter(statuses))
            if all((name, level, period) in by_code for name in rule.inputs):
                combined = aggregate(rule, group, data)
                kept[target] = (combined.value,
                                "" if combined.value is not None else str(combined.reason),
                                status)
            else:
                kept[target] = (None, MissingReason.MISSING_INPUT, status)
        result[key] = kept
    return result


def parse_long(table: TextTable, *, indicators: dict[str, Indicator],
               areas: Areas) -> ParsedFile:
    """The values of a long-format table (module docstring)."""
    parsed = ParsedFile()
    report = parsed.report
    positions = _long_columns(table.header)
    checker = _Checker(report)
    by_code: dict[Key, dict[str, Cell]] = defaultdict(dict)
    lines: dict[tuple[Key, str], int] = {}
    duplicates: set[tuple[Key, str]] = set()
    header = table.header
    width = len(header)
    for line, cells in table.rows:
        report.counts["rows"] += 1
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            report.add("bad_row", line=line, text=";".join(cells)[:MAX_TEXT],
                       detail=f"{len(cells)}/{width}")
            continue

        def cell(name: str) -> str:
            index = positions.get(name)
            return cells[index].strip() if index is not None else ""

        code_text = cell("indicator")
        indicator = indicators.get(code_text) or indicators.get(code_text.lower())
        if indicator is None:
            report.add("unknown_indicator", line=line, column=header[positions["indicator"]],
                       text=code_text)
            continue
        if indicator.is_derived:
            report.add("derived_indicator", line=line, column=header[positions["indicator"]],
                       text=code_text, detail=indicator.formula)
            continue
        period = cell("period")
        if period.endswith(".0") and is_period(period[:-2]):
            period = period[:-2]  # a year typed as a number in a workbook
        if not is_period(period):
            report.add("bad_period", line=line, column=header[positions["period"]],
                       text=period)
            continue
        status = _STATUS_WORDS.get(_plain(cell("status")))
        if status is None:
            report.add("bad_status", line=line, column=header[positions["status"]],
                       text=cell("status"))
            continue
        area = cell("area").upper()
        level_text = cell("level")
        if level_text:
            level = _LEVEL_WORDS.get(_plain(level_text))
            if level is None:
                report.add("bad_level", line=line, column=header[positions["level"]],
                           text=level_text)
                continue
        else:
            level = _infer_level(area)
        if level == Level.COMMUNE and len(area) == 4 and area.isdigit():
            area = "0" + area  # a code that lost its leading zero in a spreadsheet
        if level is None or not (areas.known(level, area) or (
                level == Level.COMMUNE and area in areas.former)):
            report.add("unknown_area", line=line, column=header[positions["area"]], text=area)
            continue
        result = checker.cell(cell("value"), indicator, line=line,
                              column=header[positions["value"]])
        report.counts["cells"] += 1
        if result is None:
            report.counts["skipped"] += 1
            continue
        key = (indicator.code, level, period)
        if (key, area) in lines:
            report.add("duplicate", line=line, column=header[positions["area"]],
                       text=f"{area} {indicator.code} {period}",
                       detail=str(lines[(key, area)]))
            duplicates.add((key, area))
            continue
        lines[(key, area)] = line
        value, missing = result
        report.counts["values" if value is not None else "empty"] += 1
        by_code[key][area] = (value, missing, status)
        report.indicators.add(indicator.code)
        report.periods.add(period)
    for key, area in duplicates:
        by_code[key].pop(area, None)
    commune_lines = {area: line for (key, area), line in lines.items()}
    parsed.values = _fold_former_communes(dict(by_code), indicators, areas, report,
                                          commune_lines)
    report.counts["records"] = parsed.count
    return parsed


def _infer_level(code: str) -> str | None:
    if code == "FR":
        return Level.COUNTRY
    if len(code) == 9 and code.isdigit():
        return Level.EPCI
    if len(code) in (4, 5):
        return Level.COMMUNE
    if len(code) in (2, 3):
        return Level.DEPARTMENT
    return None


def _long_columns(header: list[str]) -> dict[str, int]:
    plain = [_plain(name) for name in header]
    positions: dict[str, int] = {}
    for role, names in _LONG_COLUMNS.items():
        for index, name in enumerate(plain):
            if name in names:
                positions[role] = index
                break
    missing = [role for role in ("area", "indicator", "period", "value")
               if role not in positions]
    if missing:
        raise FileProblem(gettext_noop(
            "The first line must name the columns area; indicator; period; value (and "
            "optionally status and level). It reads: %(header)s"),
            header="; ".join(header)[:200])
    return positions
