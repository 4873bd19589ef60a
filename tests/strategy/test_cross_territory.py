"""Another territory's orientations and ambitions, addressed through this territory's
addresses, answer 404 — for the method each page answers — and stay as they were."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.strategy.models import Ambition, OrientationVersion
from tests.accounts.test_cross_territory import territory_url_patterns
from tests.factories import MembershipFactory, TerritoryFactory
from tests.strategy.conftest import adopt, draft, qualitative

STRATEGY = [(name, parameters) for name, parameters in territory_url_patterns()
            if name.startswith("strategy:") and {"orientation_id", "ambition_id"}
            & set(parameters)]
POST_ONLY = {"strategy:orientation-submit", "strategy:orientation-withdraw",
             "strategy:orientation-revise", "strategy:ambition-delete"}


def test_the_walk_finds_the_object_pages():
    assert {name for name, _ in STRATEGY} >= POST_ONLY | {
        "strategy:orientation-detail", "strategy:ambition-edit", "strategy:orientation-adopt"}


def state():
    return (sorted(OrientationVersion.objects.values_list("pk", "title", "status")),
            sorted(Ambition.objects.values_list("pk", "title")))


@pytest.mark.django_db
@pytest.mark.parametrize("b_is_public", [False, True], ids=["private-b", "public-b"])
@pytest.mark.parametrize(("name", "parameters"), STRATEGY, ids=[n for n, _ in STRATEGY])
def test_objects_of_b_through_a_answer_404(client, name, parameters, b_is_public):
    a, b = TerritoryFactory(), TerritoryFactory(is_public=b_is_public)
    elected_a = MembershipFactory(territory=a, role=Role.ELECTED).user
    elected_b = MembershipFactory(territory=b, role=Role.ELECTED).user
    adopted = draft(elected_b, b, title="B adopted")
    qualitative(elected_b, adopted)
    adopt(elected_b, adopted)
    submitted = draft(elected_b, b, title="B submitted")
    ambition = qualitative(elected_b, submitted)
    from territoria.strategy import services

    services.orientation_submit(actor=elected_b, version=submitted)
    before = state()
    client.force_login(elected_a)
    for orientation in (adopted.orientation, submitted.orientation):
        kwargs = {"territory_slug": a.slug}
        if "orientation_id" in parameters:
            kwargs["orientation_id"] = orientation.pk
        if "ambition_id" in parameters:
            kwargs["ambition_id"] = ambition.pk
        address = reverse(name, kwargs=kwargs)
        response = client.post(address) if name in POST_ONLY else client.get(address)
        assert response.status_code == 404, address
        if name not in POST_ONLY and name != "strategy:orientation-detail" \
                and not name.endswith("versions"):
            assert client.post(address).status_code == 404, address
    assert state() == before
