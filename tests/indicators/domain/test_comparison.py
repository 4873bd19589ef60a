"""A territory against its peers, its references and its past; strengths and weaknesses."""

import random

import pytest

from territoria.indicators.domain.comparison import (
    REFERENCE_MESSAGE,
    STRENGTH_MESSAGE,
    WEAKNESS_MESSAGE,
    Candidate,
    Direction,
    Message,
    Position,
    ProposalKind,
    Reference,
    Trend,
    compare,
    peer_group,
    position,
    propose,
    quintile,
    trend,
)
from territoria.indicators.domain.values import Missing

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
NEUTRAL = Direction.NEUTRAL


def _peers(*values):
    return {f"p{i}": value for i, value in enumerate(values)}


# -- position -----------------------------------------------------------------------------


def test_rank_one_is_the_best_value_in_the_indicators_direction():
    peers = _peers(10, 20, 30, 40)
    assert position(35, peers, HIGHER) == Position(
        rank=2, ranked=5, peers=4, better=1, ties=0, worse=3, percentile=75.0, quintile=2)
    assert position(35, peers, LOWER) == Position(
        rank=4, ranked=5, peers=4, better=3, ties=0, worse=1, percentile=25.0, quintile=4)


def test_ties_share_the_best_rank_and_count_half_in_the_percentile():
    where = position(20, _peers(10, 20, 20, 30), HIGHER)
    assert (where.rank, where.better, where.ties, where.worse) == (2, 1, 2, 1)
    assert where.percentile == 50.0  # (1 worse + 2 ties / 2) / 4
    everyone_equal = position(5, _peers(5, 5, 5), LOWER)
    assert (everyone_equal.rank, everyone_equal.percentile) == (1, 50.0)


def test_the_territory_is_not_its_own_peer_and_peers_without_value_are_counted():
    peers = {"42218": 12.0, "42095": 8.0, "42207": None, "42187": 15.0}
    where = position(12.0, peers, LOWER, territory="42218")
    assert (where.peers, where.peers_without_value, where.rank, where.ranked) == (2, 1, 2, 3)
    assert where.percentile == 50.0


def test_with_one_peer_the_percentile_is_all_or_nothing():
    assert position(3, _peers(2), HIGHER).percentile == 100.0
    assert position(1, _peers(2), HIGHER).percentile == 0.0
    assert position(2, _peers(2), HIGHER).percentile == 50.0


def test_without_peers_or_without_a_value_there_is_no_percentile():
    alone = position(3, {}, HIGHER)
    assert (alone.rank, alone.ranked, alone.percentile, alone.quintile) == (1, 1, None, None)
    unknown = position(None, _peers(1, None, 3), HIGHER)
    assert (unknown.rank, unknown.percentile, unknown.peers, unknown.peers_without_value) == (
        None, None, 2, 1)
    all_missing = position(4, _peers(None, float("nan")), HIGHER)
    assert (all_missing.peers, all_missing.percentile) == (0, None)


def test_negative_values_are_ordered_like_any_other():
    where = position(-3, _peers(-10, -5, 0, 4), HIGHER)
    assert (where.rank, where.percentile) == (3, 50.0)


def test_a_neutral_indicator_is_positioned_as_if_higher_were_better():
    peers = _peers(1, 2, 3, 4)
    assert position(2.5, peers, NEUTRAL) == position(2.5, peers, HIGHER)


@pytest.mark.parametrize(("percentile", "expected"), [
    (100, 1), (80, 1), (79.99, 2), (60, 2), (59.9, 3), (40, 3), (20, 4), (19.99, 5), (0, 5),
    (None, None)])
def test_quintile_one_is_the_best_fifth(percentile, expected):
    assert quintile(percentile) == expected


def test_a_percentile_is_between_0_and_100():
    with pytest.raises(ValueError):
        quintile(100.5)


def test_percentile_follows_its_definition_and_the_directions_mirror_each_other():
    rng = random.Random(5)
    for _ in range(300):
        peers = _peers(*(rng.choice([rng.randrange(10), rng.uniform(-5, 5)])
                         for _ in range(rng.randrange(1, 40))))
        value = rng.choice([*peers.values(), rng.uniform(-5, 12)])
        values = list(peers.values())
        higher, lower = position(value, peers, HIGHER), position(value, peers, LOWER)
        below = sum(v < value for v in values)
        equal = sum(v == value for v in values)
        # scipy.stats.percentileofscore(values, value, kind="mean")
        assert higher.percentile == pytest.approx(100 * (below + equal / 2) / len(values))
        assert higher.percentile + lower.percentile == pytest.approx(100)
        assert higher.rank == 1 + sum(v > value for v in values)
        assert lower.rank == 1 + sum(v < value for v in values)
        shuffled = list(peers.items())
        rng.shuffle(shuffled)
        assert position(value, dict(shuffled), HIGHER) == higher


