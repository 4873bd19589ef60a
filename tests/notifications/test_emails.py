"""E-mails of notifications: immediate (rate-limited), daily digests only for people who
have something to receive, in their language, with a working unsubscribe link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from territoria.notifications.models import Notification, Preference
from territoria.notifications.services import (
    digests_send,
    email_send,
    follow,
    notify,
    preference_set,
)
from territoria.opinion.services import statement_submit
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def event(conversation, resident, run_on_commit, text):
    run_on_commit(statement_submit, conversation=conversation, author=resident, text=text)


def test_immediate_e_mails_are_sent_by_the_task_and_rate_limited(
        conversation, resident, follower, run_on_commit):
    preference_set(user=follower, email=Preference.Email.IMMEDIATE, language="en")
    follow(user=follower, target=conversation)
    mail.outbox.clear()
    event(conversation, resident, run_on_commit, "Un")
    assert len(mail.outbox) == 1  # the immediate backend runs the task at once
    message = mail.outbox[0]
    assert message.to == ["follower@example.org"]
    assert "A new statement in “Comment revitaliser le centre ?”" in message.subject
    # A second and a third event within 15 minutes: no e-mail now, one notification waiting.
    event(conversation, resident, run_on_commit, "Deux")
    event(conversation, resident, run_on_commit, "Trois")
    assert len(mail.outbox) == 1
    waiting = Notification.objects.get(recipient=follower, emailed_at__isnull=True)
    assert waiting.count == 2
    # After the interval, the next run sends them together.
    Preference.objects.filter(user=follower).update(
        last_emailed_at=timezone.now() - timedelta(minutes=16))
    assert email_send(user_id=follower.pk) == 1
    assert len(mail.outbox) == 2
    assert "2 new statements" in mail.outbox[1].subject


def test_no_e_mail_for_those_who_chose_none_or_the_digest(conversation, resident, follower,
                                                         run_on_commit):
    preference_set(user=follower, email=Preference.Email.NONE)
    follow(user=follower, target=conversation)
    mail.outbox.clear()
    event(conversation, resident, run_on_commit, "Un")
    digests_send()  # the conversation's creator has the default, the digest
    assert [m.to for m in mail.outbox] == [[conversation.created_by.email]]
    assert Notification.objects.filter(recipient=follower).count() == 1  # still in the app


def test_digests_go_only_to_people_with_something_unread(conversation, resident, follower,
                                                        staff, run_on_commit):
    quiet = MembershipFactory(territory=conversation.territory).user  # follows nothing
    follow(user=follower, target=conversation)
    event(conversation, resident, run_on_commit, "Un")
    event(conversation, resident, run_on_commit, "Deux")
    Notification.objects.filter(recipient=staff).update(read_at=timezone.now())  # read
    mail.outbox.clear()
    assert digests_send() == 1
    [message] = mail.outbox
    assert message.to == [follower.email]
    assert quiet.email not in [m.to[0] for m in mail.outbox]
    assert "2 new statements in “Comment revitaliser le centre ?”" in message.body
    # Marked sent: a second run sends nothing.
    assert digests_send() == 0 and len(mail.outbox) == 1


def test_a_digest_s_cost_does_not_grow_with_the_number_of_people(
        territory, conversation, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def people_with_news(n):
        for _ in range(n):
            user = MembershipFactory(territory=territory).user
            notify(territory=territory, target=conversation, verb="opinion.statement_added",
                   recipients=[user])
        MembershipFactory.create_batch(n, territory=territory)  # nothing to receive

    people_with_news(2)
    with CaptureQueriesContext(connection) as few:
        assert digests_send() == 2
    assert len(few.captured_queries) <= 4  # select, update, and the transaction's
    people_with_news(12)
    with django_assert_num_queries(len(few.captured_queries)):
        assert digests_send() == 12


@pytest.mark.parametrize(("language", "subject", "line"), [
    ("fr", "Votre résumé quotidien : 1 notification", "Ne plus recevoir ces e-mails"),
    ("en", "Your daily digest: 1 notification", "No more of these e-mails"),
])
def test_a_digest_is_in_its_reader_s_language_with_text_and_html(
        conversation, resident, follower, run_on_commit, language, subject, line):
    preference_set(user=follower, email=Preference.Email.DAILY, language=language)
    follow(user=follower, target=conversation)
    event(conversation, resident, run_on_commit, "Un")
    mail.outbox.clear()
    digests_send()
    [message] = [m for m in mail.outbox if m.to == [follower.email]]
    assert subject in message.subject
    assert line in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'lang="{language}"' in html and line in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_the_unsubscribe_link_works_without_logging_in(client, conversation, resident,
                                                       follower, run_on_commit):
    import re

    follow(user=follower, target=conversation)
    event(conversation, resident, run_on_commit, "Un")
    mail.outbox.clear()
    digests_send()
    [message] = [m for m in mail.outbox if m.to == [follower.email]]
    link = re.search(r"https?://\S+/notifications/unsubscribe/\S+/", message.body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)  # a GET (a mail scanner) changes nothing
    assert response.status_code == 200
    assert not Preference.objects.filter(user=follower, email="none").exists()
    response = client.post("/" + path)  # no CSRF token: mail clients post in one click
    assert response.status_code == 200
    assert Preference.objects.get(user=follower).email == Preference.Email.NONE
    assert client.get("/notifications/unsubscribe/forged-token/").status_code == 404
    tampered = path.rstrip("/")[:-2] + "xx/"
    assert client.post("/" + tampered).status_code == 404


def test_a_failed_send_leaves_the_notifications_for_the_next_run(
        conversation, resident, follower, run_on_commit, monkeypatch):
    follow(user=follower, target=conversation)
    event(conversation, resident, run_on_commit, "Un")
    import territoria.notifications.emails as emails

    def broken(**kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(emails, "send_notifications_email", broken)
    assert digests_send() == 0
    assert Notification.objects.filter(recipient=follower, emailed_at__isnull=True).exists()


def test_the_real_worker_sends_immediate_e_mails(task_worker, territory):
    """Queued into django-tasks-db, run by a real ``db_worker`` process."""
    from territoria.accounts.models import Role
    from territoria.opinion.services import conversation_create

    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    reader = MembershipFactory(territory=territory).user
    preference_set(user=reader, email=Preference.Email.IMMEDIATE)
    conversation = conversation_create(actor=staff, territory=territory, title="Question")
    follow(user=reader, target=conversation)
    statement_submit(conversation=conversation, author=staff, text="Une idée")
    note = Notification.objects.get(recipient=reader)
    assert note.emailed_at is None  # queued, not sent by the web process
    task_worker.run_until_idle()
    note.refresh_from_db()
    assert note.emailed_at is not None
    assert Preference.objects.get(user=reader).last_emailed_at is not None


def test_the_send_digests_command_says_what_it_sent(conversation, resident, follower,
                                                    run_on_commit):
    from io import StringIO

    from django.core.management import call_command

    follow(user=follower, target=conversation)
    event(conversation, resident, run_on_commit, "Un")
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "Digests sent: 2." in out.getvalue()  # the follower and the creator
    out = StringIO()
    call_command("send_digests", "--enqueue", stdout=out)  # the immediate backend runs it
    assert "queued" in out.getvalue()
