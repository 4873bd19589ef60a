"""Finding a commune or an EPCI by name, INSEE code, postal code or SIREN."""

import pytest

from territoria.geo.models import Commune
from territoria.geo.selectors import commune_search, epci_search
from tests.factories import CommuneFactory, DepartmentFactory, EpciFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    metropole = EpciFactory(siren="244200770", name="Saint-Étienne Métropole", population=407700)
    made = {
        "saint_etienne": CommuneFactory(insee_code="42218", name="Saint-Étienne",
                                        siren="214202186", population=173136, epci=metropole,
                                        postal_codes="42000,42100,42230",
                                        former_codes="42190,42292,42309"),
        # Bigger than Saint-Étienne here, to show that the exact name wins over size.
        "rouvray": CommuneFactory(insee_code="76575", name="Saint-Étienne-du-Rouvray",
                                  population=500000),
        "montluc": CommuneFactory(insee_code="44158", name="Saint-Étienne-de-Montluc",
                                  population=7000),
        "etiennette": CommuneFactory(insee_code="42999", name="Étiennette", population=900000),
        "saint_priest": CommuneFactory(insee_code="42275", name="Saint-Priest-en-Jarez",
                                       population=6000, postal_codes="42270"),
        "no_population": CommuneFactory(insee_code="98412", name="Saint-Étienne des Îles",
                                        population=None),
        "ajaccio": CommuneFactory(insee_code="2A004", name="Ajaccio",
                                  department=DepartmentFactory(code="2A", name="Corse-du-Sud")),
    }
    made["delegated"] = CommuneFactory(insee_code="42218", name="Saint-Étienne-Ancien",
                                       kind=Commune.Kind.DELEGATED, siren="",
                                       parent=made["saint_etienne"])
    return made


def _codes(results):
    return [c.insee_code for c in results]


@pytest.mark.parametrize("query", ["st etienne", "saint etienne", "ST-ÉTIENNE", "Saint-Étienne",
                                   "  saint-etienne  ", "St. Étienne"])
def test_saint_etienne_comes_first_however_it_is_written(communes, query):
    assert _codes(commune_search(query=query))[0] == "42218"


def test_names_starting_with_the_query_come_next_by_population(communes):
    assert _codes(commune_search(query="saint etienne")) == [
        "42218", "76575", "44158", "98412"]


def test_a_commune_without_population_comes_last_on_every_database(communes):
    assert _codes(commune_search(query="etienne"))[-1] == "98412"


def test_every_word_must_start_a_word_of_the_name(communes):
    assert _codes(commune_search(query="etienne rouvray")) == ["76575"]
    assert _codes(commune_search(query="tienne")) == []


def test_an_insee_code_finds_the_current_commune_not_its_delegated_namesake(communes):
    assert _codes(commune_search(query="42218")) == ["42218"]
    assert commune_search(query="42218")[0].kind == Commune.Kind.CURRENT


def test_a_corsican_code_is_an_insee_code(communes):
    assert _codes(commune_search(query="2a004")) == ["2A004"]


def test_a_former_code_finds_the_commune_that_absorbed_it(communes):
    assert _codes(commune_search(query="42190")) == ["42218"]


def test_a_postal_code_finds_its_communes(communes):
    assert _codes(commune_search(query="42270")) == ["42275"]
    assert _codes(commune_search(query="42 100")) == ["42218"]


def test_a_siren_finds_the_commune(communes):
    assert _codes(commune_search(query="214202186")) == ["42218"]


def test_delegated_communes_are_found_only_when_asked_for(communes):
    assert "Saint-Étienne-Ancien" not in [c.name for c in commune_search(query="ancien")]
    found = commune_search(query="ancien", kinds=(Commune.Kind.DELEGATED,))
    assert [c.name for c in found] == ["Saint-Étienne-Ancien"]


def test_withdrawn_communes_are_not_offered(communes):
    Commune.objects.filter(insee_code="76575").update(withdrawn=True)
    assert "76575" not in _codes(commune_search(query="saint etienne"))


def test_a_query_without_letters_or_digits_finds_nothing(communes):
    assert list(commune_search(query=" - ")) == []
    assert list(epci_search(query="'")) == []


def test_the_number_of_results_is_limited(communes):
    assert len(commune_search(query="saint", limit=2)) == 2


def test_an_epci_is_found_by_name_or_siren(communes):
    assert [e.siren for e in epci_search(query="st etienne metropole")] == ["244200770"]
    assert [e.siren for e in epci_search(query="244200770")] == ["244200770"]
    assert list(epci_search(query="214202186")) == []


def test_the_search_page_lists_communes_and_epci(client, communes):
    response = client.get("/geo/search/", {"q": "st etienne"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" in html
    assert html.index("Saint-Étienne</strong>") < html.index("Saint-Étienne-du-Rouvray")
    assert "Saint-Étienne Métropole" in html


def test_an_htmx_search_returns_only_the_results(client, communes):
    response = client.get("/geo/search/", {"q": "42218"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<h1>" not in html
    assert "Saint-Étienne" in html
