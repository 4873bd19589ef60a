"""The operators' back office at /operator/."""

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from territoria.core.models import Job, Territory
from territoria.geo.models import Commune
from tests.core.conftest import member, upload
from tests.core.test_logo import SVG_WITH_SCRIPT
from tests.factories import CommuneFactory, EpciFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:core_territory_add")


def creation(**fields):
    data = {"name": "", "slug": "", "kind": "", "commune_code": "", "epci_siren": "",
            "commune_codes": "", "main_colour": "#1f5f8b", "description": "",
            "is_public": "on"}
    return data | fields


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


def test_operators_log_in_through_allauth_so_that_their_second_factor_is_asked(client):
    response = client.get("/operator/login/?next=/operator/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_territory_administrators_do_not_reach_the_back_office(client, territory):
    client.force_login(member(territory, Role.ADMINISTRATOR))
    assert client.get("/operator/", follow=True).status_code == 403


def test_an_operator_creates_a_territory_anchored_to_an_epci(operator_client):
    epci = EpciFactory(siren="200000172")
    members = [CommuneFactory(epci=epci), CommuneFactory(epci=epci)]
    response = operator_client.post(ADD_URL, creation(
        name="Faucigny Glières", kind="epci", epci_siren="200000172"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    territory = Territory.objects.get()
    assert (territory.slug, territory.epci) == ("faucigny-glieres", epci)
    assert set(territory.communes.all()) == set(members)
    assert territory.history.get().history_user is not None


def test_an_operator_creates_a_territory_anchored_to_a_commune(operator_client):
    commune = CommuneFactory(insee_code="26108", name="Crest")
    response = operator_client.post(ADD_URL, creation(
        name="Crest", slug="ville-de-crest", kind="commune", commune_code="26108"))
    assert response.status_code == 302
    territory = Territory.objects.get(slug="ville-de-crest")
    assert list(territory.communes.all()) == [commune]


def test_an_operator_creates_a_custom_perimeter_from_insee_codes(operator_client):
    communes = [CommuneFactory(insee_code=code) for code in ("26001", "26002", "26003")]
    response = operator_client.post(ADD_URL, creation(
        name="PETR du Test", kind="custom", commune_codes="26001, 26002\n26003 26001"))
    assert response.status_code == 302
    assert set(Territory.objects.get().communes.all()) == set(communes)


def test_unknown_codes_are_named_in_the_message_and_nothing_is_created(operator_client):
    CommuneFactory(insee_code="26001")
    CommuneFactory(insee_code="26002", kind=Commune.Kind.DELEGATED)
    response = operator_client.post(ADD_URL, creation(
        name="PETR", kind="custom", commune_codes="26001 26002 99999"))
    assert response.status_code == 200
    assert "No current commune has these INSEE codes: 26002, 99999." in (
        response.content.decode())
    assert not Territory.objects.exists()


def test_a_duplicate_slug_is_refused_in_the_form_and_nothing_is_created(operator_client,
                                                                          territory):
    response = operator_client.post(ADD_URL, creation(
        name="Pays de test", kind="commune", commune_code=CommuneFactory().insee_code))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["slug"] == ["The address “pays-de-test” is already taken by another "
                              "territory."]
    assert Territory.objects.count() == 1


def test_the_anchor_must_match_the_kind(operator_client):
    response = operator_client.post(ADD_URL, creation(name="Sans EPCI", kind="epci"))
    assert response.context["adminform"].form.errors["epci_siren"] == [
        "An EPCI territory needs an EPCI."]
    assert not Territory.objects.exists()


def test_the_change_page_shows_the_perimeter_and_keeps_the_slug(operator_client, territory):
    url = reverse("admin:core_territory_change", args=[territory.pk])
    page = operator_client.get(url).content.decode()
    commune = territory.communes.get()
    assert f"{commune.name} ({commune.insee_code})" in page
    assert 'name="slug"' not in page
    response = operator_client.post(url, {"name": "Pays renommé", "slug": "hijack",
                                          "main_colour": "#336699", "is_public": "on",
                                          "description": ""})
    assert response.status_code == 302
    territory.refresh_from_db()
    assert (territory.name, territory.slug, territory.main_colour) == (
        "Pays renommé", "pays-de-test", "#336699")


def test_the_change_page_refuses_an_svg_logo(operator_client, territory):
    url = reverse("admin:core_territory_change", args=[territory.pk])
    response = operator_client.post(url, {
        "name": territory.name, "main_colour": territory.main_colour, "is_public": "on",
        "description": "", "logo": upload(SVG_WITH_SCRIPT, name="logo.svg")})
    assert response.status_code == 200
    assert "SVG logos are not accepted" in response.content.decode()
    territory.refresh_from_db()
    assert not territory.logo


def test_the_territory_history_is_available_to_operators(operator_client, territory):
    url = reverse("admin:core_territory_history", args=[territory.pk])
    assert operator_client.get(url).status_code == 200


def test_jobs_are_listed_read_only(operator_client, territory):
    job = Job.objects.create(title="Import", territory=territory, started_by=UserFactory())
    assert "Import" in operator_client.get(reverse("admin:core_job_changelist")).content.decode()
    assert operator_client.get(reverse("admin:core_job_add")).status_code == 403
    response = operator_client.post(reverse("admin:core_job_change", args=[job.pk]),
                                    {"title": "Changed"})
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.title == "Import"
