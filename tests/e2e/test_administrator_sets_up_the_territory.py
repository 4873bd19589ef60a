"""An administrator sets the territory up (presentation, colour) and finds the change in the
history; a visitor then sees the territory in its colour, still readable."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from territoria.accounts.models import Role
from territoria.core.domain.colour import palette_for, parse_hex
from tests.e2e.people import give_authenticator_app, log_in
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

PRESENTATION = "Quatorze communes entre monts du Forez et plaine, un projet mené avec tous."


def test_an_administrator_changes_the_settings_and_finds_the_change_in_the_history(new_page):
    territory = TerritoryFactory(name="Pays du Forez", slug="pays-du-forez")
    administrator = UserFactory(email="maire@forez.example.fr")
    MembershipFactory(territory=territory, user=administrator, role=Role.ADMINISTRATOR)
    secret = give_authenticator_app(administrator)

    page = new_page()
    page.goto(reverse("account_login"))
    log_in(page, administrator.email, authenticator_secret=secret)
    page.goto(territory.get_absolute_url())
    territory_nav = page.get_by_role("navigation", name=fr("Territory"))
    territory_nav.get_by_role("link", name=fr("Settings")).click()

    # A name left empty gets a clear message; what was typed elsewhere is kept.
    page.get_by_label(label("presentation")).fill(PRESENTATION)
    page.get_by_label(label("name")).fill("")
    page.get_by_role("button", name=fr("Save")).click()
    name_error = page.locator(".field-error").filter(has=page.get_by_label(label("name")))
    expect(name_error).to_contain_text(fr("This field is required."))
    expect(page.get_by_label(label("presentation"))).to_have_value(PRESENTATION)

    page.get_by_label(label("name")).fill("Pays du Forez")
    # A light yellow: the theme must darken it where text is drawn in it.
    page.get_by_label(label("main colour")).fill("#f2d600")
    page.get_by_role("button", name=fr("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("The territory's settings are saved."))

    territory_nav.get_by_role("link", name=fr("Change history")).click()
    history = page.get_by_role("table", name=fr("Changes, newest first"))
    latest = history.get_by_role("row").nth(1)
    expect(latest).to_contain_text(administrator.email)
    expect(latest).to_contain_text(PRESENTATION[:40])

    # A visitor reads the new presentation under a navigation bar in the territory's colour,
    # darkened so that its links stay readable (the watch's axe-core check measures it).
    visitor = new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="Pays du Forez").click()
    expect(visitor.get_by_role("main")).to_contain_text(PRESENTATION)
    red, green, blue = parse_hex(palette_for("#f2d600").brand_strong)
    expect(visitor.get_by_role("navigation", name=fr("Territory"))).to_have_css(
        "background-color", f"rgb({red}, {green}, {blue})")


def test_a_visitor_who_mistypes_an_address_gets_a_page_that_leads_back(page):
    TerritoryFactory(name="Pays du Forez", slug="pays-du-forez")

    page.goto("/t/pays-du-forets/")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Page not found"))
    page.get_by_role("main").get_by_role("link", name=fr("Back to the territories")).click()
    expect(page.get_by_role("link", name="Pays du Forez")).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("link", name=re.compile(
        re.escape(fr("Accessibility: partially compliant")))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Accessibility statement"))
