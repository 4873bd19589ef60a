"""The strategy: the team drafts an orientation from a weakness of the diagnostic, adds an
ambition with a target, sees the balance check, and an elected official records the
committee's adoption; then a visitor reads it on the public strategy page, with the
trajectory chart and its table."""

import re

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory
from tests.indicators.conftest import put


def test_the_team_drafts_and_adopts_an_orientation_that_the_public_then_reads(page,
                                                                              live_server):
    from territoria.core.models import Territory
    from territoria.diagnostic import services as diagnostic
    from territoria.indicators.models import Indicator, Level
    from territoria.indicators.services import catalogue_load
    from tests.factories import CommuneFactory, DepartmentFactory, EpciFactory, TerritoryFactory

    catalogue_load()
    rate = Indicator.objects.get(code="unemployment_rate")
    department = DepartmentFactory(code="26", name="Drôme")
    own = EpciFactory(siren="242600252", name="Val de Test", population=15_000)
    commune = CommuneFactory(insee_code="26001", department=department, epci=own)
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test",
                                 kind=Territory.Kind.EPCI, epci=own, communes=[commune])
    put(rate, Level.EPCI, own.siren, 9.5, period="2018")
    elected = MembershipFactory(territory=territory, role=Role.ELECTED).user
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    diagnostic.item_contribute(author=resident, territory=territory, kind="weakness",
                               axis="economy", title="Pas d'emploi pour les jeunes",
                               explanation="Ils partent tous à Valence.")

    # The elected official, on the strategy page, opens the balance check: the weakness is
    # answered by nothing yet; they draft an orientation answering it.
    sign_in_directly(page, elected, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Strategy")).click()
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Val de Test")
    page.get_by_role("link", name=fr("Balance check")).click()
    expect(main).to_contain_text(fr("Weaknesses of the diagnostic no orientation answers:"))
    page.get_by_role("link", name=fr("Draft an orientation answering it")
                     + " — Pas d'emploi pour les jeunes").click()
    expect(page.get_by_label(re.compile("Pas d'emploi pour les jeunes"))).to_be_checked()
    page.get_by_label(label("Title")).fill("Des emplois pour les jeunes")
    page.get_by_label(label("Rationale")).fill("Les jeunes partent faute d'emplois.")
    page.get_by_label(fr("Sovereign (endogenous)")).check()
    page.get_by_role("button", name=fr("Save the draft")).click()
    expect(main).to_contain_text(fr("The orientation is drafted. Add its ambitions."))

    # An ambition: a target in euros for a rate is refused, the input kept.
    page.get_by_role("link", name=fr("Add an ambition")).click()
    page.get_by_label(label("Title")).fill("Faire baisser le chômage")
    page.get_by_label(label("Indicator")).select_option(str(rate.pk))
    # An htmx request: under a loaded machine it may take a while.
    expect(page.locator("#indicator-facts")).to_contain_text("2018", timeout=20_000)
    page.get_by_label(label("Target value")).fill("7,5")
    page.get_by_label(label("Unit of the target")).fill("€")
    page.get_by_label(label("Deadline")).fill("2030-12-31")
    page.get_by_role("button", name=fr("Save the ambition")).click()
    expect(main).to_contain_text("€")
    expect(page.get_by_label(label("Target value"))).to_have_value("7,5")
    # The baseline was empty: the territory's latest value is filled in for checking.
    expect(page.get_by_label(label("Baseline date"))).to_have_value("2018-01-01")
    page.get_by_label(label("Unit of the target")).fill("%")
    page.get_by_label(fr("Date of milestone %(n)s") % {"n": 1}).fill("2026-12-31")
    page.get_by_label(fr("Value of milestone %(n)s") % {"n": 1}).fill("8,5")
    page.get_by_role("button", name=fr("Save the ambition")).click()
    expect(main).to_contain_text(fr("The ambition is added."))

    # A second ambition, proposed in a workshop, and its expected effects, entered in the
    # matrix with the keyboard alone.
    page.get_by_role("link", name=fr("Add an ambition")).click()
    page.get_by_label(label("Title")).fill("Attirer une grande surface")
    page.get_by_role("button", name=fr("Save the ambition")).click()
    expect(main).to_contain_text(fr("The ambition is added."))
    page.goto(f"/t/{territory.slug}/strategy/effects/")
    effect = fr("Effect of “%(ambition)s” on %(axis)s")
    economy = page.get_by_label(effect % {"ambition": "Attirer une grande surface",
                                          "axis": fr("Economy and jobs")}, exact=True)
    economy.focus()
    page.keyboard.press("ArrowDown")  # — → +
    environment = page.get_by_label(effect % {"ambition": "Attirer une grande surface",
                                              "axis": fr("Environment")}, exact=True)
    environment.select_option("negative")
    page.get_by_label(fr("from a workshop")).check()
    page.get_by_label(label("Workshop (title or date)")).fill("Atelier du 14 janvier")
    page.get_by_label(label("Workshop (title or date)")).press("Enter")
    expect(main).to_contain_text(fr("Effects recorded: %(count)s changed.") % {"count": 2})
    expect(page.locator(".conflicts")).to_contain_text("Attirer une grande surface")
    expect(page.locator(".conflicts")).to_contain_text("− " + fr("Environment"))

    # The balance check now lists the ambitions against the principles.
    page.goto(f"/t/{territory.slug}/strategy/balance/")
    expect(page.get_by_role("table", name=fr("Which development principles each ambition "
                                             "serves"))).to_contain_text(
        "Faire baisser le chômage")
    expect(main).not_to_contain_text(fr("Weaknesses of the diagnostic no orientation answers:"))

    # Submit, then record the committee's decision.
    page.goto(f"/t/{territory.slug}/strategy/")
    page.get_by_role("link", name=re.compile("Des emplois pour les jeunes")).click()
    page.get_by_role("button", name=fr("Submit to the governance committee")).click()
    expect(main).to_contain_text(fr("The orientation is submitted to the governance "
                                    "committee."))
    page.get_by_role("link", name=fr("Record the adoption")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Des emplois pour les jeunes")
    # Before deciding, the committee sees the conflict in words.
    expect(page.locator(".conflicts")).to_contain_text("+ " + fr("Economy and jobs"))
    page.get_by_label(label("Date of the decision")).fill("2026-02-10")
    page.get_by_label(label("Reference of the decision")).fill("Délibération 2026-07")
    page.get_by_role("button", name=fr("Record the adoption")).click()
    expect(main).to_contain_text(fr("The orientation is adopted and public."))

    # A visitor reads the strategy: the orientation, its ambition, the chart and its table.
    page.context.clear_cookies()
    page.goto(f"/t/{territory.slug}/strategy/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Des emplois pour les jeunes")
    expect(main).to_contain_text("Délibération 2026-07")
    expect(main).to_contain_text(fr("No recent data"))
    chart = page.get_by_role("img", name=re.compile("Faire baisser le chômage"))
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Faire baisser le chômage"))
           ).to_contain_text("2030")
    page.get_by_role("link", name=re.compile("Des emplois pour les jeunes")).click()
    page.get_by_role("link", name=fr("All versions and what changed")).click()
    expect(main).to_contain_text(fr("The first version."))
