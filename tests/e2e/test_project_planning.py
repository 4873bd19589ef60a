"""Planning: a project's lead adds tasks and a milestone with their dependencies, sees the
Gantt chart, its table and the critical path; a dependency that would close a loop is
refused with the tasks named; a visitor reads the portfolio's timeline."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory


def add_task(page, title, duration, after=None, milestone=False):
    page.get_by_label(label("Title")).fill(title)
    if milestone:
        page.get_by_label(label("Kind")).select_option("milestone")
    else:
        page.get_by_label(label("Duration (days)")).fill(str(duration))
    if after:
        page.get_by_label(label("Starts after")).select_option(label=after)
    page.get_by_role("button", name=fr("Add to the plan")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The task is in the plan."))


def test_a_lead_plans_a_project_and_a_loop_is_refused(page, new_page, live_server):
    territory = TerritoryFactory(slug="val-de-test")
    lead = MembershipFactory(territory=territory, role=Role.PROJECT_LEAD).user
    project = ProjectFactory(territory=territory, title="Maison de santé", lead=lead,
                             stage="planned")
    sign_in_directly(page, lead, live_server.url)
    page.goto(live_server.url + project.get_absolute_url())
    page.get_by_role("navigation", name=fr("Sections of the project")).get_by_role(
        "link", name=fr("Planning")).click()
    add_task(page, "Études", 10)
    add_task(page, "Travaux", 30, after="Études")
    add_task(page, "Inauguration", 0, after="Travaux", milestone=True)
    main = page.get_by_role("main")
    expect(main.get_by_role("img", name=fr("Gantt chart of the project"))).to_be_visible()
    expect(main).to_contain_text("Études → Travaux → Inauguration")

    page.get_by_label(label("Finished first")).select_option(label="Inauguration")
    page.get_by_label(label("Then starts")).select_option(label="Études")
    page.get_by_role("button", name=fr("Add the dependency")).click()
    expect(main).to_contain_text("Études → Travaux → Inauguration → Études")

    visitor = new_page()
    visitor.goto(live_server.url + f"/t/{territory.slug}/projects/")
    visitor.get_by_role("link", name=fr("Timeline of the portfolio")).click()
    expect(visitor.get_by_role("table").first).to_contain_text("Maison de santé")
