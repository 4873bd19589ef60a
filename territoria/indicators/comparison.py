"""How a territory compares, indicator by indicator: against its département, its région
and France, against comparable areas (its peers), and against its own past.

Reads stored values only: the values of EPCI, départements, régions and France are computed
once, when an import is applied (``indicators.services``), so one territory's full
comparison reads a few thousand rows. A custom perimeter (a pays, a PETR) has no stored
values of its own: they are aggregated here from its communes with the indicators' rules.
The positions, trends and proposals are the domain's (``indicators/domain/comparison.py``).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from territoria.core.models import Territory
from territoria.geo.models import Commune, Department, Epci, Region
from territoria.indicators.domain import comparison as domain
from territoria.indicators.domain.aggregation import Aggregation, AggregationKind, aggregate
from territoria.indicators.domain.formula import evaluate, parse
from territoria.indicators.domain.periods import shift, split_lag
from territoria.indicators.models import Indicator, IndicatorValue, Level

FRANCE = "FR"
# At most this many peers: the closest in population within the band (see peer_group).
PEER_GROUP_SIZE = 200


@dataclass(frozen=True, slots=True)
class Area:
    level: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class IndicatorComparison:
    """One indicator for one territory: the value, its references and peers, its trend,
    and the strength or weakness it suggests (``proposal``, often ``None``)."""

    indicator: Indicator
    period: str | None
    comparison: domain.Comparison
    trend: domain.Trend | None
    trend_from: str | None
    proposal: domain.Proposal | None
    history: tuple[tuple[str, float | None], ...] = ()

    @property
    def value(self) -> float | None:
        return self.comparison.value


@dataclass(frozen=True, slots=True)
class TerritoryComparison:
    territory: Territory
    area: Area | None
    references: tuple[Area, ...]
    peer_level: str
    peers: domain.PeerGroup
    peers_chosen: bool
    rows: tuple[IndicatorComparison, ...]

    def by_axis(self) -> dict[str, list[IndicatorComparison]]:
        axes: dict[str, list[IndicatorComparison]] = defaultdict(list)
        for row in self.rows:
            axes[row.indicator.axis].append(row)
        return dict(axes)

    def row(self, code: str) -> IndicatorComparison | None:
        return next((r for r in self.rows if r.indicator.code == code), None)


# -- the territory's place in the referential -----------------------------------------------


def reference_history(references: Sequence[Area], indicators: Sequence[Indicator]
                      ) -> dict[tuple[int, str], dict[str, float | None]]:
    """(indicator id, reference code) → period → value, over every period stored."""
    from django.db.models import Q

    if not references or not indicators:
        return {}
    where = Q()
    for ref in references:
        where |= Q(level=ref.level, area_code=ref.code)
    history: dict[tuple[int, str], dict[str, float | None]] = defaultdict(dict)
    for indicator_id, code, period, value in IndicatorValue.objects.filter(
            where, indicator__in=[i.pk for i in indicators]).values_list(
            "indicator_id", "area_code", "period", "value"):
        history[(indicator_id, code)][period] = value
    return history


def territory_area(territory: Territory) -> Area | None:
    """The referential area the territory is (a commune, an EPCI); ``None`` for a custom
    perimeter."""
    if territory.kind == Territory.Kind.COMMUNE and territory.commune_id:
        return Area(Level.COMMUNE, territory.commune.insee_code, territory.commune.name)
    if territory.kind == Territory.Kind.EPCI and territory.epci_id:
        return Area(Level.EPCI, territory.epci.siren, territory.epci.name)
    return None


def reference_areas(territory: Territory) -> tuple[Area, ...]:
    """Its département, its région and France.

    An EPCI or a perimeter can straddle départements: its reference is the one where most of
    its inhabitants live.
    """
    communes = list(territory.communes.filter(kind=Commune.Kind.CURRENT)
                    .values_list("department_id", "region_id", "population"))
    if not communes and territory.commune_id:
        c = territory.commune
        communes = [(c.department_id, c.region_id, c.population)]
    weights_d: Counter = Counter()
    weights_r: Counter = Counter()
    for department, region, population in communes:
        weights_d[department] += (population or 0) + 1
        weights_r[region] += (population or 0) + 1
    areas = []
    if weights_d:
        department = Department.objects.filter(pk=weights_d.most_common(1)[0][0]).first()
        if department:
            areas.append(Area(Level.DEPARTMENT, department.code, department.name))
    if weights_r:
        region = Region.objects.filter(pk=weights_r.most_common(1)[0][0]).first()
        if region:
            areas.append(Area(Level.REGION, region.code, region.name))
    areas.append(Area(Level.COUNTRY, FRANCE, _("France")))
    return tuple(areas)


def peer_candidates(territory: Territory) -> list[Area]:
    """The areas the team may pick as comparable: the same kind of area as the territory
    (EPCI for a custom perimeter), in its département for a commune, in its région
    otherwise; with their population in the name's place for display order."""
    area = territory_area(territory)
    references = {ref.level: ref.code for ref in reference_areas(territory)}
    if area is not None and area.level == Level.COMMUNE:
        rows = Commune.objects.filter(kind=Commune.Kind.CURRENT, withdrawn=False,
                                      department__code=references.get(Level.DEPARTMENT))
        return [Area(Level.COMMUNE, c.insee_code, c.name)
                for c in rows.exclude(insee_code=area.code).order_by("search_name")]
    region = references.get(Level.REGION)
    rows = Epci.objects.filter(withdrawn=False, communes__region__code=region).distinct()
    own = area.code if area else None
    return [Area(Level.EPCI, e.siren, e.name)
            for e in rows.exclude(siren=own).order_by("search_name")]


