"""Importing an action plan: the staff upload the example spreadsheet, keep the columns the
platform guessed, read the preview and import it; the projects are in the portfolio."""

from pathlib import Path

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory

SAMPLE = (Path(__file__).resolve().parents[2] / "territoria" / "projects" / "static"
          / "projects" / "sample-action-plan.xlsx")


def test_the_staff_import_an_action_plan(page, live_server):
    territory = TerritoryFactory(slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    sign_in_directly(page, staff, live_server.url)
    page.goto(live_server.url + f"/t/{territory.slug}/projects/")
    page.get_by_role("link", name=fr("Import an action plan")).click()
    page.get_by_label(label("Your action plan (CSV or Excel .xlsx)")).set_input_files(SAMPLE)
    page.get_by_role("button", name=fr("Read the file")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Which column says what"))
    expect(page.get_by_label(label("Title"))).to_have_value("0")
    page.get_by_role("button", name=fr("See what will be imported")).click()
    main = page.get_by_role("main")
    expect(main.get_by_role("table").last).to_contain_text("Plan vélo intercommunal")
    page.get_by_role("button", name=fr("Import these projects")).click()
    expect(main).to_contain_text(fr("The action plan is imported."))
    page.get_by_role("link", name="Rénovation énergétique de l'école").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rénovation énergétique de l'école")
