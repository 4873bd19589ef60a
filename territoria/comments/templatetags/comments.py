"""``{% comment_thread object %}``: the comments of a registered object, with the forms to
write and reply, wherever the object's page wants them.

    {% load comments %}
    {% comment_thread item %}
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from territoria.comments import selectors, services
from territoria.comments.domain.editing import can_still_edit
from territoria.comments.forms import CommentForm
from territoria.comments.selectors import walk_comments

register = template.Library()


def form_ids(key: str, object_id: int) -> str:
    """Ids of the new-comment form's fields, unique per thread on a page."""
    return f"comments-{key}-{object_id}-%s"


def thread_context(request, target, *, form=None, reply_to=None, feedback="",
                   around: int | None = None) -> dict:
    """What ``comments/_thread.html`` needs for ``target`` and the person reading: the page
    of the thread the request asks for (``?comments=N``), or the one that shows ``around``
    (a comment just written) or the comment being answered."""
    thread = selectors.thread_get(target=target, page=request.GET.get("comments", 1),
                                  around=around if around is not None else reply_to)
    entry = thread.entry
    territory = entry.territory_of(target)
    user = request.user
    refusal = services.comment_refusal(user=user, target=target)
    can_moderate = user.has_perm("moderation.moderate", territory)
    now, window = timezone.now(), services.edit_window()
    if reply_to is not None and reply_to not in {
            item.comment.pk for item in walk_comments(thread.comments)}:
        reply_to = None  # a reply to a comment not on this page: the error goes on top
    for item in walk_comments(thread.comments):
        mine = user.is_authenticated and item.comment.author_id == user.pk
        item.mine = mine
        item.editable = (mine and not item.comment.is_deleted and not item.is_hidden
                         and can_still_edit(created_at=item.comment.created_at, now=now,
                                            window=window))
        item.reply_form = (form if reply_to == item.comment.pk and form is not None else None)
        # Names the comment for screen readers ("Report — comment of 12 March, 10:15")
        # without looking its object up again, once per comment.
        item.report_label = _("comment of %(date)s") % {"date": formats.date_format(
            timezone.localtime(item.comment.created_at), "DATETIME_FORMAT")}
    return {
        "thread": thread, "target": target, "territory": territory,
        "thread_id": f"comments-{entry.key}-{target.pk}",
        "create_url": reverse("comments:comment-create", kwargs={
            "territory_slug": territory.slug, "key": entry.key, "object_id": target.pk}),
        "target_url": entry.url(target), "target_label": entry.label(target),
        "can_comment": refusal is None, "refusal": refusal,
        "can_moderate": can_moderate,
        "form": (form if form is not None and reply_to is None
                 else CommentForm(auto_id=form_ids(entry.key, target.pk))),
        "reply_to": reply_to, "feedback": feedback,
        "login_url": reverse("account_login") + "?next=" + request.path,
        "is_signed_in": user.is_authenticated,
        "page_query": _other_parameters(request),
    }


def _other_parameters(request) -> str:
    """The page's own GET parameters, kept by the thread's page links."""
    query = request.GET.copy()
    query.pop("comments", None)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def comment_thread(context, target):
    request = context["request"]
    return render_to_string("comments/_thread.html", thread_context(request, target),
                            request=request)
