"""Views of the diagnostic board and report: parse, authorise, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core.axes import Axis
from territoria.core.decorators import territory_view
from territoria.diagnostic import selectors, services
from territoria.diagnostic.forms import ContributionForm, EvidenceForm, MergeForm
from territoria.diagnostic.models import DiagnosticItem


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _next(request, default: str) -> str:
    """Where to go back after a POST: the page that sent it, if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()) \
            and target.startswith("/"):
        return target
    return default


def _board_url(territory, item=None) -> str:
    url = reverse("diagnostic:board", kwargs={"territory_slug": territory.slug})
    return f"{url}#item-{item.pk}" if item else url


@territory_view("diagnostic.view_board")
@require_safe
def board(request, territory):
    axis = request.GET.get("axis", "")
    if axis and axis not in Axis.values:
        axis = ""
    can_manage = request.user.has_perm("diagnostic.manage", territory)
    axes = selectors.board_get(territory=territory, user=request.user, axis=axis)
    # The opinion maps held on each axis, shown beside the perceptions.
    from territoria.opinion.selectors import conversation_list

    for conversation in conversation_list(territory=territory).exclude(axis=""):
        for board in axes:
            if board.axis == conversation.axis:
                board.conversations.append(conversation)
    return render(request, "diagnostic/board.html", {
        "axes": axes,
        "axis_choices": Axis.choices, "axis": axis,
        "can_contribute": request.user.has_perm("diagnostic.contribute", territory),
        "can_support": request.user.has_perm("diagnostic.support", territory),
        "can_manage": can_manage,
        "pending": selectors.proposal_list(territory=territory).filter(
            status=DiagnosticItem.Status.PROPOSED).count() if can_manage else 0,
    })


@territory_view("diagnostic.contribute")
def item_contribute(request, territory):
    initial = {k: request.GET[k] for k in ("axis", "kind") if k in request.GET}
    form = ContributionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_contribute(author=request.user, territory=territory,
                                            **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # e.g. blocked by the moderators
                form.add_error(None, error.messages)
            else:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you: your contribution is on the board."))
            return redirect(_board_url(territory, item))
    return render(request, "diagnostic/item_contribute.html", {"form": form})


@territory_view("diagnostic.view_board")
def item_detail(request, territory, item_id):
    item = selectors.item_get(territory=territory, item_id=item_id)
    can_manage = request.user.has_perm("diagnostic.manage", territory)
    is_author = item.author_id is not None and item.author_id == request.user.pk
    if item.status == DiagnosticItem.Status.HIDDEN and not can_manage and not is_author:
        # Hidden after reports: readers see why in its place (the reason, or "pending
        # review"), not the content. Hidden by the team's own button: gone (404).
        from territoria.moderation.selectors import state_for
        from territoria.moderation.templatetags.moderation import notice_text

        notice = notice_text(state_for(item))
        if notice:
            return render(request, "moderation/content_hidden.html", {
                "notice": notice, "back_url": _board_url(territory)})
    # Its author still reads a contribution moderation hid (their notification leads here).
    if item.status not in (DiagnosticItem.Status.PUBLISHED, DiagnosticItem.Status.MERGED) \
            and not can_manage and not (item.status == DiagnosticItem.Status.HIDDEN
                                        and item.author_id == request.user.pk):
        raise Http404
    item = selectors.item_list(territory=territory, user=request.user,
                               statuses=[item.status]).get(pk=item.pk)
    context = {"item": item, "can_manage": can_manage,
               "can_support": request.user.has_perm("diagnostic.support", territory)}
    if can_manage:
        from territoria.indicators.models import Indicator

        context["merge_form"] = MergeForm(items=selectors.item_list(territory=territory)
                                          .exclude(pk=item.pk))
        context["evidence_form"] = EvidenceForm(indicators=Indicator.objects.order_by("name"))
    return render(request, "diagnostic/item_detail.html", context)


@territory_view("diagnostic.support")
@require_POST
def item_support(request, territory, item_id):
    item = selectors.item_get(territory=territory, item_id=item_id)
    try:
        supported = services.item_support(user=request.user, item=item,
                                          support=request.POST.get("support") != "0")
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You support this item.") if supported
                         else _("Your support is withdrawn."))
    return redirect(_next(request, _board_url(territory, item)))


def _manage(action):
    """A team action on one item: POST only, the item looked up in this territory."""

    @territory_view("diagnostic.manage")
    @require_POST
    def view(request, territory, item_id):
        item = selectors.item_get(territory=territory, item_id=item_id)
        try:
            done = action(request, territory, item)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("diagnostic:item-detail", territory_slug=territory.slug,
                            item_id=item.pk)
        messages.success(request, done)
        return redirect(_next(request, reverse(
            "diagnostic:item-detail",
            kwargs={"territory_slug": territory.slug, "item_id": item.pk})))

    return view


