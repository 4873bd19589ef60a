"""How an indicator known for communes is computed for a group of them.

A group is any set of member areas: the communes of an EPCI, a département, a région,
France, or a custom perimeter. The rule is part of the indicator's definition:

- ``SUM``: counts add up (population, jobs, dwellings). Aggregate = Σ member values.
- ``RATIO_OF_SUMS``: a rate is recomputed from its parts, never averaged. The unemployment
  rate of an EPCI is Σ unemployed / Σ active × 100 over its communes (INSEE, "Comparateur
  de territoires": ratios are aggregated as ratios of sums).
- ``WEIGHTED_MEAN``: a mean weighted by another indicator, Σ wᵢxᵢ / Σ wᵢ (for example a
  score weighted by population), for values that have no numerator and denominator.
- ``NOT_AGGREGABLE``: a median or a quantile (median income ``MED19``) cannot be derived
  from the members' values; the aggregate is missing, never invented. A group of exactly
  one member is that member, so it takes the member's value.

Missing values. A member *counts* when every input the rule needs is present for it: the
value (``SUM``, ``WEIGHTED_MEAN``), the numerator and the denominator (``RATIO_OF_SUMS``),
and the weight (``WEIGHTED_MEAN``). A value that is absent, ``None``, NaN or infinite is
missing; a statistically secret value is missing; none is ever taken as zero.

- Every member counts: the aggregate is computed.
- Some members do not count: the aggregate is missing (``Missing.INCOMPLETE``), unless the
  caller accepts partial coverage with ``min_coverage`` < 1. Then it is computed over the
  members that count when their share reaches ``min_coverage``: the share of the group's
  population living in them when ``populations`` is given and every member's population is
  known, the share of the members otherwise. The result always reports its coverage.
- No member counts: missing (``Missing.NO_DATA``); no member at all: ``Missing.NO_MEMBERS``.
- The sum of denominators (or of weights) is zero: missing (``Missing.DIVISION_BY_ZERO``).

Duplicate member codes are counted once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from territoria.indicators.domain.values import Missing, Number, as_value

type Column = Mapping[str, Number | None]
"""One indicator's values by area code. An area absent from it has no value."""

type Table = Mapping[str, Column]
"""Indicator code → that indicator's values by area code."""


class AggregationKind(StrEnum):
    SUM = "sum"
    RATIO_OF_SUMS = "ratio_of_sums"
    WEIGHTED_MEAN = "weighted_mean"
    NOT_AGGREGABLE = "not_aggregable"


