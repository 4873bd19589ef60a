"""The diagnostic board: the team puts a strength found in the data on the board, a resident
adds a weakness on the same axis, a neighbour supports it, and the board shows that data and
perceptions disagree; then anyone reads the report with its chart and data table."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory
from tests.indicators.conftest import put


def test_data_and_perceptions_meet_on_the_board(page, live_server):
    from territoria.core.models import Territory
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
    put(rate, Level.EPCI, own.siren, 5.0)
    for n in range(12):
        put(rate, Level.EPCI, EpciFactory(population=10_000 + 1000 * n).siren, 8.0 + n)
    put(rate, Level.DEPARTMENT, "26", 9.0)
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    neighbour = MembershipFactory(territory=territory, role=Role.RESIDENT).user

    # The team recomputes the proposals and puts the strength on the board.
    sign_in_directly(page, staff, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Diagnostic")).click()
    page.get_by_role("link", name=fr("Review the proposals from the data")).click()
    page.get_by_role("button", name=fr("Recompute the proposals from the latest data")).click()
    expect(page.get_by_role("status").or_(page.get_by_role("alert")).first).to_be_visible()
    page.get_by_role("button", name=fr("Put it on the board") + " — " + fr(rate.name)).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The proposal is on the board."))

    # A resident adds a weakness on the same axis.
    page.context.clear_cookies()
    sign_in_directly(page, resident, live_server.url)
    page.goto(f"/t/{territory.slug}/diagnostic/")
    page.get_by_role("link", name=fr("Add what you perceive")).click()
    page.get_by_label(fr("Weakness"), exact=True).check()
    page.get_by_label(label("Axis of life")).select_option("economy")
    page.get_by_label(label("In a few words")).fill("Pas d'emploi pour les jeunes")
    page.get_by_label(label("Explanation")).fill("Ils partent tous à Valence.")
    page.get_by_role("button", name=fr("Publish")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("Thank you: your contribution is on "
                                                        "the board."))

    # A neighbour supports it, from the board, with the keyboard.
    page.context.clear_cookies()
    sign_in_directly(page, neighbour, live_server.url)
    page.goto(f"/t/{territory.slug}/diagnostic/")
    support = page.get_by_role("button", name=fr("I support this") + " — Pas d'emploi pour "
                                                                    "les jeunes")
    support.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text(fr("You support this item."))
    economy = page.get_by_role("region", name=fr("Economy and jobs"))
    expect(economy).to_contain_text(fr("data and perceptions disagree"))
    expect(economy).to_contain_text(fr(rate.name))

    # Anyone reads the report: the chart and its table carry the same figures.
    page.context.clear_cookies()
    page.goto(f"/t/{territory.slug}/diagnostic/report/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Val de Test")
    expect(page.get_by_role("img", name=fr("%(indicator)s (%(period)s)") % {
        "indicator": fr(rate.name), "period": "2018"})).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Pas d'emploi pour les jeunes")
