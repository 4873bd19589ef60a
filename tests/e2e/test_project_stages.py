"""The portfolio: the PMO puts a project in the portfolio from the territory's navigation,
moves it forward with a reason, is refused an arbitration that belongs to the governance
committee; a visitor then reads the project, its stage and its history."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import ActorFactory, MembershipFactory, TerritoryFactory


def test_the_pmo_creates_and_advances_a_project_that_a_visitor_then_follows(page, new_page,
                                                                            live_server):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    ActorFactory(territory=territory, name="Les Bricoleurs")
    pmo = MembershipFactory(territory=territory, role=Role.PMO).user

    sign_in_directly(page, pmo, live_server.url)
    page.goto(live_server.url + territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Projects")).click()
    main = page.get_by_role("main")
    page.get_by_role("link", name=fr("New project")).click()
    page.get_by_label(label("Title")).fill("Atelier de réparation de vélos")
    page.get_by_label(label("Summary")).fill("Réparer ensemble plutôt que jeter.")
    page.get_by_label(label("Carrying organisation")).select_option(label="Les Bricoleurs")
    page.get_by_role("button", name=fr("Put the project in the portfolio")).click()
    expect(main).to_contain_text(fr("The project is in the portfolio, at the idea stage."))

    sections = page.get_by_role("navigation", name=fr("Sections of the project"))
    sections.get_by_role("link", name=fr("Stage and history")).click()
    # Skipping a step is an arbitration: not offered to the PMO.
    stage = page.get_by_label(label("New stage"))
    expect(stage.locator("option")).to_have_count(1)
    stage.select_option(index=0)
    page.get_by_label(label("Reason")).fill("Le collectif est constitué.")
    page.get_by_role("button", name=fr("Change the stage")).click()
    expect(main).to_contain_text(fr("The project's stage is changed."))
    expect(page.get_by_role("table")).to_contain_text("Le collectif est constitué.")

    visitor = new_page()
    visitor.goto(live_server.url + f"/t/{territory.slug}/projects/")
    visitor.get_by_role("link", name="Atelier de réparation de vélos").click()
    expect(visitor.get_by_role("main")).to_contain_text("Les Bricoleurs")
    visitor.get_by_role("link", name=fr("Stage and history")).click()
    expect(visitor.get_by_role("main")).to_contain_text("Le collectif est constitué.")
    expect(visitor.get_by_role("button", name=fr("Change the stage"))).to_have_count(0)
    visitor.goto(live_server.url + f"/t/{territory.slug}/projects/")
    visitor.get_by_role("link", name=fr("Local actors")).click()
    visitor.get_by_role("link", name="Les Bricoleurs").click()
    expect(visitor.get_by_role("main")).to_contain_text("Atelier de réparation de vélos")