@dataclass(frozen=True, slots=True)
class Aggregation:
    """The aggregation rule of one indicator, naming the indicator codes it reads.

    Build it with the class methods; ``inputs`` are the codes the rule needs per member.
    """

    kind: AggregationKind
    indicator: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    weight: str | None = None
    scale: float = 1.0

    def __post_init__(self) -> None:
        needed = {
            AggregationKind.SUM: ("indicator",),
            AggregationKind.RATIO_OF_SUMS: ("numerator", "denominator"),
            AggregationKind.WEIGHTED_MEAN: ("indicator", "weight"),
            AggregationKind.NOT_AGGREGABLE: ("indicator",),
        }[self.kind]
        for name in ("indicator", "numerator", "denominator", "weight"):
            if (getattr(self, name) is not None) != (name in needed):
                raise ValueError(f"{self.kind} aggregation needs exactly {', '.join(needed)}")
        if not math.isfinite(self.scale) or self.scale == 0:
            raise ValueError("scale must be a finite non-zero number")

    @classmethod
    def sum(cls, indicator: str) -> Aggregation:
        return cls(AggregationKind.SUM, indicator=indicator)

    @classmethod
    def ratio_of_sums(cls, numerator: str, denominator: str, *,
                      scale: float = 1.0) -> Aggregation:
        """Σ numerator / Σ denominator × ``scale`` (100 for a percentage)."""
        return cls(AggregationKind.RATIO_OF_SUMS, numerator=numerator,
                   denominator=denominator, scale=scale)

    @classmethod
    def weighted_mean(cls, indicator: str, *, weight: str) -> Aggregation:
        return cls(AggregationKind.WEIGHTED_MEAN, indicator=indicator, weight=weight)

    @classmethod
    def not_aggregable(cls, indicator: str) -> Aggregation:
        return cls(AggregationKind.NOT_AGGREGABLE, indicator=indicator)

    @property
    def inputs(self) -> tuple[str, ...]:
        codes = (self.indicator, self.numerator, self.denominator, self.weight)
        return tuple(code for code in codes if code is not None)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a group the aggregate rests on.

    ``covered`` members have every input the rule needs. ``population_share`` is the share
    of the group's population that lives in them, ``None`` when no populations were given,
    when one member's population is unknown, or when the group's population is zero.
    """

    members: int
    covered: int
    population_share: float | None = None

    @property
    def member_share(self) -> float | None:
        return self.covered / self.members if self.members else None

    @property
    def complete(self) -> bool:
        return self.members > 0 and self.covered == self.members

    @property
    def share(self) -> float | None:
        """The share compared with ``min_coverage``: by population when known."""
        return self.population_share if self.population_share is not None \
            else self.member_share


@dataclass(frozen=True, slots=True)
class Aggregate:
    """An aggregate value, or ``None`` with the reason it is missing.

    For ``RATIO_OF_SUMS``, ``numerator`` and ``denominator`` are the two sums (Σ wᵢxᵢ and
    Σ wᵢ for ``WEIGHTED_MEAN``), so that a larger group can be built from groups.
    """

    value: float | None
    coverage: Coverage
    reason: Missing | None = None
    numerator: float | None = None
    denominator: float | None = None


def aggregate(rule: Aggregation, members: Iterable[str], data: Table, *,
              populations: Column | None = None, min_coverage: float = 1.0) -> Aggregate:
    """The value of ``rule``'s indicator for the group of ``members``.

    ``data`` holds the member values of the codes in ``rule.inputs``. The rule and the
    missing-value policy are in the module docstring: SUM is Σ xᵢ, RATIO_OF_SUMS is
    Σ nᵢ / Σ dᵢ × scale (INSEE: ratios are aggregated as ratios of sums), WEIGHTED_MEAN is
    Σ wᵢxᵢ / Σ wᵢ, NOT_AGGREGABLE is missing for more than one member. ``populations``
    only measures coverage. Raises ``ValueError`` on a negative weight.
    """
    _check_min_coverage(min_coverage)
    return _aggregate(rule, list(dict.fromkeys(members)), _columns(rule, data),
                      populations, min_coverage)


def aggregate_groups(rule: Aggregation, groups: Mapping[str, Iterable[str]], data: Table, *,
                     populations: Column | None = None,
                     min_coverage: float = 1.0) -> dict[str, Aggregate]:
    """``aggregate`` for many groups at once: group code → its aggregate.

    Same rule and policy as ``aggregate``, with the columns looked up once; 1,255 EPCI from
    35,000 communes take a few hundredths of a second (see
    ``benchmarks/indicator_aggregation.py``). Groups may overlap.
    """
    _check_min_coverage(min_coverage)
    columns = _columns(rule, data)
    return {group: _aggregate(rule, list(dict.fromkeys(members)), columns, populations,
                              min_coverage)
            for group, members in groups.items()}


def groups_from_membership(membership: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Member code → group code, turned into group code → member codes (in input order).

    A member whose group is ``None`` belongs to no group.
    """
    groups: dict[str, list[str]] = {}
    for member, group in membership.items():
        if group is not None:
            groups.setdefault(group, []).append(member)
    return groups


def combine(rule: Aggregation, parts: Iterable[Aggregate]) -> Aggregate:
    """The aggregate of a union of disjoint groups, from the groups' own aggregates.

    SUM adds the parts' values; RATIO_OF_SUMS and WEIGHTED_MEAN divide the summed
    numerators by the summed denominators (never an average of the parts' values), which
    equals aggregating the union's members directly, to rounding. The union is complete
    only when every part is; a part that is missing makes the union missing with the same
    policy as a member (no partial coverage here: recompute from members to accept it).
    """
    present = [p for p in parts if p.coverage.members]
    members = sum(p.coverage.members for p in present)
    covered = sum(p.coverage.covered for p in present)
    complete = covered == members
    population_share = 1.0 if complete and all(
        p.coverage.population_share is not None for p in present) else None
    coverage = Coverage(members, covered, population_share if present else None)
    if not present:
        return Aggregate(None, coverage, Missing.NO_MEMBERS)
    if rule.kind is AggregationKind.NOT_AGGREGABLE:
        if members == 1:
            return present[0]
        return Aggregate(None, coverage, Missing.NOT_AGGREGABLE)
    if covered == 0:
        return Aggregate(None, coverage, Missing.NO_DATA)
    if not complete:
        return Aggregate(None, coverage, Missing.INCOMPLETE)
    if rule.kind is AggregationKind.SUM:
        return Aggregate(math.fsum(p.value for p in present if p.value is not None), coverage)
    # A complete part of a quotient always carries its two sums, even when it divided by 0.
    numerator = math.fsum(p.numerator for p in present if p.numerator is not None)
    denominator = math.fsum(p.denominator for p in present if p.denominator is not None)
    return _quotient(rule, numerator, denominator, coverage)


