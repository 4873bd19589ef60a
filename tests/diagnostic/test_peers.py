"""The team picks the areas its territory is compared with."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from territoria.diagnostic import selectors, services
from tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbours(epcis):
    """Three EPCI with communes in the same région as the territory."""
    territory, _own, peers = epcis
    region = territory.communes.get().region
    for peer in peers[:3]:
        CommuneFactory(epci=peer, department=territory.communes.get().department,
                       region=region)
    return peers[:3]


def test_the_team_compares_with_neighbours_it_picked(client, epcis, neighbours,
                                                     epci_staff):
    territory = epcis[0]
    client.force_login(epci_staff)
    url = reverse("diagnostic:peers", args=[territory.slug])
    page = client.get(url).content.decode()
    assert neighbours[0].name in page
    client.post(url, {"codes": [n.siren for n in neighbours]})
    comparison = selectors.diagnostic_comparison(territory=territory)
    assert comparison.peers_chosen and set(comparison.peers.codes) == {
        n.siren for n in neighbours}
    assert "The territory is compared with 3 areas the team picked." in client.get(
        url).content.decode()
    client.post(url, {"automatic": "1"})
    assert not selectors.diagnostic_comparison(territory=territory).peers_chosen


def test_an_area_of_another_region_cannot_be_picked(epcis, neighbours, epci_staff):
    territory = epcis[0]
    far = EpciFactory()
    with pytest.raises(ValidationError):
        services.peers_choose(actor=epci_staff, territory=territory,
                              codes=[neighbours[0].siren, far.siren])
    assert selectors.peer_selection(territory=territory) is None


def test_readers_see_the_peers_but_cannot_change_them(client, epcis, neighbours):
    territory = epcis[0]
    url = reverse("diagnostic:peers", args=[territory.slug])
    assert "Pick the comparable areas" not in client.get(url).content.decode()
    assert client.post(url, {"codes": [n.siren for n in neighbours]}).status_code == 403
