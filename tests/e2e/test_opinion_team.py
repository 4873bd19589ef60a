"""Opinion map, the team's side: open a conversation with seed statements, moderate a
statement, read the map with its team controls, turn a consensus statement into a
diagnostic item, and see a malformed Polis import refused row by row."""

from playwright.sync_api import expect

from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory
from tests.opinion.conftest import SEEDS, people, vote_in_camps
from territoria.accounts.models import Role


def test_the_team_runs_a_conversation(page, live_server, tmp_path):
    from territoria.opinion import services
    from territoria.opinion.models import Conversation

    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    sign_in_directly(page, staff, live_server.url)

    page.goto(f"/t/{territory.slug}/opinion/")
    page.get_by_role("link", name=fr("Open a conversation")).click()
    page.get_by_label(label("Question")).fill("Jeunes familles : qu'est-ce qui va, "
                                              "qu'est-ce qui manque ?")
    page.get_by_label(label("Axis of life")).select_option("well_being")
    page.get_by_label(fr("people with an account only")).check()
    page.get_by_label(fr("before publication")).check()
    page.get_by_label(label("Seed statements")).fill("\n".join(SEEDS))
    page.get_by_role("button", name=fr("Open the conversation")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("The conversation is open."))
    conversation = Conversation.objects.get()

    vote_in_camps(conversation, people(territory, 12))
    services.statement_submit(conversation=conversation, author=resident,
                              text="Un conseil municipal des jeunes")
    page.reload()
    page.get_by_role("link", name=fr("Moderation: %(n)s statement awaits") % {"n": 1}).click()
    page.get_by_role("button", name=fr("Publish") + " — Un conseil municipal des jeunes").click()
    expect(page.get_by_role("status")).to_contain_text(fr("The statement is published."))

    page.goto(f"/t/{territory.slug}/opinion/{conversation.pk}/results/")
    expect(page.get_by_role("img")).to_be_visible()
    page.get_by_role("button", name=fr("Add to the diagnostic") + " — More doctors in the "
                                                                    "rural communes").first.click()
    expect(page.get_by_role("status")).to_contain_text(fr("The statement is on the diagnostic "
                                                          "board."))

    page.goto(f"/t/{territory.slug}/opinion/import/")
    comments, votes = tmp_path / "comments.csv", tmp_path / "votes.csv"
    comments.write_text("comment-id,moderated,comment-body\n0,1,Trains\n1,1,\n")
    votes.write_text("timestamp,comment-id,voter-id,vote\n1,0,1,1\n2,5,1,1\n")
    page.get_by_label(label("Question")).fill("Import")
    page.get_by_label(label("comments.csv")).set_input_files(comments)
    page.get_by_label(label("votes.csv")).set_input_files(votes)
    page.get_by_role("button", name=fr("Import"), exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(fr("Nothing was imported. Correct these rows and try again:"))
    expect(alert).to_contain_text(fr("the comment is empty"))
    assert Conversation.objects.count() == 1
