"""The demo's opinion map: fictitious votes, groups computed at once, created once."""

import pytest
from django.urls import reverse

from tests.factories import TerritoryFactory
from territoria.opinion.demo import PARTICIPANTS, demo_opinion
from territoria.opinion.models import Conversation, OpinionResult

pytestmark = pytest.mark.django_db


def test_the_demo_conversation_has_groups_and_is_created_once(client):
    territory = TerritoryFactory()
    assert demo_opinion(territory)
    conversation = Conversation.objects.get(territory=territory)
    result = OpinionResult.objects.get(conversation=conversation)
    assert result.status == OpinionResult.Status.OK
    assert conversation.participants.count() == sum(PARTICIPANTS)
    assert demo_opinion(territory) == []
    html = client.get(reverse("opinion:conversation-results",
                              args=[territory.slug, conversation.pk])).content.decode()
    assert "Group A" in html and "Group B" in html
