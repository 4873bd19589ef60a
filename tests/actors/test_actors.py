import pytest

from territoria.actors.domain import siren_is_valid
from territoria.actors.models import Actor
from tests.factories import ActorFactory, MembershipFactory, ProjectFactory, TerritoryFactory


def test_siren_numbers_have_a_luhn_check_digit():
    assert siren_is_valid("242600252")  # CC du Val de Drôme en Biovallée
    assert siren_is_valid("356000000")  # La Poste, INSEE's documented exception
    assert not siren_is_valid("242600253")
    assert not siren_is_valid("24260025")
    assert not siren_is_valid("24260025A")


@pytest.mark.django_db
def test_the_team_adds_an_actor_and_bad_input_is_refused(client):
    territory = TerritoryFactory()
    ActorFactory(territory=territory, name="Les Bricoleurs")
    client.force_login(MembershipFactory(territory=territory, role="pmo").user)
    url = f"/t/{territory.slug}/actors/new/"
    bad = client.post(url, {"name": "les bricoleurs", "kind": "association",
                            "siren": "123456789"})
    assert bad.status_code == 200
    assert {"name", "siren"} <= set(bad.context["form"].errors)
    good = client.post(url, {"name": "Coopérative du Val", "kind": "company",
                             "siren": "242 600 252"})
    actor = Actor.objects.get(name="Coopérative du Val")
    assert good.status_code == 302 and actor.siren == "242600252"


@pytest.mark.django_db
def test_the_directory_is_public_and_lists_what_an_actor_carries(client):
    actor = ActorFactory(name="Les Bricoleurs")
    ProjectFactory(territory=actor.territory, title="Repair café", carrier=actor)
    slug = actor.territory.slug
    assert "Les Bricoleurs" in client.get(f"/t/{slug}/actors/").content.decode()
    assert "Repair café" in client.get(f"/t/{slug}/actors/{actor.pk}/").content.decode()
    assert client.get(f"/t/{slug}/actors/new/").status_code == 302
    client.force_login(MembershipFactory(territory=actor.territory, role="resident").user)
    assert client.get(f"/t/{slug}/actors/new/").status_code == 403
    other = TerritoryFactory()
    assert client.get(f"/t/{other.slug}/actors/{actor.pk}/").status_code == 404
