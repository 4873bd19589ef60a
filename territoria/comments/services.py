"""Writes of comments: write, reply, edit within the window (keeping each revision),
delete (the place in the thread is kept)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.comments import registry
from territoria.comments.domain.editing import can_still_edit
from territoria.comments.domain.text import MAX_LENGTH, to_html
from territoria.comments.models import Comment, CommentRevision


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMENTS_EDIT_WINDOW_MINUTES", 15))


def _clean_body(body: str) -> tuple[str, str]:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment before sending it.")})
    if len(body) > MAX_LENGTH:
        raise ValidationError({"body": _(
            "Your comment is %(length)s characters long; the limit is %(limit)s. Shorten it, "
            "or split it into several comments.") % {"length": len(body), "limit": MAX_LENGTH}})
    html = to_html(body)
    if not html.strip():
        raise ValidationError({"body": _("Write your comment before sending it.")})
    return body, html


def comment_refusal(*, user, target) -> str | None:
    """Why ``user`` may not comment on ``target`` now, or None if they may."""
    from territoria.moderation.selectors import active_block
    from territoria.moderation.services import blocked_message

    entry = registry.for_model(target)
    territory = entry.territory_of(target)
    if not getattr(user, "is_authenticated", False):
        return _("Log in to comment.")
    if not user.has_perm("comments.take_part", territory):
        return _("Only members of this territory can comment here.")
    block = active_block(user=user, territory=territory)
    if block is not None:
        return blocked_message(block)
    if not entry.can_comment(user, target):
        return entry.closed_message(target)
    return None


def _participant_role(*, user, territory) -> str:
    from territoria.accounts.models import Membership
    from territoria.accounts.services import membership_join

    membership = Membership.objects.filter(user=user, territory=territory).first()
    if membership is None:
        membership = membership_join(user=user, territory=territory)
    return membership.role


@transaction.atomic
def comment_create(*, author, target, body: str, parent: Comment | None = None) -> Comment:
    """Comment on ``target`` (or reply to ``parent``, a comment on the same object).

    Refused with the reason when commenting is closed on the object (its registered
    predicate), when the author is blocked in the territory, or when the parent belongs to
    another object; the text is turned into safe HTML (``domain.text.to_html``). A person
    commenting on a public territory joins it as a resident on the way.
    """
    entry = registry.for_model(target)
    territory = entry.territory_of(target)
    refusal = comment_refusal(user=author, target=target)
    if refusal:
        raise ValidationError(refusal, code="refused")
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    if parent is not None:
        if (parent.content_type_id, parent.object_id, parent.territory_id) != (
                content_type.pk, target.pk, territory.pk):
            raise ValidationError(_("You can only reply to a comment of this page."),
                                  code="wrong_parent")
        from territoria.moderation.models import ModeratedContent
        from territoria.moderation.selectors import state_for

        state = state_for(parent)
        if state is not None and state.status == ModeratedContent.Status.HIDDEN:
            raise ValidationError(_("This comment was hidden by the moderators: it cannot be "
                                    "answered."), code="hidden_parent")
    body, html = _clean_body(body)
    return Comment.objects.create(
        territory=territory, content_type=content_type, object_id=target.pk, parent=parent,
        author=author, author_role=_participant_role(user=author, territory=territory),
        body=body, body_html=html)


def edit_refusal(*, user, comment: Comment, now=None) -> str | None:
    """Why ``user`` may not edit ``comment`` now, or None if they may."""
    from territoria.moderation.selectors import state_for

    if not getattr(user, "is_authenticated", False) or comment.author_id != user.pk:
        return _("Only its author can edit a comment.")
    if comment.is_deleted:
        return _("This comment was deleted.")
    if not can_still_edit(created_at=comment.created_at, now=now or timezone.now(),
                          window=edit_window()):
        minutes = int(edit_window().total_seconds() // 60)
        return _("A comment can be edited during the %(minutes)s minutes after it is "
                 "posted; that time is over. Add a reply instead.") % {"minutes": minutes}
    state = state_for(comment)
    if state is not None and state.is_hidden:
        return _("This comment is hidden by moderation: it can no longer be edited.")
    return None


@transaction.atomic
def comment_update(*, actor, comment: Comment, body: str) -> Comment:
    """The author edits their comment within the edit window; the former version is kept
    (``CommentRevision``) and the comment shows as edited, with a link to its history."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    refusal = edit_refusal(user=actor, comment=comment)
    if refusal:
        raise ValidationError(refusal, code="refused")
    body, html = _clean_body(body)
    if body == comment.body:
        return comment
    CommentRevision.objects.create(comment=comment, body=comment.body,
                                   body_html=comment.body_html,
                                   written_at=comment.edited_at or comment.created_at)
    comment.body, comment.body_html, comment.edited_at = body, html, timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: Comment) -> Comment:
    """The author deletes their comment: its text and former versions are erased, its
    place in the thread is kept ("deleted by its author") so that replies keep their
    context."""
    if comment.author_id != actor.pk:
        raise PermissionDenied
    if comment.is_deleted:
        return comment
    comment.revisions.all().delete()
    comment.body = comment.body_html = ""
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "deleted_at"])
    return comment
