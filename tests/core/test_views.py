"""The territory pages: home, perimeter, settings, history; who sees what."""

import re

import pytest
from django.urls import reverse

from territoria.accounts.models import Role
from tests.core.conftest import member
from tests.factories import CommuneFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_platform_home_lists_public_territories_only(client):
    TerritoryFactory(name="Pays Ouvert")
    TerritoryFactory(name="Pays Fermé", is_public=False)
    page = client.get(reverse("core:home")).content.decode()
    assert "Pays Ouvert" in page
    assert "Pays Fermé" not in page


def test_the_territory_home_shows_the_five_steps_of_the_cycle_and_where_it_stands(
        client, territory):
    response = client.get(reverse("core:territory-home", args=[territory.slug]))
    page = response.content.decode()
    titles = ["Diagnostic", "Orientations", "Ambitions", "Communities of projects",
              "Monitoring"]
    # A step whose app is there links to it (the diagnostic does).
    positions = [re.search(rf"<h3>(<a href=\"[^\"]+\">)?{title}(</a>)?</h3>", page).start()
                 for title in titles]
    assert positions == sorted(positions)
    assert "Where the territory stands: step 1 of 5, Diagnostic." in page
    assert page.count('aria-current="step"') == 1


def test_the_territory_home_gives_the_perimeter_and_its_population(client):
    communes = [CommuneFactory(population=1200), CommuneFactory(population=300)]
    territory = TerritoryFactory(communes=communes)
    page = client.get(territory.get_absolute_url()).content.decode()
    assert "2 communes" in page
    assert re.search(r"1\W?500 inhabitants", page)  # grouped the French way: a thin space


def test_the_perimeter_page_lists_every_commune(client):
    communes = [CommuneFactory(name="Allex"), CommuneFactory(name="Grane")]
    territory = TerritoryFactory(communes=communes)
    page = client.get(reverse("core:territory-perimeter", args=[territory.slug])).content
    assert b"Allex" in page and b"Grane" in page


def test_an_unknown_territory_answers_404(client):
    assert client.get("/t/nowhere/").status_code == 404


@pytest.mark.parametrize("url_name", ["core:territory-home", "core:territory-perimeter",
                                      "core:territory-settings", "core:territory-history"])
def test_a_private_territory_answers_404_to_visitors_and_non_members(client, url_name):
    private = TerritoryFactory(is_public=False)
    url = reverse(url_name, args=[private.slug])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_a_private_territory_is_readable_by_its_members(client):
    private = TerritoryFactory(is_public=False, name="Pays Privé")
    client.force_login(member(private, Role.RESIDENT))
    assert "Pays Privé" in client.get(private.get_absolute_url()).content.decode()


def test_an_administrator_of_another_territory_cannot_manage_this_one(client, administrator):
    other_public = TerritoryFactory()
    other_private = TerritoryFactory(is_public=False)
    client.force_login(administrator)
    assert client.get(reverse("core:territory-settings",
                              args=[other_public.slug])).status_code == 403
    assert client.get(reverse("core:territory-settings",
                              args=[other_private.slug])).status_code == 404


# Role × action matrix for the territory's management pages.
EXPECTED = {
    Role.ADMINISTRATOR: 200,
    Role.ELECTED: 403,
    Role.STAFF: 403,
    Role.PMO: 403,
    Role.PROJECT_LEAD: 403,
    Role.LOCAL_ACTOR: 403,
    Role.RESIDENT: 403,
}


@pytest.mark.parametrize("url_name", ["core:territory-settings", "core:territory-history"])
@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_administrators_manage_the_territory(client, territory, url_name, role):
    client.force_login(member(territory, role))
    assert client.get(reverse(url_name, args=[territory.slug])).status_code == EXPECTED[role]


@pytest.mark.parametrize("url_name", ["core:territory-settings", "core:territory-history"])
def test_platform_operators_manage_every_territory_and_visitors_must_log_in(
        client, territory, operator, url_name):
    url = reverse(url_name, args=[territory.slug])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(operator)
    assert client.get(url).status_code == 200


def test_the_management_links_show_to_administrators_only(client, territory, administrator):
    settings_url = reverse("core:territory-settings", args=[territory.slug])
    client.force_login(member(territory, Role.STAFF))
    assert settings_url not in client.get(territory.get_absolute_url()).content.decode()
    client.force_login(administrator)
    assert settings_url in client.get(territory.get_absolute_url()).content.decode()


def test_settings_changes_appear_in_the_history_with_who_and_what(client, territory,
                                                                  administrator):
    client.force_login(administrator)
    response = client.post(reverse("core:territory-settings", args=[territory.slug]), {
        "name": "Pays de Test", "description": "Un pays de test.", "main_colour": "#aa0000",
        "is_public": "on"}, follow=True)
    assert "The territory&#x27;s settings are saved." in response.content.decode()
    territory.refresh_from_db()
    assert (territory.main_colour, territory.description) == ("#aa0000", "Un pays de test.")

    page = client.get(reverse("core:territory-history", args=[territory.slug])).content.decode()
    assert "Alice Admin" in page
    assert "main colour : #1f5f8b → #aa0000" in page
    assert "presentation :  → Un pays de test." in page


def test_an_invalid_colour_is_refused_on_the_settings_page(client, territory, administrator):
    client.force_login(administrator)
    response = client.post(reverse("core:territory-settings", args=[territory.slug]), {
        "name": "Autre nom", "main_colour": "rouge", "is_public": "on"})
    assert "Enter a colour as #RRGGBB." in response.content.decode()
    territory.refresh_from_db()
    assert territory.name == "Pays de Test"


def test_the_theme_follows_the_territory_colour_and_stays_readable(client):
    territory = TerritoryFactory(main_colour="#ffeb3b")
    page = client.get(territory.get_absolute_url()).content.decode()
    assert "--brand:#ffeb3b" in page
    assert "--brand-strong:#ffeb3b" not in page  # darkened for text on white


def test_pages_carry_a_content_security_policy_with_a_nonce(client, territory):
    response = client.get(territory.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.content.decode()
