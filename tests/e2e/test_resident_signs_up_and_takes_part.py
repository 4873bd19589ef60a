"""A resident creates an account, verifies their e-mail, joins their territory, reads the site
in English, logs out and logs in again."""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from territoria.accounts.models import Membership, Role
from tests.e2e.text import en, fr, label
from tests.factories import CommuneFactory, TerritoryFactory

EMAIL = "camille.martin@example.fr"
PASSWORD = "Forez en commun 2026"


def test_a_resident_signs_up_verifies_joins_switches_to_english_and_logs_in_again(page):
    territory = TerritoryFactory(
        name="Pays du Forez", slug="pays-du-forez",
        communes=[CommuneFactory(name="Montbrison", insee_code="42147"),
                  CommuneFactory(name="Saint-Just-Saint-Rambert", insee_code="42279")])

    # French by default: the browser asks for French, the site answers in French.
    page.goto(territory.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("main").get_by_role("link", name=fr("Create an account")).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("account_signup")) + "$"))

    # A password that is too short gets a clear message, in French, and nothing is lost.
    page.get_by_label(label("E-mail address")).fill(EMAIL)
    page.get_by_label(label("Password")).fill("court")
    page.get_by_label(label("Password (again)")).fill("court")
    page.get_by_label(label("Password (again)")).press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Ce mot de passe est trop court")
    expect(page.get_by_label(label("E-mail address"))).to_have_value(EMAIL)
    assert not mail.outbox

    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_label(label("Password (again)")).fill(PASSWORD)
    page.get_by_label(label("Password (again)")).press("Enter")

    expect(page).to_have_url(re.compile(re.escape(reverse("account_email_verification_sent"))))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        fr("Confirm your e-mail address"))

    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/accounts/confirm-email/[^\s/]+/", message.body)
    assert link, message.body

    page.goto(link.group(0))
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name=fr("Confirm my address")).click()

    # Confirming the address logs the resident in.
    account_nav = page.get_by_role("navigation", name=fr("Account"))
    expect(account_nav.get_by_role("button", name=fr("Log out"))).to_be_visible()
    expect(account_nav.get_by_role("link", name=fr("My space"))).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name="Pays du Forez").click()
    page.get_by_role("button", name=fr("Join as a resident")).click()
    resident = fr(Role.RESIDENT.label)
    expect(page.get_by_role("status")).to_contain_text(
        fr("Welcome: you now take part in %(name)s as %(role)s.")
        % {"name": "Pays du Forez", "role": resident})
    expect(page.get_by_role("main")).to_contain_text(
        fr("You take part in this territory as: %(role)s.") % {"role": resident})
    assert Membership.objects.filter(user__email=EMAIL, territory=territory,
                                     role=Role.RESIDENT).exists()

    # The language switch in the header: from French to English, on the same page.
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert fr("The development cycle") != "The development cycle"  # the catalog is French
    expect(page.get_by_role("heading", level=2, name=fr("The development cycle"))
           ).to_be_visible()
    expect(account_nav.get_by_role("button", name=fr("Log out"))).to_be_visible()
    account_nav.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    account_nav = page.get_by_role("navigation", name="Account")
    expect(page).to_have_url(re.compile(re.escape(territory.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=2, name="The development cycle")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "You take part in this territory as: resident.")
    expect(account_nav.get_by_role("button", name="Français")).to_be_visible()

    account_nav.get_by_role("button", name="Log out").click()
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(account_nav.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the choice is kept

    account_nav.get_by_role("link", name="Log in").click()
    page.get_by_label(label("E-mail address", "en")).fill(EMAIL)
    page.get_by_label(label("Password", "en")).fill(PASSWORD)
    page.get_by_label(label("Password", "en")).press("Enter")
    expect(account_nav.get_by_role("button", name="Log out")).to_be_visible()

    account_nav.get_by_role("link", name="My space").click()
    my_territory = page.get_by_role("main").get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Pays du Forez"))
    expect(my_territory).to_contain_text(en(Role.RESIDENT.label))