def peer_areas(level: str, codes: Iterable[str]) -> list[tuple[Area, int | None]]:
    """The peers' names and populations, for the page that lists them."""
    codes = list(codes)
    if level == Level.COMMUNE:
        rows = Commune.objects.filter(kind=Commune.Kind.CURRENT, insee_code__in=codes
                                      ).values_list("insee_code", "name", "population")
    else:
        rows = Epci.objects.filter(siren__in=codes).values_list("siren", "name", "population")
    return sorted(((Area(level, code, name), population) for code, name, population in rows),
                  key=lambda pair: pair[0].name)


def _peer_candidates(level: str) -> list[domain.Candidate]:
    if level == Level.COMMUNE:
        rows = Commune.objects.filter(kind=Commune.Kind.CURRENT, withdrawn=False).values_list(
            "insee_code", "population")
    else:
        rows = Epci.objects.filter(withdrawn=False).values_list("siren", "population")
    return [domain.Candidate(code, level, population) for code, population in rows]


@functools.lru_cache(maxsize=512)
def _automatic_peers(level: str, code: str | None, population: int | None,
                     referential: int | None) -> domain.PeerGroup:
    """The automatic peer group, kept per process until the referential changes (the
    candidates are every area of the kind: 35,000 communes are read and ranked once)."""
    return domain.peer_group(_peer_candidates(level), kind=level, population=population,
                             territory=code, max_peers=PEER_GROUP_SIZE)


def _referential_version() -> int | None:
    from territoria.geo.models import ReferentialVersion

    return ReferentialVersion.objects.order_by("-pk").values_list("pk", flat=True).first()


def _population(territory: Territory) -> int | None:
    from territoria.core.selectors import territory_population

    return territory_population(territory=territory)


# -- values ----------------------------------------------------------------------------------


type Values = dict[int, dict[str, dict[str, float | None]]]
"""indicator id → period → area code → value (None when missing)."""


def _values(level: str, codes: Iterable[str], *, indicators: Sequence[Indicator],
            periods: Iterable[str] | None = None) -> Values:
    # The indicators are filtered here rather than in SQL: with them in the query,
    # PostgreSQL prefers the (indicator, level, period) index and reads every commune of
    # France for each indicator (a second for a commune's 200 peers); by area it reads
    # only the peers' rows, through the (level, area_code) index.
    wanted = {i.pk for i in indicators}
    rows = IndicatorValue.objects.filter(level=level, area_code__in=list(codes))
    if periods is not None:
        rows = rows.filter(period__in=set(periods))
    table: Values = defaultdict(lambda: defaultdict(dict))
    for indicator_id, period, code, value in rows.values_list("indicator_id", "period",
                                                              "area_code", "value"):
        if indicator_id in wanted:
            table[indicator_id][period][code] = value
    return table


def _own_values(territory: Territory, area: Area | None,
                indicators: Sequence[Indicator]) -> dict[int, dict[str, float | None]]:
    """indicator id → period → the territory's value."""
    if area is not None:
        table = _values(area.level, [area.code], indicators=indicators)
        return {i: {p: v.get(area.code) for p, v in periods.items()}
                for i, periods in table.items()}
    codes = list(territory.communes.filter(kind=Commune.Kind.CURRENT)
                 .values_list("insee_code", flat=True))
    return perimeter_values(communes=codes, indicators=indicators)


def aggregation_rule(indicator: Indicator) -> Aggregation:
    """The domain's aggregation rule of a catalogue indicator."""
    kind = AggregationKind(indicator.aggregation)
    code = indicator.code
    if kind is AggregationKind.RATIO_OF_SUMS:
        return Aggregation.ratio_of_sums(indicator.numerator.code, indicator.denominator.code,
                                         scale=indicator.scale)
    if kind is AggregationKind.WEIGHTED_MEAN:
        return Aggregation.weighted_mean(code, weight=indicator.weight.code)
    if kind is AggregationKind.SUM:
        return Aggregation.sum(code)
    return Aggregation.not_aggregable(code)