# -- comparison ---------------------------------------------------------------------------


def test_compare_gathers_the_value_its_position_the_peer_median_and_the_references():
    comparison = compare(9.0, {"a": 12.0, "b": 8.0, "c": 15.0, "me": 9.0}, LOWER,
                         territory="me", references={"Loire": 13.0, "France": None})
    assert comparison.value == 9.0
    assert comparison.peer_median == 12.0
    assert comparison.position.rank == 2
    assert comparison.percentile == pytest.approx(100 * 2 / 3)
    assert comparison.references == (Reference("Loire", 13.0), Reference("France", None))
    assert compare(1, {}, HIGHER).peer_median is None


# -- peer group ---------------------------------------------------------------------------


def _communes(*populations):
    return [Candidate(f"c{i:02d}", "commune", population)
            for i, population in enumerate(populations)]


def test_peers_are_areas_of_the_same_kind_with_a_population_in_the_band():
    candidates = [*_communes(400, 500, 1000, 2000, 2001, None, 1500),
                  Candidate("e1", "epci", 1000), Candidate("me", "commune", 1000)]
    group = peer_group(candidates, kind="commune", population=1000, min_peers=1,
                       territory="me")
    assert group.codes == ("c01", "c02", "c03", "c06")
    assert (group.low, group.high, group.factors) == (500.0, 2000.0, (0.5, 2.0))
    assert len(group) == 4


def test_the_band_widens_until_there_are_enough_peers():
    candidates = _communes(1000, 1900, 3500, 260, 10_000, 100_000)
    group = peer_group(candidates, kind="commune", population=1000, min_peers=4)
    assert group.codes == ("c00", "c01", "c02", "c03")
    assert group.factors == pytest.approx((0.5 / 1.5**2, 2.0 * 1.5**2))


def test_widening_stops_when_every_area_of_the_kind_is_in():
    group = peer_group(_communes(10, 1000, 10**6), kind="commune", population=1000,
                       min_peers=50)
    assert group.codes == ("c00", "c01", "c02")


def test_areas_without_inhabitants_are_never_peers():
    group = peer_group(_communes(0, 0, 900), kind="commune", population=1000, min_peers=5)
    assert group.codes == ("c02",)


def test_no_population_means_no_peer_group():
    assert len(peer_group(_communes(10, 20), kind="commune", population=None)) == 0
    assert peer_group(_communes(0, 20), kind="commune", population=0).low is None
    assert len(peer_group([], kind="commune", population=10)) == 0


def test_a_band_must_contain_the_territory_itself():
    with pytest.raises(ValueError, match="band"):
        peer_group(_communes(1), kind="commune", population=1, band=(1.5, 2.0))


# -- trend --------------------------------------------------------------------------------


def test_trend_gives_absolute_relative_and_annualised_change():
    assert trend(100, 121, 2) == Trend(absolute=21.0, relative=21.0,
                                        annual_rate=pytest.approx(10.0))
    falling = trend(14359, 14204, 5)
    assert falling.absolute == -155.0
    assert falling.relative == pytest.approx(-155 / 14359 * 100)
    assert falling.annual_rate == pytest.approx(((14204 / 14359) ** 0.2 - 1) * 100)


def test_a_missing_value_makes_the_whole_trend_missing():
    assert trend(None, 5, 5) == Trend(None, None, None, Missing.MISSING_INPUT)
    assert trend(5, float("nan"), 5).reason is Missing.MISSING_INPUT


def test_a_zero_base_has_an_absolute_change_but_no_rate():
    assert trend(0, 5, 5) == Trend(5.0, None, None, Missing.DIVISION_BY_ZERO)


def test_a_negative_quantity_has_a_relative_change_but_no_compound_rate():
    assert trend(-10, -5, 5) == Trend(5.0, 50.0, None, Missing.UNDEFINED)
    assert trend(10, 0, 5) == Trend(-10.0, -100.0, -100.0)


@pytest.mark.parametrize("years", [0, -1, float("inf"), float("nan")])
def test_a_trend_needs_a_positive_duration(years):
    with pytest.raises(ValueError, match="years"):
        trend(1, 2, years)


