"""Reads of comments, always for one territory or one object of it."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from territoria.comments import registry
from territoria.comments.domain.thread import Node, build_thread
from territoria.comments.models import Comment
from territoria.core.models import Territory

MAX_DEPTH = 3


def comment_get(*, territory: Territory, comment_id: int) -> Comment:
    comment = (Comment.objects.filter(territory=territory, pk=comment_id)
               .select_related("author", "content_type").first())
    if comment is None:
        raise Http404
    return comment


def comment_target(comment: Comment):
    """The object a comment is about (it belongs to the comment's territory)."""
    entry = registry.for_model(comment.content_type.model_class())
    return entry, entry.get(territory=comment.territory, object_id=comment.object_id)


def comment_url(comment: Comment) -> str:
    entry, target = comment_target(comment)
    return f"{entry.url(target)}#comment-{comment.pk}"


def comment_label(comment: Comment) -> str:
    try:
        entry, target = comment_target(comment)
    except Http404:
        return _("A comment")
    return _("Comment on “%(target)s”") % {"target": entry.label(target)}


def comment_text(comment: Comment) -> str:
    return _("(deleted by its author)") if comment.is_deleted else comment.body


def _for_target(target) -> QuerySet[Comment]:
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk)


@dataclass
class ThreadComment:
    """A comment as the thread shows it."""

    comment: Comment
    depth: int
    in_reply_to: Comment | None
    state: object | None  # its moderation state, if it was ever reported
    children: list["ThreadComment"] = field(default_factory=list)

    @property
    def is_hidden(self) -> bool:
        return bool(self.state is not None and self.state.is_hidden)


@dataclass
class Thread:
    target: object
    entry: registry.Commentable
    comments: list[ThreadComment]
    count: int  # comments neither deleted nor hidden


def thread_get(*, target, max_depth: int = MAX_DEPTH) -> Thread:
    """The comments on ``target``, laid out by ``domain.thread.build_thread``, with their
    moderation states: three queries whatever the size of the thread."""
    from territoria.moderation.selectors import states_for

    entry = registry.for_model(target)
    comments = list(_for_target(target).select_related("author", "territory"))
    by_id = {c.pk: c for c in comments}
    states = states_for(Comment, by_id)
    branches = build_thread([Node(c.pk, c.parent_id) for c in comments], max_depth=max_depth)

    def dress(branch) -> ThreadComment:
        return ThreadComment(by_id[branch.id], branch.depth,
                             by_id.get(branch.in_reply_to) if branch.in_reply_to else None,
                             states.get(branch.id), [dress(child) for child in branch.children])

    dressed = [dress(branch) for branch in branches]
    count = sum(1 for c in comments if not c.is_deleted
                and not (states.get(c.pk) is not None and states[c.pk].is_hidden))
    return Thread(target, entry, dressed, count)


def thread_order(thread: Thread) -> list[int]:
    """The comments' ids in the order the thread shows them."""
    return [item.comment.pk for item in walk_comments(thread.comments)]


def _count_subquery(model) -> Subquery:
    from territoria.moderation.models import ModeratedContent

    comment_type = ContentType.objects.get_for_model(Comment)
    hidden = ModeratedContent.objects.filter(
        content_type=comment_type,
        status__in=[ModeratedContent.Status.PENDING, ModeratedContent.Status.HIDDEN],
    ).values("object_id")
    return Subquery(
        Comment.objects.filter(content_type=ContentType.objects.get_for_model(model),
                               object_id=OuterRef("pk"), deleted_at__isnull=True)
        .exclude(pk__in=hidden).order_by().values("object_id")
        .annotate(n=Count("pk")).values("n"), output_field=IntegerField())


def with_comment_count(queryset: QuerySet) -> QuerySet:
    """``queryset`` annotated with ``comment_count`` (comments neither deleted nor hidden),
    computed by the database in the same query: lists show counts without one query per
    row."""
    return queryset.annotate(comment_count=Coalesce(_count_subquery(queryset.model), 0))


def comment_counts(objects) -> dict[int, int]:
    """Comment counts of objects of one model, in one query: {pk: count}."""
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    counts = dict(with_comment_count(model._default_manager.filter(
        pk__in=[o.pk for o in objects])).values_list("pk", "comment_count"))
    return {o.pk: counts.get(o.pk, 0) for o in objects}


def account_comments(user) -> dict:
    """What a person wrote in comments (account export)."""
    comments = Comment.objects.filter(author=user).select_related("territory").order_by(
        "created_at")
    return {"comments": [
        {"territory": c.territory.name, "comment": c.body,
         "created_at": c.created_at.isoformat(),
         "edited_at": c.edited_at.isoformat() if c.edited_at else None,
         "deleted": c.is_deleted} for c in comments]}


def walk_comments(comments):
    """Every ``ThreadComment``, depth first, in display order."""
    for item in comments:
        yield item
        yield from walk_comments(item.children)
