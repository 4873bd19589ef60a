import pytest

from tests.factories import TerritoryFactory


@pytest.mark.django_db
def test_a_visitor_reads_a_public_territory_home(client):
    territory = TerritoryFactory(name="Pays de Test")
    response = client.get(territory.get_absolute_url())
    assert response.status_code == 200
    assert "Pays de Test" in response.content.decode()
