import pytest

from territoria.accounts.models import Role
from tests.factories import ConsultationFactory, MembershipFactory, TerritoryFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def other_resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def consultation(territory):
    return ConsultationFactory(territory=territory, title="Revitalise the town centre")
