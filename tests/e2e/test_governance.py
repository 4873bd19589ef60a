"""Governance: an elected official sets up the governance committee, plans a meeting whose
agenda is drawn from what waits for a decision, records the attendance and an arbitration,
publishes it (the project moves); a visitor reads the decision log."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, ProjectFactory, TerritoryFactory


def test_the_committee_decides_from_its_agenda_and_the_public_reads_it(page, new_page,
                                                                       live_server):
    territory = TerritoryFactory(slug="val-de-test")
    mayor = MembershipFactory(territory=territory, role=Role.ELECTED).user
    mayor.display_name = "Marie Dupont"
    mayor.save()
    project = ProjectFactory(territory=territory, title="Tiers-lieu de la gare",
                             stage="framing")
    sign_in_directly(page, mayor, live_server.url)
    page.goto(live_server.url + f"/t/{territory.slug}/")
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Governance")).click()
    main = page.get_by_role("main")
    page.get_by_role("link", name=fr("Set up a body")).click()
    page.get_by_label(label("Name")).fill("Comité de gouvernance")
    page.get_by_label(label("Chair")).select_option(label="Marie Dupont")
    page.get_by_role("button", name=fr("Set up the body")).click()
    expect(main).to_contain_text(fr("The body is set up. Add its members."))

    when = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label(label("Date and time")).fill(when)
    page.get_by_role("button", name=fr("Plan the meeting")).click()
    expect(main).to_contain_text("Tiers-lieu de la gare")  # proposed: waits for a go
    page.get_by_role("button", name=fr("Add the ticked items to the agenda")).click()
    expect(main.get_by_role("list").first).to_contain_text("Tiers-lieu de la gare")
    page.get_by_role("button", name=fr("Record the attendance")).click()
    expect(main).to_contain_text(fr("The attendance is recorded."))

    page.get_by_role("link", name=fr("Record a decision")).click()
    page.get_by_label(label("Kind")).select_option("go_no_go")
    page.get_by_label(label("Title")).fill("Feu vert au tiers-lieu")
    page.get_by_label(label("What was decided")).fill("Le comité lance le projet.")
    page.get_by_label(label("Projects concerned")).select_option(label="Tiers-lieu de la gare")
    page.get_by_label(label("Moves the project to")).select_option("planned")
    page.get_by_role("button", name=fr("Save the draft")).click()
    page.get_by_role("button", name=fr("Publish the decision")).click()
    expect(main).to_contain_text(fr("The decision is published."))
    project.refresh_from_db()
    assert project.stage == "planned"

    visitor = new_page()
    visitor.goto(live_server.url + f"/t/{territory.slug}/governance/decisions/")
    expect(visitor.get_by_role("main")).to_contain_text("Feu vert au tiers-lieu")
    visitor.get_by_role("link", name="Feu vert au tiers-lieu").click()
    expect(visitor.get_by_role("main")).to_contain_text("Le comité lance le projet.")
    expect(visitor.get_by_role("link", name=fr("Publish the decision"))).to_have_count(0)
