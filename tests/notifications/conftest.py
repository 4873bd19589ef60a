import pytest

from territoria.accounts.models import Role
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Pays de Test", slug="pays-de-test")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def follower(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT,
                             user=UserFactory(email="follower@example.org")).user


@pytest.fixture
def conversation(territory, staff, django_capture_on_commit_callbacks):
    from territoria.opinion.services import conversation_create

    with django_capture_on_commit_callbacks(execute=True):
        return conversation_create(actor=staff, territory=territory,
                                   title="Comment revitaliser le centre ?",
                                   seed_statements=["Plus de bancs"])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run a service and what it queues on commit (notifications, e-mail tasks)."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run
