"""A resident follows a conversation, hears of a new statement in the header and on the list
of notifications, opens it; then searches the territory with and without accents."""

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import MembershipFactory, TerritoryFactory


def test_a_resident_follows_a_conversation_and_searches(page, new_page, live_server):
    from territoria.diagnostic.services import item_contribute
    from territoria.opinion.services import conversation_create, statement_submit

    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    neighbour = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    conversation = conversation_create(
        actor=staff, territory=territory, title="Comment revitaliser le centre-bourg ?",
        seed_statements=["Il faut une maison de santé"])
    item_contribute(author=neighbour, territory=territory, kind="weakness", axis="education",
                    title="L'école du bourg va fermer",
                    explanation="Le développement du bourg est en panne.")

    # The resident follows the conversation (htmx swaps the button in place).
    sign_in_directly(page, resident, live_server.url)
    page.goto(f"/t/{territory.slug}/opinion/{conversation.pk}/")
    page.get_by_role("button", name=fr("Follow")).click()
    expect(page.get_by_role("button", name=fr("Stop following"))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        fr("You follow it: its news will come to your notifications."))

    # A neighbour adds a statement: the header counts one unread notification.
    statement_submit(conversation=conversation, author=neighbour,
                     text="Des commerces ouverts le dimanche")
    page.reload()
    account = page.get_by_role("navigation", name=fr("Account"))
    link = account.get_by_role("link", name=fr("Notifications"))
    expect(link).to_contain_text("1")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("My notifications"))
    text = fr("A new statement in “%(target)s”") % {"target": conversation.title}
    expect(page.get_by_role("main")).to_contain_text(text)
    page.get_by_role("link", name=text).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(conversation.title)
    expect(page.get_by_role("navigation", name=fr("Account"))
           .get_by_role("link", name=fr("Notifications"))).not_to_contain_text("1")

    # Search from the territory's header, without accents, then in capitals.
    search = page.get_by_role("search", name=fr("Search the territory")).first
    search.get_by_label(fr("Search the territory")).fill("developpement")
    search.get_by_role("button", name=fr("Search")).click()
    results = page.get_by_role("main")
    expect(results).to_contain_text("L'école du bourg va fermer")
    expect(results.locator("mark").first).to_have_text("développement")
    page.get_by_label(label("Words to find")).fill("ECOLE")
    page.get_by_label(label("Words to find")).press("Enter")
    expect(page.get_by_role("link", name="L'école du bourg va fermer")).to_be_visible()
    # Signs alone: a message, not an error.
    page.get_by_label(label("Words to find")).fill('"*')
    page.get_by_label(label("Words to find")).press("Enter")
    expect(page.get_by_role("main")).to_contain_text(
        fr("Type at least one word to search (punctuation and signs alone find nothing)."))
    # And the result leads to the item.
    page.get_by_label(label("Words to find")).fill("école")
    page.get_by_label(label("Words to find")).press("Enter")
    page.get_by_role("link", name="L'école du bourg va fermer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("L'école du bourg va fermer")

    # The e-mail choice, on the account's settings.
    page.goto("/me/")
    page.get_by_role("link", name=fr("Notifications by e-mail")).click()
    page.get_by_label(fr("An e-mail as they come (at most one every 15 minutes)")).check()
    page.get_by_role("button", name=fr("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("Your choice is saved."))

    # The next statement comes at once by e-mail; its link stops the e-mails, logged out.
    import re

    from django.core import mail

    mail.outbox.clear()
    statement_submit(conversation=conversation, author=neighbour, text="Un marché le soir")
    [message] = [m for m in mail.outbox if m.to == [resident.email]]
    link = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", message.body)[0]
    visitor = new_page()
    visitor.goto(link)
    visitor.get_by_role("button", name=fr("Stop the e-mails")).click()
    expect(visitor.get_by_role("status")).to_contain_text(fr(
        "Done: you will receive no more notification e-mails. Your notifications stay "
        "readable on the site, and you can choose again on your account's settings."))
