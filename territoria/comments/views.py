"""Views of comments: the thread (standalone, or as a partial for htmx), write and reply,
edit, delete, history. Every comment and object is looked up within the URL's territory."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.comments import registry, selectors, services
from territoria.comments.forms import CommentForm
from territoria.comments.models import Comment
from territoria.comments.templatetags.comments import form_ids, thread_context
from territoria.core.decorators import territory_view


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@territory_view("comments.view")
@require_safe
def thread(request, territory, key, object_id):
    """The comments of one object on a page of their own (the object's page shows them
    too); where a failed comment is shown again without JavaScript."""
    entry = registry.for_key(key)
    target = entry.get(territory=territory, object_id=object_id)
    return render(request, "comments/comment_thread.html",
                  thread_context(request, target))


@territory_view("comments.take_part")
@require_POST
def comment_create(request, territory, key, object_id):
    entry = registry.for_key(key)
    target = entry.get(territory=territory, object_id=object_id)
    form = CommentForm(request.POST, auto_id=form_ids(entry.key, target.pk))
    parent_id = request.POST.get("parent", "")
    reply_to = int(parent_id) if parent_id.isdigit() else None
    comment = None
    if form.is_valid():
        parent = None
        if reply_to is not None:
            # A parent of another territory is not revealed: same refusal as another page's.
            parent = Comment.objects.filter(territory=territory, pk=reply_to).first()
        try:
            if reply_to is not None and parent is None:
                raise ValidationError(_("You can only reply to a comment of this page."))
            comment = services.comment_create(author=request.user, target=target,
                                              body=form.cleaned_data["body"], parent=parent)
        except ValidationError as error:
            _errors(form, error)
    if comment is not None and not request.htmx:
        messages.success(request, _("Your comment is published."))
        return redirect(selectors.comment_url(comment))
    context = thread_context(
        request, target, form=None if comment else form,
        reply_to=None if comment else reply_to,
        feedback=_("Your comment is published.") if comment else "",
        around=comment.pk if comment else None)
    if request.htmx:
        return render(request, "comments/_thread.html#thread", context)
    return render(request, "comments/comment_thread.html", context)


def _own_comment(request, territory, comment_id) -> Comment:
    comment = selectors.comment_get(territory=territory, comment_id=comment_id)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    return comment


@territory_view("comments.take_part")
def comment_update(request, territory, comment_id):
    comment = _own_comment(request, territory, comment_id)
    entry, target = selectors.comment_target(comment)
    refusal = services.edit_refusal(user=request.user, comment=comment)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            services.comment_update(actor=request.user, comment=comment,
                                    body=form.cleaned_data["body"])
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your comment is updated."))
            return redirect(f"{entry.url(target)}#comment-{comment.pk}")
    elif request.method == "POST" and refusal:
        form.add_error(None, refusal)  # the text typed stays in the form below
    return render(request, "comments/comment_update.html", {
        "form": form, "comment": comment, "target": target, "entry": entry,
        "refusal": refusal if request.method == "GET" else "",
        "target_url": entry.url(target)})


@territory_view("comments.take_part")
def comment_delete(request, territory, comment_id):
    comment = _own_comment(request, territory, comment_id)
    entry, target = selectors.comment_target(comment)
    if request.method == "POST":
        services.comment_delete(actor=request.user, comment=comment)
        messages.success(request, _("Your comment is deleted; the replies stay in the "
                                    "thread."))
        return redirect(f"{entry.url(target)}#comment-{comment.pk}")
    return render(request, "comments/comment_delete.html", {
        "comment": comment, "target_url": entry.url(target), "label": entry.label(target)})


@territory_view("comments.view")
@require_safe
def comment_history(request, territory, comment_id):
    """The versions of an edited comment, oldest first, and the current one."""
    from territoria.moderation.selectors import state_for

    comment = selectors.comment_get(territory=territory, comment_id=comment_id)
    entry, target = selectors.comment_target(comment)
    state = state_for(comment)
    if state is not None and state.is_hidden and not request.user.has_perm(
            "moderation.moderate", territory):
        raise Http404
    return render(request, "comments/comment_history.html", {
        "comment": comment, "revisions": comment.revisions.all(),
        "target_url": entry.url(target), "label": entry.label(target),
        "thread_url": reverse("comments:thread", kwargs={
            "territory_slug": territory.slug, "key": entry.key, "object_id": target.pk})})
