"""Aggregation of commune values over groups of communes: rules, missing values, laws."""

import math
import random
from decimal import Decimal

import pytest

from territoria.indicators.domain.aggregation import (
    Aggregate,
    Aggregation,
    AggregationKind,
    Coverage,
    aggregate,
    aggregate_groups,
    combine,
    groups_from_membership,
)
from territoria.indicators.domain.values import Missing

POPULATION = Aggregation.sum("P18_POP")
UNEMPLOYMENT = Aggregation.ratio_of_sums("P18_CHOM1564", "P18_ACT1564", scale=100)
INCOME = Aggregation.not_aggregable("MED19")
SCORE = Aggregation.weighted_mean("SCORE", weight="P18_POP")


def _data(**columns):
    return columns


# -- known values -------------------------------------------------------------------------


def test_sum_adds_the_members_values():
    data = _data(P18_POP={"a": 771, "b": 253, "c": 14204})
    result = aggregate(POPULATION, ["a", "b", "c"], data)
    assert result == Aggregate(15228.0, Coverage(3, 3))
    assert result.coverage.complete and result.coverage.member_share == 1.0


def test_a_rate_is_the_ratio_of_the_sums_never_the_mean_of_the_rates():
    # 10 % of 100 active and 50 % of 10 active: the group's rate is 15 / 110, not 30 %.
    data = _data(P18_CHOM1564={"a": 10, "b": 5}, P18_ACT1564={"a": 100, "b": 10})
    result = aggregate(UNEMPLOYMENT, ["a", "b"], data)
    assert result.value == pytest.approx(15 / 110 * 100)
    assert (result.numerator, result.denominator) == (15.0, 110.0)
    assert result.value != pytest.approx((10.0 + 50.0) / 2)


def test_weighted_mean_weights_each_member():
    data = _data(SCORE={"a": 2, "b": 8}, P18_POP={"a": 300, "b": 100})
    result = aggregate(SCORE, ["a", "b"], data)
    assert result.value == pytest.approx((2 * 300 + 8 * 100) / 400)
    assert (result.numerator, result.denominator) == (1400.0, 400.0)


def test_a_median_is_not_aggregated_but_a_single_commune_keeps_its_own():
    data = _data(MED19={"a": 23970, "b": 23640})
    several = aggregate(INCOME, ["a", "b"], data)
    assert several.value is None and several.reason is Missing.NOT_AGGREGABLE
    assert several.coverage == Coverage(2, 2)
    assert aggregate(INCOME, ["a"], data).value == 23970.0
    assert aggregate(INCOME, ["x"], data).reason is Missing.NO_DATA


def test_inputs_accept_integers_and_decimals():
    data = _data(P18_POP={"a": Decimal("0.1"), "b": 0.2, "c": 3})
    assert aggregate(POPULATION, ["a", "b", "c"], data).value == pytest.approx(3.3)


def test_negative_values_add_up():
    data = _data(BALANCE={"a": -12.5, "b": 4, "c": 3.5})
    assert aggregate(Aggregation.sum("BALANCE"), ["a", "b", "c"], data).value == -5.0


# -- missing values -------------------------------------------------------------------------


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf"), "absent"])
def test_a_missing_member_makes_the_sum_missing(missing):
    column = {"a": 10, "b": 20, "c": missing}
    if missing == "absent":
        del column["c"]
    result = aggregate(POPULATION, ["a", "b", "c"], _data(P18_POP=column))
    assert result.value is None
    assert result.reason is Missing.INCOMPLETE
    assert result.coverage == Coverage(members=3, covered=2)
    assert result.coverage.member_share == pytest.approx(2 / 3)


def test_a_statistically_secret_value_is_never_taken_as_zero():
    data = _data(P18_POP={"a": 10, "b": None})
    assert aggregate(POPULATION, ["a", "b"], data).value is None


def test_partial_coverage_is_accepted_on_request_and_reported():
    data = _data(P18_POP={"a": 10, "b": 20, "c": None, "d": 30})
    result = aggregate(POPULATION, ["a", "b", "c", "d"], data, min_coverage=0.75)
    assert result.value == 60.0
    assert result.reason is None
    assert result.coverage == Coverage(4, 3)
    refused = aggregate(POPULATION, ["a", "b", "c", "d"], data, min_coverage=0.8)
    assert refused.value is None and refused.reason is Missing.INCOMPLETE


