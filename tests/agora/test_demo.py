"""The demo's Agorapolis: a consultation in each phase, created once, readable."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.agora.demo import demo_agora
from territoria.agora.models import Consultation, Event, OfficialAnswer, Support
from territoria.agora.selectors import phase_state
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_consultation_in_each_phase_and_is_created_once(client):
    from territoria.indicators.services import catalogue_load

    catalogue_load()
    territory = TerritoryFactory()
    for email, role in (("staff@demo.territoria.example", Role.STAFF),
                        ("resident@demo.territoria.example", Role.RESIDENT)):
        MembershipFactory(territory=territory, role=role, user=UserFactory(email=email))
    assert demo_agora(territory)
    consultations = list(Consultation.objects.filter(territory=territory))
    running = {phase_state(consultation=c).current.kind for c in consultations}
    assert running == {"information", "contributions", "deliberation", "vote", "feedback"}
    assert Support.objects.count() > 10 and OfficialAnswer.objects.count() == 2
    event = Event.objects.get(capacity=12)
    assert event.registrations.filter(status="waiting").count() == 2
    from territoria.comments.models import Comment

    assert Comment.objects.count() == 2  # on the first consultation's first proposal
    assert demo_agora(territory) == []
    for consultation in consultations:
        page = client.get(reverse("agora:consultation-detail",
                                  args=[territory.slug, consultation.pk]))
        assert page.status_code == 200
    page = client.get(reverse("agora:page-detail", args=[territory.slug,
                                                        "argent-des-menages"]))
    html = page.content.decode()
    # No indicator value was imported here: the page says so where each chart would be.
    assert page.status_code == 200 and html.count("No value of") == 2
