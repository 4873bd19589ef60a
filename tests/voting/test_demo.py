"""The demo's finished vote and the ballots of fictitious participants."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, TerritoryFactory
from tests.voting.conftest import open_vote
from territoria.accounts.models import Role
from territoria.voting import selectors
from territoria.voting.demo import OPTIONS, demo_fill, demo_voting
from territoria.voting.models import Vote

pytestmark = pytest.mark.django_db


def test_the_demo_vote_is_finished_and_created_once(client):
    territory = TerritoryFactory()
    assert demo_voting(territory)
    vote = Vote.objects.get(territory=territory)
    assert vote.status == Vote.Status.CLOSED
    results = selectors.vote_results(vote=vote)
    assert results.voters == 120 and len(results.options) == len(OPTIONS)
    assert demo_voting(territory) == []
    html = client.get(reverse("voting:vote-results", args=[territory.slug, vote.pk])).content.decode()
    assert "ranks 1st" in html


def test_demo_fill_is_deterministic_for_a_seed():
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    first, second = open_vote(territory, staff), open_vote(territory, staff)
    demo_fill(vote=first, participants=60, seed=7)
    demo_fill(vote=second, participants=60, seed=7)
    one, two = selectors.vote_results(vote=first), selectors.vote_results(vote=second)
    assert [(o.title, o.rank, o.grades) for o in one.options] == [
        (o.title, o.rank, o.grades) for o in two.options]
    assert first.status == Vote.Status.CLOSED


def test_demo_fill_works_for_approval_votes():
    territory = TerritoryFactory()
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    vote = open_vote(territory, staff, method=Vote.Method.APPROVAL)
    demo_fill(vote=vote, participants=30, close=False)
    assert vote.status == Vote.Status.OPEN
    assert selectors.vote_results(vote=vote).voters == 30
