"""Views of moderation: report, the team's queue, blocks, the log, the threshold."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core.decorators import territory_view
from territoria.moderation import registry, selectors, services
from territoria.moderation.forms import (
    BlockForm,
    HideForm,
    LogFilterForm,
    ReportForm,
    RestoreForm,
    ThresholdForm,
)
from territoria.moderation.models import ModerationAction


def _form_errors(form, error: ValidationError, renamed: dict | None = None) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = (renamed or {}).get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _queue_url(territory) -> str:
    from django.urls import reverse

    return reverse("moderation:queue", kwargs={"territory_slug": territory.slug})


@territory_view("moderation.report")
def report_create(request, territory, key, object_id):
    """Report a piece of content: a reason and optional details; once per person."""
    entry = registry.for_key(key)
    obj = entry.get(territory=territory, object_id=object_id)
    back = _next(request, entry.url(obj))
    block = selectors.active_block(user=request.user, territory=territory)
    existing = selectors.report_of(user=request.user, obj=obj)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.content_report(reporter=request.user, obj=obj, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Thank you: your report is sent to the moderators."))
            return redirect(back)
    return render(request, "moderation/report_create.html", {
        "form": form, "obj": obj, "entry": entry, "label": entry.label(obj),
        "text": entry.text(obj), "back": back, "existing": existing,
        "blocked_message": services.blocked_message(block) if block else "",
        "own": entry.author_id_of(obj) == request.user.pk,
    })


@territory_view("moderation.moderate")
@require_safe
def queue(request, territory):
    return render(request, "moderation/queue.html", {
        "entries": selectors.queue_list(territory=territory),
        "hide_form": HideForm(), "restore_form": RestoreForm(),
        "threshold": selectors.report_threshold(territory=territory),
    })


@territory_view("moderation.moderate")
@require_POST
def content_restore(request, territory, content_id):
    state = selectors.content_get(territory=territory, content_id=content_id)
    form = RestoreForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.content_restore(actor=request.user, state=state, note=note)
    messages.success(request, _("The content is shown again; its reports are dismissed."))
    return redirect(_next(request, _queue_url(territory)))


@territory_view("moderation.moderate")
@require_POST
def content_hide(request, territory, content_id):
    state = selectors.content_get(territory=territory, content_id=content_id)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reason shown in place of the content."))
        return redirect(_next(request, _queue_url(territory)))
    services.content_hide(actor=request.user, state=state, **form.cleaned_data)
    messages.success(request, _("The content is hidden for good."))
    return redirect(_next(request, _queue_url(territory)))


@territory_view("moderation.moderate")
def block_create(request, territory, user_id):
    person = selectors.person_get(territory=territory, user_id=user_id)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ends_on = form.cleaned_data["ends_on"]
        # "Until 12 March" includes the 12th.
        ends_at = (timezone.make_aware(datetime.datetime.combine(
            ends_on, datetime.time(23, 59, 59))) if ends_on else None)
        try:
            services.user_block(actor=request.user, territory=territory, user=person,
                                reason=form.cleaned_data["reason"], ends_at=ends_at)
        except ValidationError as error:
            _form_errors(form, error, {"ends_at": "ends_on"})
        else:
            messages.success(request, _("%(person)s is blocked in the territory.") % {
                "person": person})
            return redirect("moderation:block-list", territory_slug=territory.slug)
    return render(request, "moderation/block_create.html", {
        "form": form, "person": person,
        "current_block": selectors.active_block(user=person, territory=territory)})


@territory_view("moderation.moderate")
@require_safe
def block_list(request, territory):
    return render(request, "moderation/block_list.html", {
        "blocks": selectors.block_list(territory=territory)})


@territory_view("moderation.moderate")
@require_POST
def block_lift(request, territory, block_id):
    block = selectors.block_get(territory=territory, block_id=block_id)
    try:
        services.block_lift(actor=request.user, block=block)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The block of %(person)s is lifted.") % {
            "person": block.user})
    return redirect("moderation:block-list", territory_slug=territory.slug)


@territory_view("moderation.moderate")
@require_safe
def action_list(request, territory):
    """The moderation log, newest first, filtered by action and by who acted."""
    form = LogFilterForm(request.GET or None, kinds=ModerationAction.Kind.choices,
                         actors=selectors.action_actors(territory=territory))
    kind, actor = "", None
    if form.is_valid():
        kind, actor = form.cleaned_data["kind"], form.cleaned_data["actor"]
    page = Paginator(selectors.action_list(territory=territory, kind=kind, actor_id=actor),
                     50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "moderation/action_list.html", {
        "form": form, "page": page, "query": query.urlencode()})


@territory_view("moderation.change_settings")
def settings_update(request, territory):
    form = ThresholdForm(request.POST or None, initial={
        "report_threshold": selectors.report_threshold(territory=territory)})
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_set(actor=request.user, territory=territory,
                                   threshold=form.cleaned_data["report_threshold"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The moderation settings are saved."))
            return redirect("moderation:queue", territory_slug=territory.slug)
    return render(request, "moderation/settings_update.html", {"form": form})