# -- proposals ----------------------------------------------------------------------------

TWENTY_PEERS = _peers(*range(1, 21))  # 1 … 20


def test_the_best_fifth_proposes_a_strength_with_its_evidence():
    comparison = compare(3, TWENTY_PEERS, LOWER, references={"Loire": 8.4, "France": 9.1})
    proposal = propose(comparison, indicator="Unemployment rate")
    assert proposal.kind is ProposalKind.STRENGTH
    assert proposal.evidence is comparison
    assert (comparison.position.rank, comparison.position.percentile) == (3, 87.5)
    main, loire, france = proposal.explanation
    assert main == Message(STRENGTH_MESSAGE, {
        "indicator": "Unemployment rate", "value": 3.0, "share": 87, "peers": 20,
        "peer_median": 10.5, "rank": 3, "ranked": 21})
    assert main.render() == (
        "Unemployment rate: 3 here. This is better than in 87% of the 20 comparable areas, "
        "whose median is 10.50 (rank 3 of 21).")
    assert loire == Message(REFERENCE_MESSAGE, {"reference": "Loire", "reference_value": 8.4})
    assert france.render() == "France: 9.10."


def test_the_worst_fifth_proposes_a_weakness():
    proposal = propose(compare(19, TWENTY_PEERS, LOWER), indicator="Unemployment rate")
    assert proposal.kind is ProposalKind.WEAKNESS
    assert proposal.explanation[0].template == WEAKNESS_MESSAGE
    assert proposal.explanation[0].params["share"] == 92  # 100 - 7.5 (18 better, 1 tie)
    assert "worse than in 92% of the 20 comparable areas" in proposal.explanation[0].render()


def test_the_middle_three_fifths_propose_nothing():
    for value in (5, 10.5, 16):
        assert propose(compare(value, TWENTY_PEERS, HIGHER), indicator="Jobs") is None


def test_a_neutral_indicator_never_proposes():
    assert propose(compare(100, TWENTY_PEERS, NEUTRAL), indicator="Households") is None


def test_too_few_peers_or_no_value_propose_nothing():
    assert propose(compare(100, _peers(1, 2, 3, 4), HIGHER), indicator="Jobs") is None
    assert propose(compare(100, _peers(1, 2, 3, 4), HIGHER), indicator="Jobs",
                   min_peers=4).kind is ProposalKind.STRENGTH
    assert propose(compare(None, TWENTY_PEERS, HIGHER), indicator="Jobs") is None


def test_the_explanation_is_translated_and_its_numbers_formatted_by_the_caller():
    proposal = propose(compare(1234.5, TWENTY_PEERS, HIGHER, references={"Loire": 3}),
                       indicator="Emplois")
    french = {
        STRENGTH_MESSAGE: "%(indicator)s : %(value)s ici, mieux que %(share)s %% des "
                          "%(peers)s territoires comparables (médiane %(peer_median)s ; rang "
                          "%(rank)s sur %(ranked)s).",
        REFERENCE_MESSAGE: "%(reference)s : %(reference_value)s.",
    }

    def french_number(number):  # what django.utils.formats.number_format does in French
        text = f"{number:,}" if isinstance(number, int) else f"{number:,.1f}"
        return text.replace(",", "\N{NARROW NO-BREAK SPACE}").replace(".", ",")

    texts = [message.render(translate=french.__getitem__, format_number=french_number)
             for message in proposal.explanation]
    assert texts == [
        ("Emplois : 1\N{NARROW NO-BREAK SPACE}234,5 ici, mieux que 100 % des 20 territoires "
         "comparables (médiane 10,5 ; rang 1 sur 21)."),
        "Loire : 3,0."]


def test_a_reference_without_a_value_is_left_out_of_the_explanation():
    proposal = propose(compare(1, TWENTY_PEERS, LOWER, references={"Loire": None}),
                       indicator="Unemployment rate")
    assert len(proposal.explanation) == 1
    assert proposal.evidence.references == (Reference("Loire", None),)


def test_a_crowded_band_keeps_the_areas_closest_in_population():
    from territoria.indicators.domain.comparison import Candidate, peer_group

    candidates = [Candidate(f"{p:05d}", "commune", p) for p in range(500, 2001, 10)]
    group = peer_group(candidates, kind="commune", population=1000, max_peers=11)
    assert len(group) == 11
    assert group.low == 950 and group.high == 1050
    assert len(peer_group(candidates, kind="commune", population=1000)) > 11
