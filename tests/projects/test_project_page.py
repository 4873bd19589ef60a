import pytest

from tests.factories import ActorFactory, ProjectFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_a_public_territory_s_project_with_its_sections(client):
    project = ProjectFactory(title="Repair café", carrier=ActorFactory(name="Les Bricoleurs"))
    project.carrier.territory = project.territory
    project.carrier.save()
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Repair café" in page and "Les Bricoleurs" in page
    assert 'aria-current="page"' in page


def test_another_territory_s_project_answers_404(client):
    project = ProjectFactory()
    other = TerritoryFactory()
    response = client.get(f"/t/{other.slug}/projects/{project.pk}/")
    assert response.status_code == 404