def test_partial_coverage_is_measured_by_population_when_populations_are_given():
    values = _data(P18_LOG={"small": 50, "big": None, "tiny": 5})
    populations = {"small": 100, "big": 900, "tiny": 0}
    rule = Aggregation.sum("P18_LOG")
    result = aggregate(rule, ["small", "big", "tiny"], values, populations=populations,
                       min_coverage=0.5)
    # Two members of three have a value, but only 10 % of the population lives there.
    assert result.coverage.member_share == pytest.approx(2 / 3)
    assert result.coverage.population_share == pytest.approx(0.1)
    assert result.value is None and result.reason is Missing.INCOMPLETE
    accepted = aggregate(rule, ["small", "big", "tiny"], values, populations=populations,
                         min_coverage=0.1)
    assert accepted.value == 55.0


def test_an_unknown_population_falls_back_to_the_share_of_members():
    values = _data(P18_LOG={"a": 50, "b": None})
    result = aggregate(Aggregation.sum("P18_LOG"), ["a", "b"], values,
                       populations={"a": 100}, min_coverage=0.5)
    assert result.coverage.population_share is None
    assert result.coverage.share == 0.5
    assert result.value == 50.0


def test_complete_coverage_covers_the_whole_population():
    result = aggregate(POPULATION, ["a"], _data(P18_POP={"a": 1}), populations={})
    assert result.coverage.population_share == 1.0


def test_a_ratio_counts_a_member_only_when_numerator_and_denominator_are_both_there():
    data = _data(P18_CHOM1564={"a": 10, "b": 5, "c": None},
                 P18_ACT1564={"a": 100, "b": None, "c": 40})
    result = aggregate(UNEMPLOYMENT, ["a", "b", "c"], data)
    assert result.value is None and result.coverage == Coverage(3, 1)
    partial = aggregate(UNEMPLOYMENT, ["a", "b", "c"], data, min_coverage=1 / 3)
    assert partial.value == pytest.approx(10.0)  # a's 10 / 100 only, nothing of b or c


def test_a_weighted_mean_needs_the_weight_too():
    data = _data(SCORE={"a": 2, "b": 8}, P18_POP={"a": 300})
    result = aggregate(SCORE, ["a", "b"], data)
    assert result.reason is Missing.INCOMPLETE and result.coverage == Coverage(2, 1)


def test_all_members_missing_gives_no_data_even_when_partial_coverage_is_accepted():
    data = _data(P18_POP={"a": None, "b": None})
    result = aggregate(POPULATION, ["a", "b"], data, min_coverage=0.01)
    assert result.value is None and result.reason is Missing.NO_DATA
    assert result.coverage == Coverage(2, 0)


def test_a_group_without_members_has_no_value():
    result = aggregate(POPULATION, [], _data(P18_POP={"a": 1}))
    assert result == Aggregate(None, Coverage(0, 0), Missing.NO_MEMBERS)
    assert result.coverage.member_share is None and not result.coverage.complete


def test_zero_denominators_give_a_missing_rate_not_an_error():
    data = _data(P18_CHOM1564={"a": 0, "b": 0}, P18_ACT1564={"a": 0, "b": 0})
    result = aggregate(UNEMPLOYMENT, ["a", "b"], data)
    assert result.value is None and result.reason is Missing.DIVISION_BY_ZERO
    assert result.coverage.complete
    assert Missing.DIVISION_BY_ZERO.message == "division by zero"


def test_a_member_with_a_zero_denominator_still_counts():
    data = _data(P18_CHOM1564={"a": 0, "b": 3}, P18_ACT1564={"a": 0, "b": 30})
    assert aggregate(UNEMPLOYMENT, ["a", "b"], data).value == pytest.approx(10.0)


def test_zero_weights_give_a_missing_mean():
    data = _data(SCORE={"a": 2}, P18_POP={"a": 0})
    assert aggregate(SCORE, ["a"], data).reason is Missing.DIVISION_BY_ZERO


def test_a_negative_weight_is_refused():
    data = _data(SCORE={"a": 2}, P18_POP={"a": -1})
    with pytest.raises(ValueError, match=r"negative weight -1\.0 for a"):
        aggregate(SCORE, ["a"], data)


