"""A visitor, without an account, reads a territory's public pages and finds a commune."""

import re

from django.utils import translation
from playwright.sync_api import expect

from territoria.core.cycle import cycle_status
from tests.e2e.text import fr
from tests.factories import CommuneFactory, TerritoryFactory


def _saint_etienne_metropole():
    communes = [
        CommuneFactory(name="Saint-Étienne", insee_code="42218", population=173_089),
        CommuneFactory(name="Saint-Chamond", insee_code="42207", population=35_411),
        CommuneFactory(name="Firminy", insee_code="42095", population=16_864),
        CommuneFactory(name="Saint-Étienne-le-Molard", insee_code="42220", population=810),
    ]
    territory = TerritoryFactory(name="Saint-Étienne Métropole", slug="saint-etienne-metropole",
                                 description="Le projet de territoire de la métropole.",
                                 communes=communes)
    TerritoryFactory(name="Pays du Forez", slug="pays-du-forez",
                     communes=[CommuneFactory(name="Montbrison", insee_code="42147")])
    TerritoryFactory(name="Territoire privé", slug="prive", is_public=False)
    return territory


def test_a_visitor_follows_a_territory_from_the_platform_home_to_its_communes(page):
    territory = _saint_etienne_metropole()

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    cards = page.get_by_role("main").get_by_role("listitem")
    expect(cards).to_have_count(2)  # the private territory is not listed
    expect(cards.nth(0)).to_contain_text("Pays du Forez")
    expect(cards.nth(1)).to_contain_text("Saint-Étienne Métropole")

    page.get_by_role("link", name="Saint-Étienne Métropole").click()
    expect(page).to_have_url(re.compile(f"/t/{territory.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Saint-Étienne Métropole")

    # The steps, in order, with the status the territory's data gives each of them.
    with translation.override("fr"):
        expected = [(str(step.title), str(status.label))
                    for step, status in cycle_status(territory)]
    assert [str(title) for title, _ in expected] == [
        fr("Diagnostic"), fr("Orientations"), fr("Ambitions"), fr("Communities of projects"),
        fr("Monitoring")]
    cycle = page.get_by_role("list", name=fr("The development cycle"))
    steps = cycle.get_by_role("listitem")
    expect(steps).to_have_count(5)
    for index, (title, status) in enumerate(expected):
        step = steps.nth(index)
        expect(step.get_by_role("heading", level=3)).to_have_text(re.compile(re.escape(title)))
        expect(step).to_contain_text(f"{fr('Status:')} {status}")

    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Perimeter")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Perimeter"))
    table = page.get_by_role("table", name=fr("Communes of the territory"))
    row_headers = table.get_by_role("rowheader")
    expect(row_headers).to_have_text(
        ["Firminy", "Saint-Chamond", "Saint-Étienne", "Saint-Étienne-le-Molard"])
    expect(table.get_by_role("row").filter(has_text="Saint-Étienne").first).to_contain_text(
        "42218")

    page.get_by_role("contentinfo").get_by_role("link", name=fr("Find a commune")).click()
    search_page = page.url
    box = page.get_by_role("search").get_by_role("searchbox")
    box.press_sequentially("st etienne", delay=20)
    results = page.locator("#results").get_by_role("listitem")
    expect(results.first).to_contain_text("Saint-Étienne")
    expect(results.first).to_contain_text("42218")
    expect(results).to_have_count(2)  # Saint-Étienne, then Saint-Étienne-le-Molard
    expect(page.locator("#results")).not_to_contain_text("Saint-Chamond")
    # The results came by the live search: the page itself was not reloaded.
    assert page.url == search_page
