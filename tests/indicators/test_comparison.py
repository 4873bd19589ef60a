"""A territory against its references, its peers and its past, from stored values."""

import pytest

from tests.factories import CommuneFactory, TerritoryFactory
from tests.indicators.conftest import put
from territoria.core.models import Territory
from territoria.indicators.comparison import territory_comparison
from territoria.indicators.domain.comparison import ProposalKind
from territoria.indicators.models import Level

pytestmark = pytest.mark.django_db


def test_the_territory_is_set_against_its_references_and_peers(epcis, catalogue):
    territory, _own, _peers = epcis
    result = territory_comparison(territory=territory)
    row = result.row("unemployment_rate")
    assert row.period == "2018" and row.value == 5.0
    assert [(r.name, r.value) for r in row.comparison.references] == [
        ("Drôme", 9.0), ("Auvergne-Rhône-Alpes", 8.5), ("France", 8.0)]
    assert row.comparison.position.rank == 1
    assert row.comparison.position.peers == len(result.peers) >= 10
    assert row.proposal.kind is ProposalKind.STRENGTH  # lower is better


def test_the_trend_compares_with_the_previous_period(epcis):
    territory, _, _ = epcis
    row = territory_comparison(territory=territory).row("unemployment_rate")
    assert row.trend_from == "2013"
    assert row.trend.absolute == pytest.approx(-1.0)
    assert row.trend.relative == pytest.approx(-100 / 6)


def test_an_indicator_without_values_is_listed_with_no_period(epcis):
    territory, _, _ = epcis
    row = territory_comparison(territory=territory).row("median_income")
    assert row.period is None and row.value is None and row.proposal is None


def test_neighbours_picked_by_the_team_replace_the_peer_group(epcis):
    territory, own, peers = epcis
    chosen = [p.siren for p in peers[:3]] + [own.siren, "not-a-siren"]
    result = territory_comparison(territory=territory, peer_codes=chosen)
    assert result.peers_chosen and len(result.peers) == 3
    row = result.row("unemployment_rate")
    assert row.comparison.position.ranked == 4
    assert row.proposal is None  # too few peers to speak of a best fifth


def test_a_custom_perimeter_recomputes_its_rates_from_its_communes(catalogue):
    a = CommuneFactory(insee_code="26002", population=1000)
    b = CommuneFactory(insee_code="26003", population=3000)
    territory = TerritoryFactory(kind=Territory.Kind.CUSTOM, communes=[a, b])
    for commune, unemployed, active in ((a, 10, 100), (b, 90, 300)):
        put(catalogue["unemployed_15_64"], Level.COMMUNE, commune.insee_code, unemployed)
        put(catalogue["active_15_64"], Level.COMMUNE, commune.insee_code, active)
        put(catalogue["unemployment_rate"], Level.COMMUNE, commune.insee_code,
            100 * unemployed / active)
    result = territory_comparison(territory=territory)
    # Σ unemployed / Σ active = 100 / 400, not the mean of 10 % and 30 %
    assert result.row("unemployment_rate").value == pytest.approx(25.0)
    assert result.row("unemployed_15_64").value == 100


def test_a_custom_perimeter_with_a_commune_missing_has_no_value(catalogue):
    a, b = CommuneFactory(insee_code="26004"), CommuneFactory(insee_code="26005")
    territory = TerritoryFactory(kind=Territory.Kind.CUSTOM, communes=[a, b])
    put(catalogue["unemployed_15_64"], Level.COMMUNE, a.insee_code, 10)
    put(catalogue["active_15_64"], Level.COMMUNE, a.insee_code, 100)
    assert territory_comparison(territory=territory).row("unemployment_rate").value is None
