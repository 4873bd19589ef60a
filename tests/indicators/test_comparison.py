"""A territory against its references, its peers and its past, from stored values."""

import pytest

from tests.factories import CommuneFactory, DepartmentFactory, EpciFactory, TerritoryFactory
from territoria.core.models import Territory
from territoria.indicators.comparison import territory_comparison
from territoria.indicators.domain.comparison import ProposalKind
from territoria.indicators.models import Indicator, IndicatorValue, Level
from territoria.indicators.services import catalogue_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    catalogue_load()
    return {i.code: i for i in Indicator.objects.all()}


def put(indicator, level, code, value, period="2018"):
    IndicatorValue.objects.create(indicator=indicator, level=level, area_code=code,
                                  period=period, value=value)


@pytest.fixture
def epcis(catalogue):
    """An EPCI of 15,000 inhabitants and 12 others of 10,000 to 21,000, in one département."""
    department = DepartmentFactory(code="26", name="Drôme")
    own = EpciFactory(siren="242600252", name="Val de Test", population=15_000)
    commune = CommuneFactory(insee_code="26001", department=department, epci=own,
                             population=15_000)
    peers = [EpciFactory(siren=f"2426000{n:02d}", population=10_000 + 1000 * n)
             for n in range(12)]
    territory = TerritoryFactory(kind=Territory.Kind.EPCI, epci=own, communes=[commune])
    rate = catalogue["unemployment_rate"]
    put(rate, Level.EPCI, own.siren, 5.0)
    put(rate, Level.EPCI, own.siren, 6.0, period="2013")
    for n, peer in enumerate(peers):
        put(rate, Level.EPCI, peer.siren, 8.0 + n)
    put(rate, Level.DEPARTMENT, "26", 9.0)
    put(rate, Level.REGION, department.region.code, 8.5)
    put(rate, Level.COUNTRY, "FR", 8.0)
    return territory, own, peers


def test_the_territory_is_set_against_its_references_and_peers(epcis, catalogue):
    territory, own, peers = epcis
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