def test_a_member_listed_twice_counts_once():
    data = _data(P18_POP={"a": 10, "b": 5})
    result = aggregate(POPULATION, ["a", "b", "a"], data)
    assert result.value == 15.0 and result.coverage == Coverage(2, 2)


def test_a_rule_names_exactly_the_codes_its_kind_needs():
    assert UNEMPLOYMENT.inputs == ("P18_CHOM1564", "P18_ACT1564")
    assert SCORE.inputs == ("SCORE", "P18_POP")
    with pytest.raises(ValueError, match="ratio_of_sums aggregation needs exactly numerator"):
        Aggregation(AggregationKind.RATIO_OF_SUMS, numerator="X")
    with pytest.raises(ValueError, match="sum aggregation needs exactly indicator"):
        Aggregation(AggregationKind.SUM, indicator="X", weight="P")
    with pytest.raises(ValueError, match="scale"):
        Aggregation.ratio_of_sums("A", "B", scale=0)


def test_values_must_be_given_for_every_code_the_rule_reads():
    with pytest.raises(KeyError, match="P18_ACT1564"):
        aggregate(UNEMPLOYMENT, ["a"], _data(P18_CHOM1564={"a": 1}))


@pytest.mark.parametrize("min_coverage", [0, -0.5, 1.01])
def test_min_coverage_is_a_share(min_coverage):
    with pytest.raises(ValueError, match="min_coverage"):
        aggregate(POPULATION, ["a"], _data(P18_POP={"a": 1}), min_coverage=min_coverage)


# -- many groups at once -------------------------------------------------------------------


def test_groups_from_membership_lists_each_groups_members_in_order():
    membership = {"01001": "200069193", "01002": "240100883", "01004": "200069193",
                  "99999": None}
    assert groups_from_membership(membership) == {
        "200069193": ["01001", "01004"], "240100883": ["01002"]}


def test_aggregate_groups_gives_each_group_what_aggregate_gives_it():
    rng = random.Random(20240601)
    data = _random_ratio_data(rng, 2000)
    groups = groups_from_membership({code: f"g{rng.randrange(60)}" for code in data["N"]})
    groups["empty"] = []
    groups["overlapping"] = list(data["N"])[:300]
    rule = Aggregation.ratio_of_sums("N", "D", scale=100)
    populations = {code: rng.uniform(1, 1000) for code in data["N"]}
    bulk = aggregate_groups(rule, groups, data, populations=populations, min_coverage=0.8)
    assert bulk.keys() == groups.keys()
    for group, members in groups.items():
        assert bulk[group] == aggregate(rule, members, data, populations=populations,
                                        min_coverage=0.8)
    assert bulk["empty"].reason is Missing.NO_MEMBERS
    assert any(result.reason is Missing.INCOMPLETE for result in bulk.values())
    assert any(result.value is not None and not result.coverage.complete
               for result in bulk.values())


# -- combining groups ----------------------------------------------------------------------


def test_combine_recomputes_a_rate_from_the_parts_sums():
    data = _data(P18_CHOM1564={"a": 10, "b": 5, "c": 1}, P18_ACT1564={"a": 100, "b": 10,
                                                                     "c": 0})
    parts = [aggregate(UNEMPLOYMENT, ["a"], data), aggregate(UNEMPLOYMENT, ["b", "c"], data)]
    whole = combine(UNEMPLOYMENT, parts)
    assert whole.value == pytest.approx(16 / 110 * 100)
    assert whole.coverage == Coverage(3, 3)


def test_combine_keeps_missing_parts_missing():
    data = _data(P18_POP={"a": 1, "b": None, "c": 2})
    parts = [aggregate(POPULATION, ["a"], data),
             aggregate(POPULATION, ["b", "c"], data, min_coverage=0.5)]
    assert parts[1].value == 2.0
    whole = combine(POPULATION, parts)
    assert whole.value is None and whole.reason is Missing.INCOMPLETE
    assert whole.coverage == Coverage(3, 2)
    assert combine(POPULATION, []).reason is Missing.NO_MEMBERS
    assert combine(INCOME, [aggregate(INCOME, ["a"], _data(MED19={"a": 5}))]).value == 5.0
    assert combine(INCOME, [aggregate(INCOME, ["a"], _data(MED19={"a": 5})),
                            aggregate(INCOME, ["b"], _data(MED19={"b": 6}))]).reason \
        is Missing.NOT_AGGREGABLE


