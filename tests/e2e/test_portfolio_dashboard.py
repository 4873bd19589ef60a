"""The portfolio dashboard: an elected official reads the portfolio at a glance, narrows it
to a carrying organisation (the results change in place), and finds the CSV of that view."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import ActorFactory, MembershipFactory, ProjectFactory, TerritoryFactory


def test_an_elected_official_reads_and_narrows_the_dashboard(page, live_server):
    territory = TerritoryFactory(slug="val-de-test")
    carrier = ActorFactory(territory=territory, name="Les Bricoleurs")
    ProjectFactory(territory=territory, title="Repair café", stage="running", carrier=carrier)
    ProjectFactory(territory=territory, title="Maison de santé", stage="planned")
    elected = MembershipFactory(territory=territory, role=Role.ELECTED).user
    sign_in_directly(page, elected, live_server.url)
    page.goto(live_server.url + f"/t/{territory.slug}/projects/")
    page.get_by_role("link", name=fr("Portfolio dashboard")).click()
    results = page.locator("#dashboard-results")
    expect(results).to_contain_text("Maison de santé")
    page.wait_for_load_state("load")  # htmx listens to the filters once the page has loaded
    page.get_by_label(label("Carrying organisation")).select_option(label="Les Bricoleurs")
    expect(results).not_to_contain_text("Maison de santé")
    expect(results).to_contain_text("Repair café")
    expect(page.get_by_role("link", name="CSV")).to_have_attribute(
        "href", f"/t/{territory.slug}/projects/dashboard/portfolio.csv?carrier={carrier.pk}")
