"""Reporting: the PMO opens a monthly campaign, a project's lead reports in two minutes, the
PMO sees who has not reported yet."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory


def test_the_pmo_opens_a_campaign_and_a_lead_reports(page, new_page, live_server):
    territory = TerritoryFactory(slug="val-de-test")
    pmo = MembershipFactory(territory=territory, role=Role.PMO).user
    lead = MembershipFactory(territory=territory, role=Role.PROJECT_LEAD).user
    ProjectFactory(territory=territory, title="Maison de santé", lead=lead, stage="running")
    ProjectFactory(territory=territory, title="Cinéma", stage="running")

    sign_in_directly(page, pmo, live_server.url)
    page.goto(live_server.url + f"/t/{territory.slug}/projects/")
    page.get_by_role("link", name=fr("Reporting campaigns")).click()
    page.get_by_label(label("title")).fill("Novembre 2026")
    page.get_by_label(label("period from")).fill("2026-11-01")
    page.get_by_label(label("period to")).fill("2026-11-30")
    page.get_by_label(label("reports due on")).fill("2026-12-05")
    page.get_by_role("button", name=fr("Open the campaign")).click()
    main = page.get_by_role("main")
    expect(main).to_contain_text(fr("The campaign is open: the leads can report."))
    campaign_url = page.url

    reporter = new_page()
    sign_in_directly(reporter, lead, live_server.url)
    reporter.goto(live_server.url + f"/t/{territory.slug}/projects/")
    reporter.get_by_role("link", name="Maison de santé").click()
    reporter.get_by_role("navigation", name=fr("Sections of the project")).get_by_role(
        "link", name=fr("Reports")).click()
    reporter.get_by_role("link", name=fr("Report for %(campaign)s") % {
        "campaign": "Novembre 2026"}).click()
    reporter.get_by_label(fr("at risk")).check()
    reporter.get_by_label(label("Progress (%)")).fill("40")
    reporter.get_by_label(label("highlights")).fill("Permis de construire obtenu.")
    reporter.get_by_role("button", name=fr("Send the report")).click()
    expect(reporter.get_by_role("main")).to_contain_text("Permis de construire obtenu.")

    page.goto(campaign_url)
    table = main.get_by_role("table")
    expect(table.get_by_role("row").filter(has_text="Maison de santé")).to_contain_text(
        fr("at risk"))
    expect(table.get_by_role("row").filter(has_text="Cinéma")).to_contain_text(fr("not yet"))
