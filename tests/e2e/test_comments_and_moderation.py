"""Comments and moderation: a resident comments on a contribution of the diagnostic board
(with htmx, in place), replies and edits; a hostile comment runs no script; a neighbour
reports it; the team reviews it in the moderation queue and hides it for good; readers see
why in its place."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.diagnostic.conftest import contribute
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory

HOSTILE = ('Regardez <img src=x onerror="window.pwned=1"> et '
           '<script>window.pwned=2</script> *vraiment*')


def test_a_resident_comments_a_neighbour_reports_the_team_hides(page, live_server):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    author = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    commenter = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    neighbour = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    item = contribute(author, territory, title="Pas de bus le dimanche",
                      explanation="Le dernier car part à 18 h 30.")

    # A resident opens the contribution from the board and comments, in place (htmx).
    sign_in_directly(page, commenter, live_server.url)
    page.goto(f"/t/{territory.slug}/diagnostic/")
    page.get_by_role("link", name="Pas de bus le dimanche").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pas de bus le dimanche")
    page.get_by_label(label("Your comment")).fill(HOSTILE)
    page.get_by_role("button", name=fr("Publish the comment")).click()
    thread = page.locator(f"#comments-diagnostic-item-{item.pk}")
    expect(thread.get_by_role("status")).to_have_text(fr("Your comment is published."),
                                                      timeout=15_000)
    # Shown as typed, as text; no script ran (and the CSP saw nothing to refuse).
    expect(thread).to_contain_text('<img src=x onerror="window.pwned=1">')
    expect(thread).to_contain_text("<script>window.pwned=2</script>")
    expect(thread.locator("em")).to_have_text("vraiment")
    assert thread.locator("img, script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"

    # A reply, in place, under the comment.
    thread.get_by_text(fr("Reply")).first.click()
    thread.get_by_label(label("Your reply")).fill("Et le samedi soir aussi.")
    thread.get_by_role("button", name=fr("Publish the reply")).click()
    # (htmx's request waits for the accessibility check of the page it leaves)
    expect(thread.get_by_role("heading", level=2)).to_have_text("2 " + fr("comments"),
                                                                timeout=15_000)
    expect(thread.locator(".comment-replies")).to_contain_text("Et le samedi soir aussi.")

    # An edit, within the window; the comment shows as edited, with its versions.
    thread.get_by_role("link", name=fr("Edit")).first.click()
    field = page.get_by_label(label("Your comment"))
    field.fill("Il faudrait un car le **dimanche** matin.")
    page.get_by_role("button", name=fr("Save the comment")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("Your comment is updated."))
    thread = page.locator(f"#comments-diagnostic-item-{item.pk}")
    expect(thread.locator("strong", has_text="dimanche")).to_be_visible()
    thread.get_by_role("link", name=fr("edited")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Versions of a comment"))
    expect(page.get_by_role("main")).to_contain_text("window.pwned=2")  # the former version

    # A neighbour reports the reply as off-topic.
    page.context.clear_cookies()
    sign_in_directly(page, neighbour, live_server.url)
    page.goto(f"/t/{territory.slug}/diagnostic/items/{item.pk}/")
    reply = page.locator(".comment-replies .comment").first
    reply.get_by_role("link", name=fr("Report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Report content"))
    page.get_by_role("button", name=fr("Send the report")).click()  # no reason chosen
    expect(page.get_by_role("main")).to_contain_text(fr("This field is required."))
    page.get_by_label(fr("off-topic").capitalize()).check()
    page.get_by_label(label("Details (optional)")).fill("Rien à voir avec les bus.")
    page.get_by_role("button", name=fr("Send the report")).click()
    expect(page.get_by_role("main")).to_contain_text(
        fr("Thank you: your report is sent to the moderators."))

    # The team reviews the queue and hides the reply for good.
    page.context.clear_cookies()
    sign_in_directly(page, staff, live_server.url)
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Moderation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Moderation queue"))
    entry = page.get_by_role("listitem").filter(has_text="Et le samedi soir aussi.")
    expect(entry).to_contain_text("Rien à voir avec les bus.")
    entry.get_by_label(fr("Reason shown in place of the content")).select_option("off_topic")
    entry.get_by_role("button", name=fr("Hide for good")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The content is hidden for good."))
    expect(page.get_by_role("main")).to_contain_text(
        fr("Nothing awaits review. Reported content appears here."))
    page.get_by_role("link", name=fr("Moderation log")).click()
    expect(page.get_by_role("table")).to_contain_text(fr("hidden for good").capitalize())

    # Readers see why, in its place.
    page.context.clear_cookies()
    page.goto(f"/t/{territory.slug}/diagnostic/items/{item.pk}/")
    thread = page.locator(f"#comments-diagnostic-item-{item.pk}")
    expect(thread).to_contain_text(fr("Hidden by the moderators: %(reason)s.") % {
        "reason": fr("off-topic")})
    expect(thread).not_to_contain_text("Et le samedi soir aussi.")


def test_the_team_blocks_a_person_who_then_reads_why_and_loses_nothing(page, live_server):
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    author = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    pest = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    item = contribute(author, territory, title="Pas de bus le dimanche")
    from territoria.comments.services import comment_create
    from territoria.moderation.services import content_report

    spam = comment_create(author=pest, target=item, body="Achetez mes montres !")
    content_report(reporter=author, obj=spam, reason="spam")

    # The team blocks the author of the reported comment, from the queue.
    sign_in_directly(page, staff, live_server.url)
    page.goto(f"/t/{territory.slug}/moderation/")
    page.get_by_role("link", name=fr("Block the author")).click()
    page.get_by_label(label("Reason")).fill("Publicité répétée")
    page.get_by_role("button", name=fr("Block")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Blocked people"))
    expect(page.get_by_role("table")).to_contain_text("Publicité répétée")

    # The blocked person sees why, and what they typed stays on the page.
    page.context.clear_cookies()
    sign_in_directly(page, pest, live_server.url)
    page.goto(f"/t/{territory.slug}/diagnostic/items/{item.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Publicité répétée")
    expect(page.get_by_role("button", name=fr("Publish the comment"))).to_have_count(0)

    # Their own comment they may still delete, after confirming.
    page.get_by_role("link", name=fr("Delete")).click()
    page.get_by_role("button", name=fr("Delete the comment")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("Deleted by its author."))
