"""Writing, replying, editing and deleting comments, and what is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from territoria.accounts.models import Membership, Role
from territoria.comments import services
from territoria.comments.models import Comment
from territoria.comments.selectors import thread_get, thread_order
from territoria.moderation.services import user_block
from tests.comments.conftest import comment
from tests.diagnostic.conftest import contribute
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory


def test_a_comment_is_stored_as_typed_and_shown_as_safe_html(item, neighbour):
    c = comment(neighbour, item, "Oui, *vraiment* <script>alert(1)</script>")
    assert c.body == "Oui, *vraiment* <script>alert(1)</script>"
    assert c.body_html == "<p>Oui, <em>vraiment</em> &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert c.territory == item.territory and c.author_role == Role.RESIDENT


def test_replies_are_threaded_under_their_parent(item, resident, neighbour):
    first = comment(neighbour, item)
    reply = comment(resident, item, "Merci", parent=first)
    second = comment(neighbour, item, "Autre chose")
    thread = thread_get(target=item)
    assert thread_order(thread) == [first.pk, reply.pk, second.pk]
    assert [c.comment.pk for c in thread.comments[0].children] == [reply.pk]
    assert thread.count == 3


def test_deep_replies_are_shown_flat_with_what_they_answer(item, resident, neighbour):
    chain = [comment(neighbour, item, "1")]
    for n in range(2, 6):
        chain.append(comment(resident if n % 2 else neighbour, item, str(n), parent=chain[-1]))
    thread = thread_get(target=item, max_depth=3)
    third_level = thread.comments[0].children[0].children
    assert [c.comment.body for c in third_level] == ["3", "4", "5"]
    assert [c.in_reply_to.body if c.in_reply_to else None for c in third_level] == [
        None, "3", "4"]


def test_a_reply_to_a_comment_of_another_object_is_refused(territory, item, resident,
                                                           neighbour):
    other = contribute(resident, territory, title="Autre")
    elsewhere = comment(neighbour, other)
    with pytest.raises(ValidationError, match="only reply to a comment of this page"):
        comment(neighbour, item, "Réponse", parent=elsewhere)
    assert not Comment.objects.filter(body="Réponse").exists()


@pytest.mark.parametrize(("body", "message"), [
    ("", "Write your comment"),
    ("   \n\n ", "Write your comment"),
    ("x" * 5001, "5001 characters long; the limit is 5000"),
])
def test_an_empty_or_oversized_comment_is_refused_with_a_clear_message(item, neighbour, body,
                                                                      message):
    with pytest.raises(ValidationError, match=message):
        comment(neighbour, item, body)


def test_commenting_is_refused_where_the_object_is_closed(territory, item, neighbour, staff):
    from territoria.diagnostic.services import item_hide

    item_hide(actor=staff, item=item)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer on the board"):
        comment(neighbour, item)


def test_a_blocked_person_cannot_comment(territory, item, neighbour, staff):
    user_block(actor=staff, territory=territory, user=neighbour, reason="Insultes répétées")
    with pytest.raises(ValidationError, match="blocked in this territory.*Insultes répétées"):
        comment(neighbour, item)


def test_a_block_that_ended_no_longer_refuses(territory, item, neighbour, staff):
    block = user_block(actor=staff, territory=territory, user=neighbour, reason="Spam",
                       ends_at=timezone.now() + timedelta(days=1))
    block.__class__.objects.filter(pk=block.pk).update(ends_at=timezone.now())
    assert comment(neighbour, item).pk


def test_commenting_on_a_public_territory_joins_it_as_a_resident(item):
    visitor = UserFactory()
    comment(visitor, item)
    assert Membership.objects.get(user=visitor, territory=item.territory).role == Role.RESIDENT


def test_on_a_private_territory_only_members_comment(db):
    territory = TerritoryFactory(is_public=False)
    item = contribute(MembershipFactory(territory=territory).user, territory)
    with pytest.raises(ValidationError, match="Only members"):
        comment(UserFactory(), item)


def test_the_author_edits_within_the_window_and_the_former_version_is_kept(item, neighbour):
    c = comment(neighbour, item, "Premier jet")
    services.comment_update(actor=neighbour, comment=c, body="Version **corrigée**")
    c.refresh_from_db()
    assert c.edited_at is not None and c.body_html == "<p>Version <strong>corrigée</strong></p>"
    assert [(r.body, r.written_at) for r in c.revisions.all()] == [("Premier jet", c.created_at)]
    services.comment_update(actor=neighbour, comment=c, body="Troisième")
    assert [r.body for r in c.revisions.all()] == ["Premier jet", "Version **corrigée**"]


def test_editing_after_the_window_is_refused(item, neighbour, settings):
    settings.COMMENTS_EDIT_WINDOW_MINUTES = 15
    c = comment(neighbour, item, "Trop tard")
    Comment.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    c.refresh_from_db()
    with pytest.raises(ValidationError, match="15 minutes after it is posted"):
        services.comment_update(actor=neighbour, comment=c, body="Changé")
    c.refresh_from_db()
    assert c.body == "Trop tard" and not c.revisions.exists()


def test_the_window_is_a_setting(item, neighbour, settings):
    settings.COMMENTS_EDIT_WINDOW_MINUTES = 60
    c = comment(neighbour, item)
    Comment.objects.filter(pk=c.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    c.refresh_from_db()
    services.comment_update(actor=neighbour, comment=c, body="Encore possible")


def test_only_the_author_edits_or_deletes(item, neighbour, resident):
    c = comment(neighbour, item)
    with pytest.raises(ValidationError, match="Only its author"):
        services.comment_update(actor=resident, comment=c, body="Pirate")
    with pytest.raises(PermissionDenied):
        services.comment_delete(actor=resident, comment=c)


def test_deleting_keeps_the_place_in_the_thread_and_erases_the_text(item, neighbour,
                                                                     resident):
    c = comment(neighbour, item, "À effacer")
    services.comment_update(actor=neighbour, comment=c, body="À effacer, corrigé")
    reply = comment(resident, item, "Réponse", parent=c)
    services.comment_delete(actor=neighbour, comment=c)
    c.refresh_from_db()
    assert c.is_deleted and c.body == "" and not c.revisions.exists()
    thread = thread_get(target=item)
    assert thread_order(thread) == [c.pk, reply.pk] and thread.count == 1


def test_comment_counts_of_a_list_take_one_query(territory, resident, neighbour,
                                                 django_assert_num_queries):
    from territoria.comments.selectors import comment_counts, with_comment_count
    from territoria.diagnostic.models import DiagnosticItem

    items = [contribute(resident, territory, title=f"Item {n}") for n in range(5)]
    for n, it in enumerate(items):
        for _ in range(n):
            comment(neighbour, it)
    gone = comment(neighbour, items[1])
    services.comment_delete(actor=neighbour, comment=gone)
    with django_assert_num_queries(1):
        counted = {i.pk: i.comment_count for i in with_comment_count(
            DiagnosticItem.objects.filter(territory=territory))}
    assert counted == {it.pk: n for n, it in enumerate(items)}
    assert comment_counts(items) == counted


def test_the_board_shows_comment_counts_in_a_constant_number_of_queries(
        client, territory, resident, neighbour):
    from django.urls import reverse

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("diagnostic:board", args=[territory.slug])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    it = contribute(resident, territory, title="Premier")
    comment(neighbour, it)
    few = queries()
    for n in range(6):
        comment(neighbour, contribute(resident, territory, title=f"Item {n}"))
    assert queries() == few
    assert "1 comment" in client.get(url).content.decode()
