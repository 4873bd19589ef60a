"""Fixtures of the indicator tests, also used by the diagnostic's."""

import pytest

from tests.factories import CommuneFactory, DepartmentFactory, EpciFactory, TerritoryFactory
from territoria.core.models import Territory
from territoria.indicators.models import Indicator, IndicatorValue, Level
from territoria.indicators.services import catalogue_load


def put(indicator, level, code, value, period="2018"):
    IndicatorValue.objects.create(indicator=indicator, level=level, area_code=code,
                                  period=period, value=value)


@pytest.fixture
def catalogue():
    catalogue_load()
    return {i.code: i for i in Indicator.objects.all()}


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