def _accept(request, territory, item):
    services.proposal_accept(actor=request.user, item=item)
    return _("The proposal is on the board.")


def _dismiss(request, territory, item):
    services.proposal_dismiss(actor=request.user, item=item)
    return _("The proposal is dismissed.")


def _hide(request, territory, item):
    hidden = request.POST.get("hidden") != "0"
    services.item_hide(actor=request.user, item=item, hidden=hidden)
    return _("The contribution is hidden.") if hidden else _("The contribution is shown again.")


def _merge(request, territory, item):
    form = MergeForm(request.POST, items=selectors.item_list(territory=territory)
                     .exclude(pk=item.pk))
    if not form.is_valid():
        raise ValidationError(_("Choose the item to merge into."))
    into = selectors.item_get(territory=territory, item_id=form.cleaned_data["into"])
    services.items_merge(actor=request.user, duplicate=item, into=into)
    return _("Merged into “%(title)s”.") % {"title": into.display_title}


def _add_evidence(request, territory, item):
    from territoria.indicators.models import Indicator

    form = EvidenceForm(request.POST, indicators=Indicator.objects.all())
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    indicator = (Indicator.objects.get(pk=form.cleaned_data["indicator"])
                 if form.cleaned_data.get("indicator") else None)
    services.evidence_add(actor=request.user, item=item, indicator=indicator,
                          title=form.cleaned_data.get("title", ""),
                          url=form.cleaned_data.get("url", ""))
    return _("The evidence is linked.")


proposal_accept = _manage(_accept)
proposal_dismiss = _manage(_dismiss)
item_hide = _manage(_hide)
item_merge = _manage(_merge)
evidence_add = _manage(_add_evidence)


@territory_view("diagnostic.manage")
@require_POST
def evidence_remove(request, territory, evidence_id):
    evidence = selectors.evidence_get(territory=territory, evidence_id=evidence_id)
    item_id = evidence.item_id
    services.evidence_remove(actor=request.user, evidence=evidence)
    messages.success(request, _("The evidence is removed."))
    return redirect("diagnostic:item-detail", territory_slug=territory.slug, item_id=item_id)


@territory_view("diagnostic.manage")
def proposal_list(request, territory):
    return render(request, "diagnostic/proposal_list.html", {
        "proposals": selectors.proposal_list(territory=territory),
        "hidden": selectors.hidden_list(territory=territory),
    })


@territory_view("diagnostic.manage")
@require_POST
def proposal_refresh(request, territory):
    summary = services.proposals_refresh(territory=territory)
    messages.success(request, summary.message())
    return redirect("diagnostic:proposal-list", territory_slug=territory.slug)


@territory_view("diagnostic.view_board")
def peers(request, territory):
    """The comparable areas: which ones, why, and (for the team) the choice of neighbours."""
    from territoria.indicators.comparison import peer_areas, peer_candidates

    can_manage = request.user.has_perm("diagnostic.manage", territory)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        codes = [] if "automatic" in request.POST else request.POST.getlist("codes")
        try:
            services.peers_choose(actor=request.user, territory=territory, codes=codes)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The comparable areas are saved. Recompute the "
                                        "proposals from the data to take them into account."))
            return redirect("diagnostic:peers", territory_slug=territory.slug)
    comparison = selectors.diagnostic_comparison(territory=territory)
    chosen = set(selectors.peer_selection(territory=territory) or [])
    return render(request, "diagnostic/peers.html", {
        "comparison": comparison,
        "peers": peer_areas(comparison.peer_level, comparison.peers.codes),
        "candidates": peer_candidates(territory) if can_manage else [],
        "chosen": chosen, "can_manage": can_manage,
    })


@territory_view("diagnostic.view_board")
@require_safe
def report(request, territory):
    from territoria.diagnostic.report import report_context

    context = report_context(territory=territory)
    context["latest_pdf"] = selectors.report_latest(territory=territory)
    context["can_manage"] = request.user.has_perm("diagnostic.manage", territory)
    return render(request, "diagnostic/report.html", context)


@territory_view("diagnostic.manage")
@require_POST
def report_generate(request, territory):
    job = services.report_request(actor=request.user, territory=territory)
    return redirect("core:job-detail", job_id=job.pk)


@territory_view("diagnostic.view_board")
def report_pdf(request, territory, report_id):
    report = selectors.report_get(territory=territory, report_id=report_id)
    if not report.pdf:
        raise Http404
    if report.territory_id != territory.pk:
        raise PermissionDenied
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                        filename=f"diagnostic-{territory.slug}.pdf")
