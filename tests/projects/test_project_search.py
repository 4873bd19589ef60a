import pytest

from territoria.projects import services
from territoria.search.selectors import search
from tests.factories import MembershipFactory, TerritoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_projects_are_found_by_the_territory_s_search():
    territory = TerritoryFactory()
    pmo = MembershipFactory(territory=territory, role="pmo").user
    services.project_create(actor=pmo, territory=territory, title="Réseau de chaleur",
                            summary="Une chaufferie au bois local pour l'école.")
    results = search(territory=territory, query="chaufferie", user=pmo)
    hits = [hit for hit in results.hits if hit.kind == "projects.project"]
    assert len(hits) == 1 and "chaleur" in hits[0].title and hits[0].url.endswith("/")
