"""Opinion map: a resident votes on statements with the keyboard only, adds a statement,
then reads the opinion map and sees which group they are in."""

from playwright.sync_api import expect

from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory
from tests.opinion.conftest import SEEDS, open_conversation, people, vote_in_camps
from territoria.accounts.models import Role


def test_a_resident_votes_with_the_keyboard_and_finds_their_group(page, live_server):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    conversation = open_conversation(territory, staff)
    vote_in_camps(conversation, people(territory, 12))
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user

    sign_in_directly(page, resident, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Opinion maps")).click()
    page.get_by_role("link", name=conversation.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(conversation.title)

    # Each statement in turn, with the keyboard alone: after each vote the page opens on the
    # voting area (#vote); from there, Tab reaches "Agree", then "Disagree"; Enter votes.
    page.goto(page.url.split("#")[0] + "#vote")
    for turn in range(len(SEEDS)):
        text = page.locator("#statement-text").inner_text()
        position = SEEDS.index(text)
        agree = position < 4 or position == len(SEEDS) - 1
        # The page opens on the voting area (#vote), which takes the focus.
        expect(page.locator("#vote")).to_be_focused()
        page.keyboard.press("Tab")
        if not agree:
            page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text(fr("Agree") if agree else fr("Disagree"))
        page.keyboard.press("Enter")
        # The next statement comes (none after the last one), and the newest status says
        # the vote is recorded. When htmx has not yet taken over the new buttons, the form
        # is sent as a plain one and the message comes with the next page: an earlier
        # message may then still be shown above the newest one.
        if turn == len(SEEDS) - 1:
            expect(page.locator("#statement-text")).to_have_count(0)
        else:
            expect(page.locator("#statement-text")).not_to_have_text(text)
        expect(page.get_by_role("status").filter(has_text=(
            fr("Your vote is recorded: agree.") if agree
            else fr("Your vote is recorded: disagree."))).last).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        fr("You have voted on every statement. Thank you! Add your own, or see the opinion "
           "map."))

    # A statement of one's own; a duplicate is refused with the text kept.
    field = page.get_by_label(label("Your statement"))
    field.fill("keep the village schools")
    field.press("Tab")
    page.keyboard.press("Enter")  # the focus is on the form's button after the help text
    expect(page.get_by_role("main")).to_contain_text(
        fr("This statement is already in the conversation."))
    expect(page.get_by_label(label("Your statement"))).to_have_value("keep the village schools")
    page.get_by_label(label("Your statement")).fill("Un <b>conseil</b> des jeunes")
    page.get_by_role("button", name=fr("Submit the statement")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("Thank you: your statement is "
                                                          "published."))

    page.get_by_role("link", name=fr("See the opinion map")).click()
    expect(page.get_by_role("img", name=fr("Opinion map: participants placed by how they "
                                           "voted, in %(n)s group").replace("%(n)s", "2")
                            .replace("groupe", "groupes"))).to_be_visible()
    in_a = page.get_by_text(fr("You are in group %(label)s.") % {"label": "A"})
    in_b = page.get_by_text(fr("You are in group %(label)s.") % {"label": "B"})
    expect(in_a.or_(in_b).first).to_be_visible()
    expect(page.get_by_role("table", name=fr("The opinion groups and their size"))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("More doctors in the rural communes")
