import pytest

from tests.factories import MembershipFactory, TerritoryFactory
from territoria.accounts.models import Role
from territoria.diagnostic import services


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
