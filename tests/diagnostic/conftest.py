import pytest

from territoria.accounts.models import Role
from tests.indicators.conftest import catalogue, epcis  # noqa: F401  (fixtures)
from territoria.diagnostic import services
from tests.factories import MembershipFactory, TerritoryFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


def contribute(author, territory, *, kind="weakness", axis="mobility", title="Too few buses",
               explanation="The last bus leaves at 18:30."):
    return services.item_contribute(author=author, territory=territory, kind=kind, axis=axis,
                                    title=title, explanation=explanation)


@pytest.fixture
def epci_staff(epcis):  # noqa: F811
    return MembershipFactory(territory=epcis[0], role=Role.STAFF).user


@pytest.fixture
def epci_resident(epcis):  # noqa: F811
    return MembershipFactory(territory=epcis[0], role=Role.RESIDENT).user
