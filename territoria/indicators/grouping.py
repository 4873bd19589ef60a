"""The rules of ``domain/aggregation.py`` for every group of a level at once, with numpy.

``domain.aggregation.aggregate_groups`` is the reference: it reads every member of every
group in Python, a few microseconds each. Recomputing France after an import means 34
columns × 4 levels × 35,000 communes, about 20 s that way; here each level is a handful of
``numpy.bincount`` calls. The results are the domain's, to floating-point rounding (sums
are not ``math.fsum``-rounded): ``tests/indicators/test_grouping.py`` checks them against
``aggregate_groups`` on random columns with missing values, for every kind of rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from territoria.indicators.domain.aggregation import Aggregation, AggregationKind
from territoria.indicators.domain.values import Missing


@dataclass(frozen=True)
class GroupResult:
    """One group's aggregate: ``value`` or ``None`` with ``reason``; ``share`` is
    ``Coverage.share`` of the domain (population share when known, else member share)."""

    value: float | None
    reason: Missing | None
    share: float | None


class Groups:
    """The members (communes) and, for each level, which group each member belongs to.

    The groups of a level do not overlap (a member belongs to one EPCI, one département…).
    """

    def __init__(self, groups_by_level: Mapping[str, Mapping[str, Sequence[str]]],
                 populations: Mapping[str, float | None]) -> None:
        codes = sorted({member for groups in groups_by_level.values()
                        for members in groups.values() for member in members})
        self.codes = codes
        self.position = {code: index for index, code in enumerate(codes)}
        self.populations = np.array(
            [np.nan if populations.get(code) is None else float(populations[code])
             for code in codes], dtype=float)
        self.levels: dict[str, tuple[list[str], np.ndarray]] = {}
        for level, groups in groups_by_level.items():
            names = list(groups)
            index = np.full(len(codes), -1, dtype=np.int64)
            for number, name in enumerate(names):
                for member in groups[name]:
                    index[self.position[member]] = number
            self.levels[level] = (names, index)

    def column(self, values: Mapping[str, float | None]) -> np.ndarray:
        """Values by member code as an array in member order, NaN where missing."""
        array = np.full(len(self.codes), np.nan)
        position = self.position
        for code, value in values.items():
            index = position.get(code)
            if index is not None and value is not None:
                array[index] = value
        array[~np.isfinite(array)] = np.nan
        return array

    def aggregate(self, rule: Aggregation, level: str, data: Mapping[str, np.ndarray], *,
                  min_coverage: float = 1.0) -> dict[str, GroupResult]:
        """Each group of ``level``: ``aggregate_groups(rule, groups, data, populations,
        min_coverage)`` of the domain, same rules and missing reasons."""
        if not 0 < min_coverage <= 1:
            raise ValueError("min_coverage must be in (0, 1]")
        names, index = self.levels[level]
        size = len(names)
        inside = index >= 0
        group = index[inside]
        columns = [data[code][inside] for code in rule.inputs]
        valid = np.logical_and.reduce([np.isfinite(c) for c in columns])
        kind = rule.kind
        if kind is AggregationKind.WEIGHTED_MEAN and np.any(valid & (columns[1] < 0)):
            raise ValueError("negative weight")

        def total(weights: np.ndarray) -> np.ndarray:
            return np.bincount(group, weights=weights, minlength=size)

        members = np.bincount(group, minlength=size)
        covered = total(valid.astype(float))
        populations = self.populations[inside]
        unknown = total(np.isnan(populations).astype(float))
        population = total(np.nan_to_num(populations))
        covered_population = total(np.where(valid, np.nan_to_num(populations), 0.0))
        complete = covered == members
        with np.errstate(divide="ignore", invalid="ignore"):
            population_share = np.where(
                complete, 1.0,
                np.where((unknown == 0) & (population > 0), covered_population / population,
                         np.nan))
            share = np.where(np.isnan(population_share), covered / np.maximum(members, 1),
                             population_share)
            if kind is AggregationKind.RATIO_OF_SUMS:
                top = total(np.where(valid, columns[0], 0.0))
                bottom = total(np.where(valid, columns[1], 0.0))
                values = top / bottom * rule.scale
            elif kind is AggregationKind.WEIGHTED_MEAN:
                top = total(np.where(valid, columns[0] * columns[1], 0.0))
                bottom = total(np.where(valid, columns[1], 0.0))
                values = top / bottom
            else:
                bottom = np.ones(size)
                values = total(np.where(valid, columns[0], 0.0))
        results: dict[str, GroupResult] = {}
        for number, name in enumerate(names):
            count = members[number]
            group_share = float(share[number])
            if count == 0:
                results[name] = GroupResult(None, Missing.NO_MEMBERS, None)
                continue
            if kind is AggregationKind.NOT_AGGREGABLE:
                if count > 1:
                    results[name] = GroupResult(None, Missing.NOT_AGGREGABLE, group_share)
                elif covered[number] == 0:
                    results[name] = GroupResult(None, Missing.NO_DATA, group_share)
                else:
                    results[name] = GroupResult(float(values[number]), None, group_share)
                continue
            if covered[number] == 0:
                results[name] = GroupResult(None, Missing.NO_DATA, group_share)
                continue
            if not complete[number] and (min_coverage >= 1 or group_share < min_coverage):
                results[name] = GroupResult(None, Missing.INCOMPLETE, group_share)
                continue
            if bottom[number] == 0:
                results[name] = GroupResult(None, Missing.DIVISION_BY_ZERO, group_share)
                continue
            results[name] = GroupResult(float(values[number]), None, group_share)
        return results