# -- the kernel ---------------------------------------------------------------------------


def _check_min_coverage(min_coverage: float) -> None:
    if not 0 < min_coverage <= 1:
        raise ValueError("min_coverage must be in (0, 1]")


def _columns(rule: Aggregation, data: Table) -> tuple[Column, ...]:
    missing = [code for code in rule.inputs if code not in data]
    if missing:
        raise KeyError(f"no values given for {', '.join(missing)}")
    return tuple(data[code] for code in rule.inputs)


def _aggregate(rule: Aggregation, members: list[str], columns: tuple[Column, ...],
               populations: Column | None, min_coverage: float) -> Aggregate:
    if not members:
        return Aggregate(None, Coverage(0, 0), Missing.NO_MEMBERS)
    kind = rule.kind
    if kind is AggregationKind.RATIO_OF_SUMS or kind is AggregationKind.WEIGHTED_MEAN:
        # Pairs (numerator, denominator) or (value, weight): both present or the member
        # does not count.
        first, second = columns
        covered_members, tops, bottoms = [], [], []
        for member in members:
            top = as_value(first.get(member))
            bottom = as_value(second.get(member))
            if top is None or bottom is None:
                continue
            if kind is AggregationKind.WEIGHTED_MEAN:
                if bottom < 0:
                    raise ValueError(f"negative weight {bottom} for {member}")
                top *= bottom
            covered_members.append(member)
            tops.append(top)
            bottoms.append(bottom)
    else:
        (column,) = columns
        covered_members, tops = [], []
        for member in members:
            value = as_value(column.get(member))
            if value is not None:
                covered_members.append(member)
                tops.append(value)
        bottoms = []

    coverage = _coverage(members, covered_members, populations)
    if kind is AggregationKind.NOT_AGGREGABLE:
        if len(members) > 1:
            return Aggregate(None, coverage, Missing.NOT_AGGREGABLE)
        if not tops:
            return Aggregate(None, coverage, Missing.NO_DATA)
        return Aggregate(tops[0], coverage)
    if not covered_members:
        return Aggregate(None, coverage, Missing.NO_DATA)
    if not coverage.complete:
        share = coverage.share
        if min_coverage >= 1 or share is None or share < min_coverage:
            return Aggregate(None, coverage, Missing.INCOMPLETE)
    if kind is AggregationKind.SUM:
        return Aggregate(math.fsum(tops), coverage)
    return _quotient(rule, math.fsum(tops), math.fsum(bottoms), coverage)


def _quotient(rule: Aggregation, numerator: float, denominator: float,
              coverage: Coverage) -> Aggregate:
    if denominator == 0:
        return Aggregate(None, coverage, Missing.DIVISION_BY_ZERO, numerator, denominator)
    value = numerator / denominator
    if rule.kind is AggregationKind.RATIO_OF_SUMS:
        value *= rule.scale
    return Aggregate(value, coverage, None, numerator, denominator)


def _coverage(members: list[str], covered: list[str],
              populations: Column | None) -> Coverage:
    if populations is None:
        return Coverage(len(members), len(covered))
    if len(covered) == len(members):
        return Coverage(len(members), len(covered), 1.0)
    member_populations = [as_value(populations.get(member)) for member in members]
    if any(p is None for p in member_populations):
        return Coverage(len(members), len(covered))
    total = math.fsum(member_populations)  # type: ignore[arg-type]
    if total <= 0:
        return Coverage(len(members), len(covered))
    covered_total = math.fsum(as_value(populations.get(m)) or 0.0 for m in covered)
    return Coverage(len(members), len(covered), covered_total / total)
