import pytest

from territoria.accounts.models import Role
from territoria.comments import services
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def neighbour(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def item(territory, resident):
    """A resident's contribution on the diagnostic board: commented on and reported."""
    return contribute(resident, territory)


def comment(author, target, body="Je suis d'accord.", parent=None):
    return services.comment_create(author=author, target=target, body=body, parent=parent)
