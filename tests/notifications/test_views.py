"""Pages of notifications: the follow button (with and without htmx), the header's count,
the list, marking read, and the e-mail choice."""

import pytest
from django.urls import reverse

from territoria.notifications.models import Follow, Notification, Preference
from territoria.notifications.services import follow, notify

pytestmark = pytest.mark.django_db


def follow_url(conversation):
    return reverse("notifications:follow-toggle", kwargs={
        "territory_slug": conversation.territory.slug, "target_kind": "opinion.conversation",
        "target_id": conversation.pk})


def detail_url(conversation):
    return reverse("opinion:conversation-detail", kwargs={
        "territory_slug": conversation.territory.slug, "conversation_id": conversation.pk})


def test_the_follow_button_works_without_javascript(client, conversation, follower):
    client.force_login(follower)
    html = client.get(detail_url(conversation)).content.decode()
    assert follow_url(conversation) in html and ">Follow</button>" in html
    response = client.post(follow_url(conversation), {"next": detail_url(conversation)})
    assert response.status_code == 302 and response["Location"] == detail_url(conversation)
    assert Follow.objects.filter(user=follower, target_id=conversation.pk).exists()
    html = client.get(detail_url(conversation)).content.decode()
    assert ">Stop following</button>" in html
    client.post(follow_url(conversation), {"follow": "0"})
    assert not Follow.objects.filter(user=follower, target_id=conversation.pk).exists()


def test_the_follow_button_swaps_in_place_with_htmx(client, conversation, follower):
    client.force_login(follower)
    response = client.post(follow_url(conversation), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert ">Stop following</button>" in html and 'role="status"' in html


def test_a_visitor_is_asked_to_log_in(client, conversation):
    html = client.get(detail_url(conversation)).content.decode()
    assert "Log in to follow it" in html
    response = client.post(follow_url(conversation))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_following_refuses_unknown_kinds_and_objects_of_elsewhere(client, conversation,
                                                                  follower):
    client.force_login(follower)
    slug = conversation.territory.slug
    for kind, pk in [("nope", conversation.pk), ("opinion.statement", 1),
                     ("opinion.conversation", 999_999)]:
        url = reverse("notifications:follow-toggle", kwargs={
            "territory_slug": slug, "target_kind": kind, "target_id": pk})
        assert client.post(url).status_code == 404
    assert client.get(follow_url(conversation)).status_code == 405


def test_a_hidden_item_cannot_be_followed_by_a_resident(client, territory, resident):
    from territoria.diagnostic.models import DiagnosticItem

    item = DiagnosticItem.objects.create(territory=territory, kind="strength", axis="economy",
                                         title="Caché", explanation="", status="hidden",
                                         origin="contribution")
    client.force_login(resident)
    url = reverse("notifications:follow-toggle", kwargs={
        "territory_slug": territory.slug, "target_kind": "diagnostic.item",
        "target_id": item.pk})
    assert client.post(url).status_code == 403


def test_the_header_counts_unread_notifications(client, conversation, follower):
    for _ in range(2):
        notify(territory=conversation.territory, target=conversation,
               verb="opinion.statement_added", recipients=[follower])
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.conversation_closed", recipients=[follower])
    client.force_login(follower)
    html = client.get(reverse("core:home")).content.decode()
    assert 'class="count-badge">2<' in html  # two notifications, one of them counting 2


def test_the_list_marks_read_one_by_one_or_all(client, conversation, follower):
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.statement_added", recipients=[follower])
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.conversation_closed", recipients=[follower])
    client.force_login(follower)
    html = client.get(reverse("notifications:notification-list")).content.decode()
    assert "A new statement in “Comment revitaliser le centre ?”" in html
    assert "Pays de Test" in html
    first, second = Notification.objects.filter(recipient=follower).order_by("pk")
    client.post(reverse("notifications:notification-read", args=[first.pk]))
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.get(reverse("notifications:notification-open", args=[second.pk]))
    assert response["Location"] == detail_url(conversation)
    second.refresh_from_db()
    assert second.read_at is not None
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.statement_added", recipients=[follower])
    client.post(reverse("notifications:notification-read-all"))
    assert not Notification.objects.filter(recipient=follower, read_at__isnull=True).exists()


def test_nobody_reads_another_s_notifications(client, conversation, follower, resident):
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.statement_added", recipients=[follower])
    note = Notification.objects.get(recipient=follower)
    client.force_login(resident)
    assert client.get(reverse("notifications:notification-open", args=[note.pk])) \
        .status_code == 404
    assert client.post(reverse("notifications:notification-read", args=[note.pk])) \
        .status_code == 404
    assert "Comment revitaliser" not in client.get(
        reverse("notifications:notification-list")).content.decode()
    note.refresh_from_db()
    assert note.read_at is None


def test_the_e_mail_choice_is_on_the_account_settings(client, follower):
    client.force_login(follower)
    assert reverse("notifications:preferences") in client.get(
        reverse("accounts:dashboard")).content.decode()
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="daily" checked' in page or 'value="daily"\n' in page or "checked" in page
    response = client.post(reverse("notifications:preferences"), {"email": "immediate"})
    assert response.status_code == 302
    assert Preference.objects.get(user=follower).email == "immediate"
    response = client.post(reverse("notifications:preferences"), {"email": "hourly"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert Preference.objects.get(user=follower).email == "immediate"


def test_the_pages_need_an_account(client):
    for name in ("notifications:notification-list", "notifications:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_following_remembers_the_page_language_for_e_mails(client, conversation, follower):
    client.force_login(follower)
    client.post(follow_url(conversation), headers={"Accept-Language": "en"})
    assert Preference.objects.get(user=follower).language == "en"
    follow(user=follower, target=conversation)


def test_the_author_of_a_hidden_contribution_reads_it_from_the_notification(
        client, territory, staff, resident, follower, run_on_commit):
    from territoria.diagnostic.services import item_contribute, item_hide

    item = run_on_commit(item_contribute, author=resident, territory=territory,
                         kind="weakness", axis="health", title="Pas de médecin",
                         explanation="Aucun.")
    run_on_commit(item_hide, actor=staff, item=item)
    note = Notification.objects.get(recipient=resident)
    client.force_login(resident)
    response = client.get(reverse("notifications:notification-open", args=[note.pk]),
                          follow=True)
    assert response.status_code == 200
    assert "hidden by moderation" in response.content.decode()
    client.force_login(follower)  # anyone else: still not found
    assert client.get(note.target_url).status_code == 404


def test_the_account_export_holds_follows_and_notifications(client, conversation, follower):
    import json

    follow(user=follower, target=conversation)
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.statement_added", recipients=[follower])
    client.force_login(follower)
    data = json.loads(client.get(reverse("accounts:account-export")).content)
    assert data["notifications"]["follows"][0]["kind"] == "opinion.conversation"
    assert data["notifications"]["notifications"][0]["text"].startswith("A new statement")


def test_deleting_the_account_erases_follows_and_notifications(conversation, follower):
    from territoria.accounts.services import account_delete

    follow(user=follower, target=conversation)
    notify(territory=conversation.territory, target=conversation,
           verb="opinion.statement_added", recipients=[follower])
    account_delete(user=follower)
    assert not Follow.objects.filter(user=follower).exists()
    assert not Notification.objects.filter(recipient=follower).exists()
