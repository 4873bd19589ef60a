"""Prioritisation vote: a resident grades every option with the keyboard alone, is told
which option they forgot, submits, sees the confirmation; the results page explains the
ranking and draws the merit profiles. axe-core checks every page visited."""

import re

from playwright.sync_api import expect

from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr
from tests.factories import MembershipFactory, TerritoryFactory
from tests.voting.conftest import OPTIONS, grades_for, open_vote
from territoria.accounts.models import Role
from territoria.voting import services


def test_a_resident_grades_with_the_keyboard_then_reads_the_results(page, live_server):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    vote = open_vote(territory, staff)
    for grades in [(5, 3, 2, 0), (4, 3, 2, 1), (4, 2, 3, 0)]:
        voter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
        services.ballot_cast(user=voter, vote=vote, grades=grades_for(vote, *grades))
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user

    sign_in_directly(page, resident, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Votes")).click()
    page.get_by_role("link", name=vote.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vote.title)
    expect(page.get_by_role("main")).to_contain_text(fr(
        "Your ballot is secret and final: once submitted, nobody — not even you — can see it "
        "again or change it."))

    # Keyboard only: focus the first grade of the first option; in a radio group the arrow
    # keys move the choice, Tab goes to the next option's group.
    first_group = page.get_by_role("group", name=re.compile(re.escape(OPTIONS[0])))
    first_group.get_by_role("radio").first.focus()
    page.keyboard.press("Space")  # "Excellent" for the first option
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # the second grade, "Very good"
    page.keyboard.press("ArrowRight")  # the third, "Good"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Excellent"
    # The fourth option is forgotten; submit with Enter from the last radio.
    page.keyboard.press("Enter")
    error = page.get_by_role("alert")
    expect(error).to_contain_text(OPTIONS[3])
    expect(error).not_to_contain_text(OPTIONS[0])
    # The grades already chosen are kept.
    expect(first_group.get_by_role("radio", name=fr("Excellent"))).to_be_checked()
    second_group = page.get_by_role("group", name=re.compile(re.escape(OPTIONS[1])))
    expect(second_group.get_by_role("radio", name=fr("Good"), exact=True)).to_be_checked()

    last_group = page.get_by_role("group", name=re.compile(re.escape(OPTIONS[3])))
    last_group.get_by_role("radio").first.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # down to "To reject"
    expect(last_group.get_by_role("radio", name=fr("To reject"))).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        fr("Thank you: your ballot has been recorded."))
    expect(page.get_by_role("main")).to_contain_text(
        fr("Your ballot has been recorded on %(date)s.").split("%(date)s")[0].strip())
    expect(page.get_by_role("radio")).to_have_count(0)

    # The vote closes; the results explain the ranking in words and draw the profiles.
    services.vote_close(actor=staff, vote=vote)
    page.reload()
    page.get_by_role("link", name=fr("See the results")).click()
    ranking = page.get_by_role("table", name=fr("Ranking"))
    expect(ranking.get_by_role("row").nth(1)).to_contain_text(OPTIONS[0])
    # Grades of the first option: Excellent, Very good, Very good and the resident's
    # Excellent: the lower median of four is "Very good", with half the voters above it.
    expect(ranking.get_by_role("row").nth(1)).to_contain_text(
        fr("%(place)s: majority grade %(grade)s %(sign)s; %(above)s %% of voters graded it "
           "higher, %(below)s %% lower.") % {
            "place": fr("ranks %(ordinal)s") % {"ordinal": "1er"}, "grade": fr("Very good"),
            "sign": "+", "above": 50, "below": 0})
    expect(page.get_by_role("img", name=fr("Merit profiles"))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile(re.escape(
        fr("Values of the chart “%(title)s” (%%)") % {"title": fr("Merit profiles")}))
    )).to_be_visible()
