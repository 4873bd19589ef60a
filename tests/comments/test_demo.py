"""The demo's comments: a thread with a reply under a contribution, built once."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.comments.demo import THREADS, demo_comments
from territoria.comments.models import Comment
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_comments_once_with_a_reply(client):
    territory = TerritoryFactory()
    emails = {email for _, messages in THREADS for email, _, _ in messages}
    people = {email: MembershipFactory(territory=territory, role=Role.RESIDENT,
                                       user=UserFactory(email=email)).user for email in emails}
    items = [contribute(people["resident@demo.territoria.example"], territory, title=title)
             for title, _ in THREADS]
    assert demo_comments(territory) == ["4 comments on the diagnostic's contributions"]
    assert demo_comments(territory) == []
    reply = Comment.objects.get(parent__isnull=False)
    assert reply.parent.body.startswith("C'est aussi une question de logement")
    html = client.get(reverse("diagnostic:item-detail", args=[territory.slug, items[0].pk])
                      ).content.decode()
    assert "3 comments" in html and "<em>tiers-lieu</em>" in html
