"""Following, notifying (coalesced), who is told, and the events the apps send."""

import pytest

from territoria.notifications import registry
from territoria.notifications.models import Follow, Notification
from territoria.notifications.selectors import notification_text
from territoria.notifications.services import follow, follow_set, notify
from territoria.opinion.services import statement_submit
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def notes(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_the_creator_follows_what_they_create(conversation, staff, resident, run_on_commit):
    from territoria.diagnostic.services import item_contribute

    assert Follow.objects.filter(user=staff, target_kind="opinion.conversation",
                                 target_id=conversation.pk).exists()
    item = item_contribute(author=resident, territory=conversation.territory, kind="weakness",
                           axis="health", title="Pas de médecin", explanation="Aucun.")
    assert Follow.objects.filter(user=resident, target_kind="diagnostic.item",
                                 target_id=item.pk).exists()


def test_a_new_statement_tells_the_followers_but_not_its_author(
        conversation, staff, resident, follower, run_on_commit):
    follow(user=follower, target=conversation)
    follow(user=resident, target=conversation)
    run_on_commit(statement_submit, conversation=conversation, author=resident,
                  text="Des arbres sur la place")
    assert [n.verb for n in notes(follower)] == ["opinion.statement_added"]
    assert [n.verb for n in notes(staff)] == ["opinion.statement_added"]  # the creator
    assert notes(resident) == []
    note = notes(follower)[0]
    assert notification_text(note) == "A new statement in “Comment revitaliser le centre ?”"
    assert note.target_url == f"/t/{conversation.territory.slug}/opinion/{conversation.pk}/"


def test_events_on_the_same_target_are_coalesced_until_read(
        conversation, resident, follower, run_on_commit):
    follow(user=follower, target=conversation)
    for text in ("Un", "Deux", "Trois"):
        run_on_commit(statement_submit, conversation=conversation, author=resident, text=text)
    [note] = notes(follower)
    assert note.count == 3
    assert notification_text(note) == "3 new statements in “Comment revitaliser le centre ?”"
    from territoria.notifications.services import notification_read

    notification_read(user=follower, notification_id=note.pk)
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Quatre")
    assert [n.count for n in notes(follower)] == [3, 1]


def test_an_e_mailed_notification_is_not_added_to(conversation, resident, follower,
                                                  run_on_commit):
    from django.utils import timezone

    follow(user=follower, target=conversation)
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Un")
    Notification.objects.filter(recipient=follower).update(emailed_at=timezone.now())
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Deux")
    assert [n.count for n in notes(follower)] == [1, 1]


def test_deleted_and_deactivated_accounts_are_not_told(conversation, resident, follower,
                                                       run_on_commit):
    from territoria.accounts.services import account_delete

    gone = MembershipFactory(territory=conversation.territory).user
    follow(user=gone, target=conversation)
    follow(user=follower, target=conversation)
    account_delete(user=gone)
    follow(user=gone, target=conversation)  # a stale follow, say
    follower.is_active = False
    follower.save()
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Un")
    assert notes(gone) == [] and notes(follower) == []


def test_a_private_territory_tells_only_those_who_can_still_see_it(
        conversation, resident, follower, run_on_commit):
    territory = conversation.territory
    stranger = UserFactory()
    follow(user=stranger, target=conversation)
    follow(user=follower, target=conversation)
    territory.is_public = False
    territory.save()
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Un")
    assert notes(stranger) == []
    assert len(notes(follower)) == 1


def test_an_app_can_withhold_notifications_from_blocked_people(
        conversation, resident, follower, run_on_commit, monkeypatch):
    monkeypatch.setattr(registry, "_recipient_filters", [])
    registry.register_recipient_filter(lambda territory, ids: {follower.pk})
    follow(user=follower, target=conversation)
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Un")
    assert notes(follower) == []


def test_a_hidden_contribution_tells_its_author_only(territory, staff, resident, follower,
                                                    run_on_commit):
    from territoria.diagnostic.services import item_contribute, item_hide

    item = run_on_commit(item_contribute, author=resident, territory=territory,
                         kind="weakness", axis="health", title="Pas de médecin",
                         explanation="Aucun.")
    follow(user=follower, target=item)
    run_on_commit(item_hide, actor=staff, item=item)
    assert [n.verb for n in notes(resident)] == ["diagnostic.item_hidden"]
    assert notes(follower) == []
    run_on_commit(item_hide, actor=staff, item=item, hidden=False)
    assert [n.verb for n in notes(follower)] == ["diagnostic.item_shown"]


def test_a_merged_contribution_tells_its_author_and_followers(
        territory, staff, resident, follower, run_on_commit):
    from territoria.diagnostic.services import item_contribute, items_merge

    duplicate = item_contribute(author=resident, territory=territory, kind="weakness",
                                axis="health", title="Pas de médecin", explanation="Aucun.")
    into = item_contribute(author=staff, territory=territory, kind="weakness", axis="health",
                           title="Désert médical", explanation="Plus de généraliste.")
    follow(user=follower, target=duplicate)
    run_on_commit(items_merge, actor=staff, duplicate=duplicate, into=into)
    assert [n.verb for n in notes(resident)] == ["diagnostic.item_merged"]
    assert [n.verb for n in notes(follower)] == ["diagnostic.item_merged"]
    assert notification_text(notes(follower)[0]) == (
        "“Pas de médecin” was merged into another item of the board")


def test_an_unsubscribed_author_still_hears_that_their_item_was_accepted(
        territory, staff, follower, run_on_commit):
    from territoria.diagnostic.models import DiagnosticItem
    from territoria.diagnostic.services import proposal_accept

    item = DiagnosticItem.objects.create(
        territory=territory, kind="strength", axis="economy", title="unemployment_rate",
        explanation="", origin="data", status="proposed")
    follow(user=follower, target=item)
    run_on_commit(proposal_accept, actor=staff, item=item)
    assert [n.verb for n in notes(follower)] == ["diagnostic.item_published"]
    assert notes(staff) == []  # the actor


def test_moderation_tells_the_statement_s_author(conversation, staff, resident, follower,
                                                 run_on_commit):
    from territoria.opinion.models import Conversation
    from territoria.opinion.services import statement_moderate

    conversation.moderation = Conversation.Moderation.BEFORE
    conversation.save()
    follow(user=follower, target=conversation)
    statement = run_on_commit(statement_submit, conversation=conversation, author=resident,
                              text="Une piscine")
    assert notes(follower) == []  # not published yet
    run_on_commit(statement_moderate, actor=staff, statement=statement, publish=True)
    assert [n.verb for n in notes(resident)] == ["opinion.statement_published"]
    assert [n.verb for n in notes(follower)] == ["opinion.statement_added"]
    other = run_on_commit(statement_submit, conversation=conversation, author=resident,
                          text="Un stade")
    run_on_commit(statement_moderate, actor=staff, statement=other, publish=False)
    assert "opinion.statement_rejected" in [n.verb for n in notes(resident)]


def test_closing_tells_the_followers(conversation, staff, follower, run_on_commit):
    from territoria.opinion.services import conversation_close

    follow(user=follower, target=conversation)
    run_on_commit(conversation_close, actor=staff, conversation=conversation)
    assert [n.verb for n in notes(follower)] == ["opinion.conversation_closed"]


def test_supports_are_coalesced_for_the_author(territory, resident, run_on_commit):
    from territoria.diagnostic.services import item_contribute, item_support

    item = item_contribute(author=resident, territory=territory, kind="strength",
                           axis="economy", title="Un marché", explanation="Le samedi.")
    for _ in range(4):
        supporter = MembershipFactory(territory=territory).user
        run_on_commit(item_support, user=supporter, item=item)
    [note] = notes(resident)
    assert notification_text(note) == "4 new supports for “Un marché”"


def test_nothing_is_told_when_the_service_rolls_back(conversation, resident, follower,
                                                     django_capture_on_commit_callbacks):
    follow(user=follower, target=conversation)
    with django_capture_on_commit_callbacks(execute=False):
        statement_submit(conversation=conversation, author=resident, text="Annulé")
    assert notes(follower) == []


def test_one_cannot_follow_what_one_cannot_see(territory, resident, staff):
    from django.core.exceptions import PermissionDenied

    from territoria.diagnostic.models import DiagnosticItem

    hidden = DiagnosticItem.objects.create(
        territory=territory, kind="strength", axis="economy", title="Caché", explanation="",
        origin="contribution", status="hidden")
    with pytest.raises(PermissionDenied):
        follow_set(user=resident, target=hidden, following=True)
    assert follow_set(user=staff, target=hidden, following=True) is True


def test_notify_refuses_an_unknown_verb(conversation):
    with pytest.raises(LookupError):
        notify(territory=conversation.territory, target=conversation, verb="nope")


def test_another_territory_s_follows_do_not_mix(conversation, resident, run_on_commit):
    from territoria.opinion.services import conversation_create

    other = TerritoryFactory()
    other_staff = MembershipFactory(territory=other, role="staff").user
    other_conversation = run_on_commit(conversation_create, actor=other_staff,
                                       territory=other, title="Ailleurs")
    run_on_commit(statement_submit, conversation=conversation, author=resident, text="Ici")
    assert notes(other_staff) == []
    assert other_conversation.pk != conversation.pk