def perimeter_values(*, communes: Sequence[str],
                     indicators: Sequence[Indicator]) -> dict[int, dict[str, float | None]]:
    """indicator id → period → the value of a group of communes (a custom perimeter).

    Counts are summed and rates recomputed from their parts (ratio of sums), over the
    communes' stored values, with every member required (a partial sum is never shown as
    the whole); other derived indicators are evaluated by their formula on the group's
    values, lags reading earlier periods.
    """
    catalogue = {i.code: i for i in Indicator.objects.select_related(
        "numerator", "denominator", "weight")}
    table: dict[str, dict[str, dict[str, float | None]]] = defaultdict(lambda: defaultdict(dict))
    for code, period, area, value in IndicatorValue.objects.filter(
            level=Level.COMMUNE, area_code__in=list(communes)).values_list(
            "indicator__code", "period", "area_code", "value"):
        table[period][code][area] = value
    group: dict[str, dict[str, float | None]] = {}
    for period, columns in table.items():
        found: dict[str, float | None] = {}
        for code, indicator in catalogue.items():
            rule = aggregation_rule(indicator)
            if rule.kind is AggregationKind.NOT_AGGREGABLE and indicator.formula:
                continue
            if not all(c in columns for c in rule.inputs):
                continue
            found[code] = aggregate(rule, communes, columns).value
        group[period] = found
    for period, found in group.items():
        for code, indicator in catalogue.items():
            if code in found or not indicator.formula:
                continue
            inputs = {}
            for name in parse(indicator.formula).dependencies:
                base, lag = split_lag(name)
                when = shift(period, lag) if lag else period
                inputs[name] = group.get(when, {}).get(base) if when else None
            found[code] = evaluate(indicator.formula, inputs).value
    wanted = {i.pk for i in indicators}
    result: dict[int, dict[str, float | None]] = defaultdict(dict)
    for period, found in group.items():
        for code, value in found.items():
            if catalogue[code].pk in wanted:
                result[catalogue[code].pk][period] = value
    return dict(result)


def _latest(periods: dict[str, float | None]) -> tuple[str | None, str | None]:
    """The latest period with a value, and the one before it with a value."""
    known = sorted((p for p, v in periods.items() if v is not None), reverse=True)
    return (known[0] if known else None), (known[1] if len(known) > 1 else None)


def _years(then: str, now: str) -> float | None:
    try:
        years = float(now[:4]) - float(then[:4])
    except ValueError:
        return None
    return years if years > 0 else None


# -- the comparison ----------------------------------------------------------------------------


def territory_comparison(*, territory: Territory, indicators: Sequence[Indicator] | None = None,
                         peer_codes: Sequence[str] | None = None) -> TerritoryComparison:
    """Every indicator of the catalogue (or ``indicators``) for the territory: its latest
    value, the values of its references for the same period, its position among its peers
    (the same kind of area with a similar population: between half and twice its
    population, widened until there are ten, the ``PEER_GROUP_SIZE`` closest at most; or
    ``peer_codes`` when the user picked them),
    its trend since the previous period, and the proposal it suggests."""
    indicators = list(indicators if indicators is not None
                      else Indicator.objects.order_by("order", "code"))
    area = territory_area(territory)
    references = reference_areas(territory)
    peer_level = area.level if area else Level.EPCI
    if peer_codes:
        valid = {c.code for c in _peer_candidates(peer_level)}
        chosen = tuple(sorted(set(peer_codes) & valid - {area.code if area else ""}))
        peers = domain.PeerGroup(chosen, None, None, None)
    else:
        peers = _automatic_peers(peer_level, area.code if area else None,
                                 _population(territory), _referential_version())
    own = _own_values(territory, area, indicators)
    latest = {i.pk: _latest(own.get(i.pk, {})) for i in indicators}
    periods = {p for now, _then in latest.values() if now for p in [now]}
    peer_values = _values(peer_level, peers.codes, indicators=indicators, periods=periods)
    reference_values = {ref: _values(ref.level, [ref.code], indicators=indicators,
                                     periods=periods) for ref in references}
    rows = []
    for indicator in indicators:
        now, then = latest[indicator.pk]
        direction = domain.Direction(indicator.direction)
        values = own.get(indicator.pk, {})
        refs = {ref.name: reference_values[ref].get(indicator.pk, {}).get(now, {}).get(ref.code)
                for ref in references} if now else {ref.name: None for ref in references}
        result = domain.compare(
            values.get(now) if now else None,
            peer_values.get(indicator.pk, {}).get(now, {}) if now else {},
            direction, territory=area.code if area else None, references=refs)
        years = _years(then, now) if now and then else None
        trend = domain.trend(values[then], values[now], years) if years else None
        rows.append(IndicatorComparison(
            indicator=indicator, period=now, comparison=result, trend=trend,
            trend_from=then if trend else None,
            proposal=domain.propose(result, indicator=indicator.name),
            history=tuple(sorted(values.items()))))
    return TerritoryComparison(territory=territory, area=area, references=references,
                               peer_level=peer_level, peers=peers,
                               peers_chosen=bool(peer_codes), rows=tuple(rows))


def territory_values(*, territory: Territory, indicators: Sequence[Indicator]
                     ) -> dict[int, dict[str, float | None]]:
    """indicator id → period → the territory's own value: stored for a commune or an EPCI,
    computed from its communes for a custom perimeter (the strategy's actual values)."""
    return _own_values(territory, territory_area(territory), indicators)
