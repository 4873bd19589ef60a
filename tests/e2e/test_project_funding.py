"""Budget and funding: a lead budgets a project, is refused a financing plan over the
budget (the amount typed is kept), sees the gap flagged, and records a risk."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory


def test_a_lead_budgets_and_finances_a_project(page, live_server):
    territory = TerritoryFactory(slug="val-de-test")
    lead = MembershipFactory(territory=territory, role=Role.PROJECT_LEAD).user
    project = ProjectFactory(territory=territory, title="Maison de santé", lead=lead)
    sign_in_directly(page, lead, live_server.url)
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("navigation", name=fr("Sections of the project")).get_by_role(
        "link", name=fr("Budget and funding")).click()
    main = page.get_by_role("main")
    page.get_by_label(label("nature")).select_option("investment")
    page.get_by_label(label("line")).fill("Travaux")
    page.get_by_label(label("year")).fill("2027")
    page.get_by_label(label("planned (€)")).fill("100000")
    page.get_by_role("button", name=fr("Add the line")).click()
    expect(main.get_by_role("table").first).to_contain_text("Travaux")

    page.get_by_label(label("co-financer")).select_option("region")
    page.get_by_label(label("amount (€)")).fill("120000")
    page.get_by_role("button", name=fr("Add to the financing plan")).click()
    expect(main).to_contain_text(fr("Nothing was saved: see the message in the form."))
    expect(page.get_by_label(label("amount (€)"))).to_have_value("120000")
    page.get_by_label(label("amount (€)")).fill("60000")
    page.get_by_role("button", name=fr("Add to the financing plan")).click()
    expect(main).to_contain_text("60")  # the gap: 40 000 € still to find
    expect(main.locator(".alert-warning")).to_be_visible()

    page.get_by_role("navigation", name=fr("Sections of the project")).get_by_role(
        "link", name=fr("Risks")).click()
    page.get_by_label(label("risk")).fill("Retard du permis de construire")
    page.get_by_label(label("Probability (1–4)")).select_option("4")
    page.get_by_label(label("Impact (1–4)")).select_option("3")
    page.get_by_role("button", name=fr("Add to the register")).click()
    expect(main).to_contain_text(fr("The risk is in the register."))
    expect(main.locator("td.risk-critical").filter(has_text="1")).to_have_count(1)
