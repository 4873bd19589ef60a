import pytest

from territoria.accounts.models import Role
from territoria.moderation import services
from tests.comments.conftest import comment  # noqa: F401  (re-exported for the tests)
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def author(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def reporters(territory):
    return [MembershipFactory(territory=territory, role=Role.RESIDENT).user for _ in range(4)]


@pytest.fixture
def item(territory, author):
    return contribute(author, territory, title="Achetez mes montres")


def report(reporter, obj, reason="spam", details=""):
    return services.content_report(reporter=reporter, obj=obj, reason=reason, details=details)
