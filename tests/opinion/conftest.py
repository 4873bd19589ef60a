import pytest

from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Role
from territoria.opinion import services
from territoria.opinion.models import Conversation


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


SEEDS = ["More buses after 19:00", "A crèche in every commune", "Keep the village schools",
         "Build a bike lane to the station", "Open the swimming pool all year",
         "Fewer cars in the town centre", "A weekly market with local producers",
         "More doctors in the rural communes"]


def open_conversation(territory, staff, *, seeds=SEEDS, **kwargs) -> Conversation:
    return services.conversation_create(
        actor=staff, territory=territory, title="Young families: what works, what does not?",
        axis="well_being", seed_statements=seeds, **kwargs)


@pytest.fixture
def conversation(territory, staff):
    return open_conversation(territory, staff)


def people(territory, n, role=Role.RESIDENT):
    return [MembershipFactory(territory=territory, role=role,
                              user=UserFactory()).user for _ in range(n)]


def vote_in_camps(conversation, users):
    """Two camps: the first half agrees with the first four seeds and disagrees with the
    rest, the second half the other way round; everyone agrees with the last seed."""
    statements = list(conversation.statements.order_by("pk"))
    for n, user in enumerate(users):
        camp = n < len(users) // 2
        for k, statement in enumerate(statements):
            if k == len(statements) - 1:
                value = 1
            else:
                value = 1 if (k < 4) == camp else -1
            services.vote_cast(conversation=conversation, statement=statement, value=value,
                               user=user)
