"""Aggregated and derived values for every area of France, from the imported values.

After every change of imported values, the values of every EPCI, département, région and
France are computed from the values of their current communes (origin ``aggregated``), and
every derived indicator by its formula at every level (origin ``derived``), so that a page
reads a few stored rows instead of aggregating 35,000 communes.

- Aggregation (``domain/aggregation.py``): each base indicator by its rule — sum, ratio of
  sums, weighted mean, or not aggregable (then stored as missing, with that reason). A group
  whose members do not all have a value is computed when the members with one hold at least
  ``MIN_COVERAGE`` of its population (the referential's municipal populations) and the stored
  ``coverage`` says how much; below that it is missing (``incomplete``).
- France is the communes of metropolitan France and the overseas départements (DROM), as
  in INSEE's figures; the overseas collectivities are not part of it.
- Derived indicators (``domain/formula.py``), in dependency order, on each level's values of
  their inputs: the density of an EPCI is the sum of its populations over the sum of its
  areas. A formula reads an earlier year with ``code__lagN`` (``domain/periods.py``).
  A derived indicator is computed for a period when each input it reads for that period
  has values at that level.
- An imported value always wins: no computed value is written over one.

The whole set is recomputed and compared in memory with what is stored; only the
differences are written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from territoria.geo.models import Commune
from territoria.indicators import bulk
from territoria.indicators.domain.aggregation import groups_from_membership
from territoria.indicators.domain.formula import evaluation_order, parse
from territoria.indicators.domain.periods import shift, split_lag
from territoria.indicators.grouping import Groups
from territoria.indicators.imports import indicator_rule
from territoria.indicators.models import Indicator, IndicatorValue, Level, Origin, Status

MIN_COVERAGE = 0.95
GROUP_LEVELS = (Level.EPCI, Level.DEPARTMENT, Level.REGION, Level.COUNTRY)
COUNTRY_ZONES = ("metro", "drom")

Progress = Callable[[str], None]

# (indicator code, level, period) → area → value (None when missing)
type Columns = dict[tuple[str, str, str], dict[str, float | None]]


@dataclass
class RecomputeReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def _membership() -> tuple[dict[str, dict[str, list[str]]], dict[str, float | None]]:
    """Level → group code → member commune codes, and each commune's population."""
    rows = Commune.objects.filter(kind=Commune.Kind.CURRENT).values_list(
        "insee_code", "epci__siren", "department__code", "region__code", "department__zone",
        "population")
    epci, department, region, country = {}, {}, {}, {}
    populations: dict[str, float | None] = {}
    for code, siren, department_code, region_code, zone, population in rows:
        epci[code] = siren
        department[code] = department_code
        region[code] = region_code
        country[code] = "FR" if zone in COUNTRY_ZONES else None
        populations[code] = population
    return {Level.EPCI: groups_from_membership(epci),
            Level.DEPARTMENT: groups_from_membership(department),
            Level.REGION: groups_from_membership(region),
            Level.COUNTRY: groups_from_membership(country)}, populations


def _imported() -> tuple[Columns, set[tuple[int, str, str, str]]]:
    columns: Columns = defaultdict(dict)
    keys: set[tuple[int, str, str, str]] = set()
    codes = dict(Indicator.objects.values_list("pk", "code"))
    rows = bulk.select_all(("indicator_id", "level", "area_code", "period", "value"),
                           origin=Origin.IMPORTED, imported=True)
    for indicator_id, level, area, period, value in rows:
        columns[(codes[indicator_id], level, period)][area] = value
        keys.add((indicator_id, level, area, period))
    return columns, keys


