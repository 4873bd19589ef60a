"""The numpy aggregation of every group of a level gives the domain's results."""

import math
import random

import pytest

from territoria.indicators.domain.aggregation import Aggregation, aggregate_groups
from territoria.indicators.grouping import Groups

RULES = [
    Aggregation.sum("x"),
    Aggregation.ratio_of_sums("x", "y", scale=100),
    Aggregation.weighted_mean("x", weight="y"),
    Aggregation.not_aggregable("x"),
]


def _world(seed: int, holes: float):
    rng = random.Random(seed)
    codes = [f"{n:05d}" for n in range(600)]
    groups = {"epci": {}, "department": {}}
    for code in codes:
        groups["epci"].setdefault(f"e{rng.randrange(80)}", []).append(code)
        groups["department"].setdefault(f"d{rng.randrange(5)}", []).append(code)
    for name in list(groups["epci"]):
        groups["epci"][name] = [c for c in groups["epci"][name] if c != codes[0]]
    groups["epci"]["single"] = [codes[0]]  # a group of one member
    populations = {c: (None if rng.random() < 0.01 else rng.choice([0, rng.randrange(1, 5000)]))
                   for c in codes}
    data = {name: {c: (None if rng.random() < holes else
                       rng.choice([0.0, rng.uniform(0, 1000), float("nan")]))
                   for c in codes} for name in ("x", "y")}
    return groups, populations, data


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("holes", [0.0, 0.002, 0.3])
@pytest.mark.parametrize("min_coverage", [1.0, 0.95, 0.5])
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.kind.value)
def test_every_group_has_the_domains_value_reason_and_coverage(rule, min_coverage, holes,
                                                                seed):
    groups, populations, data = _world(seed, holes)
    members = Groups(groups, populations)
    arrays = {name: members.column(column) for name, column in data.items()}
    for level, level_groups in groups.items():
        level_groups = {name: codes for name, codes in level_groups.items() if codes}
        expected = aggregate_groups(rule, level_groups, data, populations=populations,
                                    min_coverage=min_coverage)
        got = members.aggregate(rule, level, arrays, min_coverage=min_coverage)
        for name, reference in expected.items():
            result = got[name]
            assert result.reason == reference.reason, name
            if reference.value is None:
                assert result.value is None
            else:
                assert result.value == pytest.approx(reference.value, rel=1e-9, abs=1e-9)
            share = reference.coverage.share
            assert (result.share is None and share is None) or math.isclose(
                result.share, share, rel_tol=1e-9), name


def test_a_negative_weight_is_refused_like_the_domain():
    members = Groups({"epci": {"e": ["a", "b"]}}, {"a": 1, "b": 1})
    arrays = {"x": members.column({"a": 1.0, "b": 2.0}),
              "y": members.column({"a": 1.0, "b": -1.0})}
    with pytest.raises(ValueError, match="negative weight"):
        members.aggregate(Aggregation.weighted_mean("x", weight="y"), "epci", arrays)
