"""Reads of comments, always for one territory or one object of it."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from territoria.comments import registry
from territoria.comments.domain.thread import Node, build_thread, root_index, walk
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
    """The comment on its object's page: the page of the thread that shows it."""
    entry, target = comment_target(comment)
    number = thread_page_of(target=target, comment_id=comment.pk)
    query = f"?comments={number}" if number > 1 else ""
    return f"{entry.url(target)}{query}#comment-{comment.pk}"


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
    comments: list[ThreadComment]  # the comments of this page of the thread
    count: int  # comments neither deleted nor hidden, in the whole thread
    page: Page | None = None  # the page shown: top-level comments with all their replies


def comments_per_page() -> int:
    return getattr(settings, "COMMENTS_PER_PAGE", 30)


def _layout(target, max_depth: int):
    """The whole thread's layout, from two integers per comment (cheap even for tens of
    thousands of comments): the full rows are then read for one page only."""
    pairs = _for_target(target).values_list("pk", "parent_id")
    return build_thread([Node(pk, parent) for pk, parent in pairs], max_depth=max_depth)


def thread_page_of(*, target, comment_id: int, max_depth: int = MAX_DEPTH) -> int:
    """The number of the thread's page that shows ``comment_id`` (1 if it is not there)."""
    index = root_index(_layout(target, max_depth), comment_id)
    return 1 if index is None else index // comments_per_page() + 1


def _hidden_ids() -> QuerySet:
    """The ids of comments that moderation hides (pending review or for good)."""
    from territoria.moderation.models import ModeratedContent

    return ModeratedContent.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        status__in=[ModeratedContent.Status.PENDING, ModeratedContent.Status.HIDDEN],
    ).values("object_id")


def _visible_count(target) -> int:
    return (_for_target(target).filter(deleted_at__isnull=True).exclude(pk__in=_hidden_ids())
            .count())


def thread_get(*, target, page: int | str | None = 1, around: int | None = None,
               max_depth: int = MAX_DEPTH) -> Thread:
    """One page of the comments on ``target`` (``comments_per_page()`` top-level comments,
    each with all its replies), laid out by ``domain.thread.build_thread``, with their
    moderation states; ``around`` picks the page that shows that comment. Five queries
    whatever the size of the thread; only the page's comments are read in full."""
    from territoria.moderation.selectors import states_for

    entry = registry.for_model(target)
    branches = _layout(target, max_depth)
    if around is not None and (index := root_index(branches, around)) is not None:
        page = index // comments_per_page() + 1
    shown = Paginator(branches, comments_per_page()).get_page(page)
    ids = {branch.id for branch in walk(shown.object_list)}
    ids |= {branch.in_reply_to for branch in walk(shown.object_list) if branch.in_reply_to}
    by_id = {c.pk: c for c in Comment.objects.filter(pk__in=ids)
             .select_related("author", "territory")}
    states = states_for(Comment, by_id)

    def dress(branch) -> ThreadComment:
        return ThreadComment(by_id[branch.id], branch.depth,
                             by_id.get(branch.in_reply_to) if branch.in_reply_to else None,
                             states.get(branch.id), [dress(child) for child in branch.children])

    dressed = [dress(branch) for branch in shown.object_list]
    return Thread(target, entry, dressed, _visible_count(target), shown)


def thread_order(thread: Thread) -> list[int]:
    """The comments' ids in the order the thread shows them."""
    return [item.comment.pk for item in walk_comments(thread.comments)]


def _count_subquery(model) -> Subquery:
    return Subquery(
        Comment.objects.filter(content_type=ContentType.objects.get_for_model(model),
                               object_id=OuterRef("pk"), deleted_at__isnull=True)
        .exclude(pk__in=_hidden_ids()).order_by().values("object_id")
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