def values_recompute(*, progress: Progress | None = None) -> RecomputeReport:
    """Recompute every aggregated and derived value (module docstring); the caller holds
    the transaction. Returns how many stored values were created, changed, deleted."""
    say = progress or (lambda message: None)
    indicators = list(Indicator.objects.all())
    by_code = {indicator.code: indicator for indicator in indicators}
    codes = {indicator.pk: indicator.code for indicator in indicators}
    groups, populations = _membership()
    say("read")
    columns, imported_keys = _imported()
    computed: dict[tuple[int, str, str, str], tuple[float | None, str, float | None, str]] = {}

    def put(column_key: tuple[str, str, str], area: str, value: float | None, reason: str,
            coverage: float | None, origin: str) -> None:
        code, level, period = column_key
        key = (by_code[code].pk, level, area, period)
        if key in imported_keys:
            return
        computed[key] = (value, reason, coverage, origin)
        columns[column_key][area] = value

    periods = sorted({period for (_, level, period) in list(columns)
                      if level == Level.COMMUNE})
    base = [ind for ind in indicators if not ind.is_derived]
    members = Groups(groups, populations)
    for period in periods:
        arrays: dict[str, object] = {}

        def array(code: str):
            if code not in arrays:
                arrays[code] = members.column(columns.get((code, Level.COMMUNE, period), {}))
            return arrays[code]

        for indicator in base:
            if not columns.get((indicator.code, Level.COMMUNE, period)):
                continue
            rule = indicator_rule(indicator, codes)
            data = {name: array(name) for name in rule.inputs}
            for level in GROUP_LEVELS:
                results = members.aggregate(rule, level, data, min_coverage=MIN_COVERAGE)
                for group, result in results.items():
                    put((indicator.code, level, period), group, result.value,
                        "" if result.value is not None else str(result.reason),
                        result.share, Origin.AGGREGATED)
    say("aggregated")
    formulas = {ind.code: ind.formula for ind in indicators if ind.is_derived}
    order = [code for code in evaluation_order(
        {code: _same_period(text) for code, text in formulas.items()}) if code in formulas]
    lists: dict = {}
    for period in periods:
        for level in (Level.COMMUNE, *GROUP_LEVELS):
            for code in order:
                _derive(code, formulas[code], level, period, columns, put, lists)
    say("derived")
    report = _write(computed, set(codes))
    say("written")
    return report


def _same_period(formula: str) -> str:
    names = [name for name in parse(formula).dependencies if split_lag(name)[1] == 0]
    return " + ".join(sorted(names)) if names else "0"


def _derive(code: str, formula: str, level: str, period: str, columns: Columns, put,
            lists: dict) -> None:
    parsed = parse(formula)
    current = [name for name in parsed.dependencies if split_lag(name)[1] == 0]
    inputs = {name: columns.get((name, level, period), {}) for name in current}
    if not inputs or not all(inputs.values()):
        return
    union = frozenset().union(*inputs.values())
    areas = lists.setdefault(union, sorted(union))
    # A column's list over the same areas is built once for every formula that reads it.
    def column_list(key: tuple[str, str, str]) -> list[float | None]:
        cache_key = (key, id(areas))
        if cache_key not in lists:
            column = columns.get(key, {})
            lists[cache_key] = [column.get(area) for area in areas]
        return lists[cache_key]

    data: dict[str, list[float | None]] = {name: column_list((name, level, period))
                                           for name in current}
    for name in parsed.dependencies:
        source, years = split_lag(name)
        if years:
            earlier = shift(period, years)
            data[name] = column_list((source, level, earlier)) if earlier else \
                [None] * len(areas)
    result = parsed.evaluate_columns(data, rows=len(areas))
    for area, value, reason in zip(areas, result.values, result.reasons, strict=True):
        put((code, level, period), area, value, "" if value is not None else str(reason),
            None, Origin.DERIVED)


def _write(computed, indicator_ids) -> RecomputeReport:
    report = RecomputeReport()
    stored = bulk.select_all(("id", "indicator_id", "level", "area_code", "period", "value",
                              "missing", "coverage", "origin"),
                             origin=Origin.IMPORTED, imported=False)
    updates: list[bulk.ChangedRow] = []
    deletes: list[int] = []
    for pk, indicator_id, level, area, period, value, missing, coverage, origin in stored:
        key = (indicator_id, level, area, period)
        new = computed.pop(key, None)
        if new is None:
            deletes.append(pk)
        elif new == (value, missing, coverage, origin):
            report.unchanged += 1
        else:
            updates.append((pk, new[0], new[1], Status.OBSERVED, new[3], new[2], None))
    inserts = [(key[0], key[1], key[2], key[3], value, reason, Status.OBSERVED, origin,
                coverage, None)
               for key, (value, reason, coverage, origin) in computed.items()]
    bulk.delete(deletes)
    bulk.update(updates)
    bulk.insert(inserts)
    report.created, report.updated, report.deleted = len(inserts), len(updates), len(deletes)
    return report
