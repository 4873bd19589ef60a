from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, TerritoryFactory
from territoria.accounts.models import Role
from territoria.voting import services
from territoria.voting.models import Vote
from territoria.voting.services import OptionSpec

OPTIONS = ["Buses every hour to the station", "Safe bike lanes to the schools",
           "Car-sharing platform", "Widen the road to Crest"]


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Test", slug="val-de-test")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


def open_vote(territory, actor, *, options=OPTIONS, method=Vote.Method.MAJORITY_JUDGMENT,
              **kwargs) -> Vote:
    now = timezone.now()
    kwargs.setdefault("opens_at", now - timedelta(days=1))
    kwargs.setdefault("closes_at", now + timedelta(days=7))
    return services.vote_create(
        actor=actor, territory=territory, title="Mobility: what comes first?",
        method=method, options=[OptionSpec(title=title, subject_key=f"test.option:{n}")
                                for n, title in enumerate(options)], **kwargs)


@pytest.fixture
def vote(territory, staff):
    return open_vote(territory, staff)


def grades_for(vote, *values) -> dict[int, int]:
    return {option.pk: value for option, value in zip(vote.options.all(), values, strict=True)}