# -- laws (deterministic randomised checks, fixed seeds) -------------------------------------


def _random_ratio_data(rng, size):
    numerators, denominators = {}, {}
    for i in range(size):
        code = f"{i:05d}"
        denominator = rng.choice([0.0, rng.uniform(0, 5000), rng.uniform(0, 50)])
        numerators[code] = None if rng.random() < 0.03 else rng.uniform(0, 1) * denominator
        denominators[code] = None if rng.random() < 0.03 else denominator
    return {"N": numerators, "D": denominators}


def _random_partition(rng, members, parts):
    shuffled = members[:]
    rng.shuffle(shuffled)
    cuts = sorted(rng.sample(range(1, len(shuffled)), parts - 1))
    return [shuffled[i:j] for i, j in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)]


def test_the_sum_over_a_partition_is_the_sum_of_the_parts_sums():
    rng = random.Random(7)
    for _ in range(200):
        size = rng.randrange(2, 300)
        column = {f"c{i}": rng.choice([rng.uniform(-1e6, 1e6), float(rng.randrange(10**7))])
                  for i in range(size)}
        members = list(column)
        parts = _random_partition(rng, members, rng.randrange(1, min(size, 12) + 1))
        data = {"X": column}
        rule = Aggregation.sum("X")
        whole = aggregate(rule, members, data).value
        part_values = [aggregate(rule, part, data).value for part in parts]
        assert whole == pytest.approx(math.fsum(part_values), rel=1e-12, abs=1e-6)
        assert combine(rule, [aggregate(rule, p, data) for p in parts]).value == \
            pytest.approx(whole, rel=1e-12, abs=1e-6)


def test_integer_sums_over_a_partition_are_exact():
    rng = random.Random(8)
    for _ in range(200):
        column = {f"c{i}": rng.randrange(-10**9, 10**9) for i in range(rng.randrange(2, 200))}
        parts = _random_partition(rng, list(column), 3 if len(column) >= 3 else 1)
        rule = Aggregation.sum("X")
        assert aggregate(rule, list(column), {"X": column}).value == \
            sum(aggregate(rule, part, {"X": column}).value for part in parts)


def test_the_rate_of_a_union_is_the_ratio_of_the_summed_numerators_and_denominators():
    rng = random.Random(11)
    rule = Aggregation.ratio_of_sums("N", "D", scale=100)
    for _ in range(200):
        data = _random_ratio_data(rng, rng.randrange(2, 200))
        members = list(data["N"])
        parts = _random_partition(rng, members, 2)
        aggregates = [aggregate(rule, part, data, min_coverage=0.01) for part in parts]
        union = aggregate(rule, members, data, min_coverage=0.01)
        counted = [m for m in members if data["N"][m] is not None and data["D"][m] is not None]
        if not counted:
            assert union.reason is Missing.NO_DATA
            continue
        numerator = math.fsum(a.numerator for a in aggregates if a.numerator is not None)
        denominator = math.fsum(a.denominator for a in aggregates if a.denominator is not None)
        assert union.numerator == pytest.approx(numerator, rel=1e-12, abs=1e-9)
        assert union.denominator == pytest.approx(denominator, rel=1e-12, abs=1e-9)
        if denominator == 0:
            assert union.reason is Missing.DIVISION_BY_ZERO
        else:
            assert union.value == pytest.approx(numerator / denominator * 100, rel=1e-12)
        if all(a.coverage.complete for a in aggregates):
            combined = combine(rule, aggregates)
            assert combined.reason == union.reason
            assert combined.value == pytest.approx(union.value, rel=1e-12)


def test_aggregation_does_not_depend_on_the_order_of_the_members():
    rng = random.Random(13)
    rules = [Aggregation.sum("N"), Aggregation.ratio_of_sums("N", "D", scale=100),
             Aggregation.weighted_mean("N", weight="D")]
    for _ in range(100):
        data = _random_ratio_data(rng, rng.randrange(1, 300))
        members = list(data["N"])
        for rule in rules:
            before = aggregate(rule, members, data, min_coverage=0.5)
            rng.shuffle(members)
            # Exactly equal, not approximately: sums are correctly rounded (math.fsum).
            assert aggregate(rule, members, data, min_coverage=0.5) == before
