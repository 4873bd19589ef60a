"""Views of the Agorapolis: parse, authorise, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.agora import selectors, services
from territoria.core import exports
from territoria.agora.domain import lifecycle
from territoria.core.domain.ical import CalendarEvent, calendar
from territoria.agora.domain.markup import render as render_markup
from territoria.agora.forms import (
    AnswerForm,
    ArgumentForm,
    AttachmentForm,
    CoauthorForm,
    ConclusionForm,
    ConsultationCreateForm,
    ConsultationForm,
    DebateForm,
    EventForm,
    MergeForm,
    MinutesForm,
    PageForm,
    PhaseForm,
    ProposalForm,
    StatusForm,
)
from territoria.agora.models import Consultation, Event, Proposal, Registration
from territoria.agora.permissions import is_author
from territoria.comments.selectors import with_comment_count
from territoria.core.axes import Axis
from territoria.core.decorators import territory_view
from territoria.opinion.selectors import consultation_conversations

PAGE_SIZE = 20


def _messages_of(error) -> str:
    return " ".join(str(m) for m in getattr(error, "messages", [str(error)]))


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _login_or_403(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _consultation(request, territory, consultation_id) -> Consultation:
    return selectors.consultation_get(territory=territory, consultation_id=consultation_id,
                                      user=request.user)


def _proposal(request, territory, proposal_id) -> Proposal:
    return selectors.proposal_get(territory=territory, proposal_id=proposal_id,
                                  user=request.user)


def _manage(request, territory) -> bool:
    return request.user.has_perm("agora.manage", territory)


# The Agorapolis home and consultations --------------------------------------------------------

@territory_view("agora.view")
@require_safe
def agora_home(request, territory):
    return render(request, "agora/agora_home.html", {
        "consultations": selectors.consultation_list(territory=territory, user=request.user),
        "pages": selectors.page_list(territory=territory, user=request.user)[:6],
        "events": selectors.event_list(territory=territory, upcoming=True)[:5],
        "can_manage": _manage(request, territory),
    })


@territory_view("agora.manage")
def consultation_create(request, territory):
    form = ConsultationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(actor=request.user, territory=territory,
                                                        **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The consultation is created. Set its phases."))
            return redirect("agora:consultation-phases", territory.slug, consultation.pk)
    return render(request, "agora/consultation_form.html", {"form": form})


@territory_view("agora.manage")
def consultation_update(request, territory, consultation_id):
    consultation = _consultation(request, territory, consultation_id)
    fields = ["title", "description", "support_limit", "answer_threshold",
              "requires_verification", "is_published"]
    form = ConsultationForm(request.POST or None,
                            initial={f: getattr(consultation, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(actor=request.user, consultation=consultation,
                                         **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The consultation is saved."))
            return redirect("agora:consultation-detail", territory.slug, consultation.pk)
    return render(request, "agora/consultation_form.html", {"form": form,
                                                            "consultation": consultation})


@territory_view("agora.view")
@require_safe
def consultation_detail(request, territory, consultation_id):
    """The consultation: its phases and what is open now, its proposals (20 a page, most
    supported first, by axis), debates and events."""
    consultation = _consultation(request, territory, consultation_id)
    axis = request.GET.get("axis", "")
    axis = axis if axis in Axis.values else ""
    sort = request.GET.get("sort", "supports")
    sort = sort if sort in selectors.SORTS else "supports"
    status = request.GET.get("status", "")
    status = status if status in selectors.PUBLIC_STATUSES else ""
    proposals = with_comment_count(selectors.proposal_list(
        consultation=consultation, axis=axis, status=status, sort=sort))
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    supported = selectors.supported_ids(user=request.user, proposal_ids=[p.pk for p in page])
    query = "&".join(f"{k}={v}" for k, v in (("axis", axis), ("status", status),
                                             ("sort", sort)) if v)
    context = {
        "consultation": consultation, "page": page, "supported": supported, "query": query,
        "axis": axis, "sort": sort, "status": status,
        "axes": Axis.choices, "statuses": [(s, l) for s, l in Proposal.Status.choices
                                           if s in selectors.PUBLIC_STATUSES],
        "state": selectors.phase_state(consultation=consultation),
        "can_submit": request.user.has_perm("agora.submit_proposal", consultation),
        "support_open": (consultation.is_published and request.user.has_perm(
            "agora.take_part", territory) and services.phase_allows_now(
            consultation, services.Action.SUPPORT)),
        "can_manage": _manage(request, territory),
    }
    if request.htmx and request.htmx.target == "proposal-list":
        return render(request, "agora/consultation_detail.html#proposals", context)
    context.update({
        "drafts": selectors.proposal_drafts(consultation=consultation, user=request.user),
        "debates": selectors.debate_list(consultation=consultation),
        "events": selectors.event_list(territory=territory, consultation=consultation),
        "conversations": consultation_conversations(consultation=consultation),
        "supports_used": selectors.supports_used(user=request.user, consultation=consultation),
        "awaiting": (selectors.proposals_awaiting_answer(consultation=consultation)
                     if context["can_manage"] else None),
    })
    return render(request, "agora/consultation_detail.html", context)


@territory_view("agora.manage")
def consultation_phases(request, territory, consultation_id):
    """The team's page of a consultation's phases: add, re-date, remove."""
    consultation = _consultation(request, territory, consultation_id)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_save(actor=request.user, consultation=consultation,
                                **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The phase is added."))
            return redirect("agora:consultation-phases", territory.slug, consultation.pk)
    return render(request, "agora/consultation_phases.html", {
        "consultation": consultation, "form": form,
        "state": selectors.phase_state(consultation=consultation)})


@territory_view("agora.manage")
def phase_update(request, territory, consultation_id, phase_id):
    consultation = _consultation(request, territory, consultation_id)
    phase = selectors.phase_get(consultation=consultation, phase_id=phase_id)
    fields = ["kind", "title", "description", "starts_at", "ends_at", "allows_submit",
              "allows_comment", "allows_support", "allows_vote"]
    initial = {f: getattr(phase, f) for f in fields}
    for f in ("starts_at", "ends_at"):
        initial[f] = timezone.localtime(initial[f])
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and "delete" in request.POST:
        services.phase_delete(actor=request.user, phase=phase)
        messages.success(request, _("The phase is removed."))
        return redirect("agora:consultation-phases", territory.slug, consultation.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_save(actor=request.user, consultation=consultation, phase=phase,
                                **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The phase is saved."))
            return redirect("agora:consultation-phases", territory.slug, consultation.pk)
    return render(request, "agora/phase_form.html", {"consultation": consultation,
                                                     "phase": phase, "form": form})


# Proposals -------------------------------------------------------------------------------------

@territory_view("agora.take_part")
def proposal_create(request, territory, consultation_id):
    consultation = _consultation(request, territory, consultation_id)
    if not request.user.has_perm("agora.submit_proposal", consultation):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        messages.error(request, services.phase_refusal(consultation, services.Action.SUBMIT))
        return redirect("agora:consultation-detail", territory.slug, consultation.pk)
    form = ProposalForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=request.user, consultation=consultation,
                                                publish="publish" in request.POST,
                                                **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, _messages_of(error))
        else:
            messages.success(request, _("Your proposal is published.")
                             if proposal.is_public else
                             _("Your draft is saved: publish it when it is ready."))
            return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    return render(request, "agora/proposal_form.html", {"consultation": consultation,
                                                        "form": form})


@territory_view("agora.view")
@require_safe
def proposal_detail(request, territory, proposal_id):
    proposal = _proposal(request, territory, proposal_id)
    consultation = proposal.consultation
    user = request.user
    can_manage = _manage(request, territory)
    return render(request, "agora/proposal_detail.html", {
        "proposal": proposal, "consultation": consultation,
        "answer": selectors.answer_visible(proposal=proposal, user=user),
        "attachments": proposal.attachments.all(),
        "coauthors": proposal.coauthors.select_related("user").order_by("pk"),
        "is_author": is_author(user, proposal),
        "invited": (proposal.coauthors.filter(user=user, accepted_at__isnull=True).exists()
                    if user.is_authenticated else False),
        "supported": bool(selectors.supported_ids(user=user, proposal_ids=[proposal.pk])),
        "support_refusal": services.support_refusal(user=user, proposal=proposal),
        "state": selectors.phase_state(consultation=consultation),
        "can_change": user.has_perm("agora.change_proposal", proposal),
        "can_publish": user.has_perm("agora.publish_proposal", proposal),
        "can_withdraw": user.has_perm("agora.withdraw_proposal", proposal),
        "can_invite": user.has_perm("agora.invite_coauthor", proposal),
        "can_manage": can_manage,
        "status_targets": [(s.value, dict(Proposal.Status.choices)[s.value])
                           for s in lifecycle.team_targets(proposal.status)],
        "answer_form": AnswerForm(initial=_answer_initial(proposal)) if can_manage else None,
        "merge_form": MergeForm() if can_manage else None,
        "coauthor_form": CoauthorForm(), "attachment_form": AttachmentForm(),
    })


def _answer_initial(proposal) -> dict:
    try:
        answer = proposal.answer
    except Proposal.answer.RelatedObjectDoesNotExist:
        return {}
    return {"text": answer.text, "estimated_cost": answer.estimated_cost,
            "publish_at": timezone.localtime(answer.publish_at)}


@territory_view("agora.take_part")
def proposal_update(request, territory, proposal_id):
    proposal = _proposal(request, territory, proposal_id)
    if not request.user.has_perm("agora.change_proposal", proposal):
        return _login_or_403(request)
    form = ProposalForm(request.POST or None, territory=territory, initial={
        "title": proposal.title, "body": proposal.body, "axis": proposal.axis,
        "commune": proposal.commune_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(actor=request.user, proposal=proposal,
                                     **form.cleaned_data)
            if "publish" in request.POST:
                services.proposal_publish(actor=request.user, proposal=proposal)
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, _messages_of(error))
        else:
            messages.success(request, _("Your proposal is published.")
                             if proposal.is_public else _("Your draft is saved."))
            return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    return render(request, "agora/proposal_form.html", {
        "consultation": proposal.consultation, "proposal": proposal, "form": form})


def _proposal_action(request, territory, proposal_id, action, success: str):
    proposal = _proposal(request, territory, proposal_id)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agora:proposal-detail",
                                         args=[territory.slug, proposal.pk]))
    try:
        action(proposal)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _messages_of(error) or _("This action is not allowed."))
    else:
        messages.success(request, success)
    return redirect("agora:proposal-detail", territory.slug, proposal.pk)


@territory_view("agora.take_part")
@require_POST
def proposal_publish(request, territory, proposal_id):
    return _proposal_action(request, territory, proposal_id, lambda p: services.proposal_publish(
        actor=request.user, proposal=p), _("Your proposal is published."))


@territory_view("agora.take_part")
@require_POST
def proposal_withdraw(request, territory, proposal_id):
    return _proposal_action(request, territory, proposal_id, lambda p: services.proposal_withdraw(
        actor=request.user, proposal=p), _("Your proposal is withdrawn."))


@territory_view("agora.take_part")
@require_POST
def proposal_support(request, territory, proposal_id):
    """Support (or, with ``undo``, withdraw one's support). Idempotent: a second click
    changes nothing. With htmx, answers the button's fragment."""
    proposal = selectors.proposal_for_support(territory=territory, proposal_id=proposal_id)
    if not request.user.has_perm("agora.view_proposal", proposal):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agora:proposal-detail",
                                         args=[territory.slug, proposal.pk]))
    undo = request.POST.get("undo") == "1"
    feedback, is_error, supported = "", False, not undo
    try:
        if undo:
            services.proposal_unsupport(user=request.user, proposal=proposal)
            feedback = _("Your support is withdrawn.")
        else:
            services.proposal_support(user=request.user, proposal=proposal)
            feedback = _("Thank you: your support is recorded.")
    except ValidationError as error:
        feedback, is_error = _messages_of(error), True
    if not request.htmx:
        (messages.error if is_error else messages.success)(request, feedback)
        back = request.POST.get("next", "")
        if back.startswith("/") and not back.startswith("//"):
            return redirect(back)
        return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    if is_error:  # what the person sees is the state in the database, not their click
        proposal.refresh_from_db(fields=["support_count"])
        supported = bool(selectors.supported_ids(user=request.user,
                                                 proposal_ids=[proposal.pk]))
    return render(request, "agora/_support.html", {
        "proposal": proposal, "territory": territory, "feedback": feedback,
        "feedback_is_error": is_error, "supported": supported,
        "support_refusal": services.support_refusal(user=request.user, proposal=proposal)})


@territory_view("agora.manage")
@require_POST
def proposal_status(request, territory, proposal_id):
    form = StatusForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return _proposal_action(request, territory, proposal_id,
                            lambda p: services.proposal_set_status(
                                actor=request.user, proposal=p, status=status),
                            _("The status of the proposal is changed."))


@territory_view("agora.manage")
@require_POST
def proposal_answer(request, territory, proposal_id):
    proposal = _proposal(request, territory, proposal_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_save(actor=request.user, proposal=proposal,
                                          **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The official answer is published.")
                             if answer.is_published else
                             _("The official answer is saved; it will be public from the "
                               "chosen date."))
            return redirect("agora:proposal-detail", territory.slug, proposal.pk)
    return render(request, "agora/answer_form.html", {"proposal": proposal, "form": form})


@territory_view("agora.manage")
@require_POST
def proposal_merge(request, territory, proposal_id):
    duplicate = _proposal(request, territory, proposal_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the proposal to keep."))
        return redirect("agora:proposal-detail", territory.slug, duplicate.pk)
    kept = Proposal.objects.filter(territory=territory, pk=form.cleaned_data["kept"]).first()
    if kept is None:
        messages.error(request, _("There is no proposal number %(n)s in this territory.")
                       % {"n": form.cleaned_data["kept"]})
        return redirect("agora:proposal-detail", territory.slug, duplicate.pk)
    try:
        services.proposals_merge(actor=request.user, kept=kept, duplicate=duplicate)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect("agora:proposal-detail", territory.slug, duplicate.pk)
    messages.success(request, _("The proposals are merged: the supports are on this one."))
    return redirect("agora:proposal-detail", territory.slug, kept.pk)


@territory_view("agora.take_part")
@require_POST
def coauthor_invite(request, territory, proposal_id):
    proposal = _proposal(request, territory, proposal_id)
    form = CoauthorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
    else:
        try:
            services.coauthor_invite(actor=request.user, proposal=proposal,
                                     email=form.cleaned_data["email"])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, _("The invitation is sent: the person sees it on the "
                                        "proposal and accepts it there."))
    return redirect("agora:proposal-detail", territory.slug, proposal.pk)


@territory_view("agora.take_part")
@require_POST
def coauthor_accept(request, territory, proposal_id):
    return _proposal_action(request, territory, proposal_id, lambda p: services.coauthor_accept(
        user=request.user, proposal=p), _("You are now a co-author of this proposal."))


@territory_view("agora.take_part")
@require_POST
def attachment_add(request, territory, proposal_id):
    proposal = _proposal(request, territory, proposal_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
    else:
        try:
            services.attachment_add(actor=request.user, proposal=proposal,
                                    upload=form.cleaned_data["file"])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, _("The file is added."))
    return redirect("agora:proposal-detail", territory.slug, proposal.pk)


@territory_view("agora.take_part")
@require_POST
def attachment_delete(request, territory, proposal_id, attachment_id):
    proposal = _proposal(request, territory, proposal_id)
    attachment = selectors.attachment_get(proposal=proposal, attachment_id=attachment_id)
    return _proposal_action(request, territory, proposal_id, lambda p: services.attachment_delete(
        actor=request.user, attachment=attachment), _("The file is removed."))


@territory_view("agora.view")
@require_safe
def attachment_download(request, territory, proposal_id, attachment_id):
    """A file of a proposal, to whoever may read the proposal (the storage is private)."""
    proposal = _proposal(request, territory, proposal_id)
    attachment = selectors.attachment_get(proposal=proposal, attachment_id=attachment_id)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                            as_attachment=not attachment.is_image, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Debates ---------------------------------------------------------------------------------------

@territory_view("agora.manage")
def debate_create(request, territory, consultation_id):
    consultation = _consultation(request, territory, consultation_id)
    form = DebateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            debate = services.debate_create(actor=request.user, consultation=consultation,
                                            **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The debate is open."))
            return redirect("agora:debate-detail", territory.slug, debate.pk)
    return render(request, "agora/debate_form.html", {"consultation": consultation,
                                                      "form": form})


def _debate_page(request, territory, debate, *, argument_form=None, conclusion_form=None,
                 status=200):
    arguments = list(debate.arguments.select_related("author"))
    return render(request, "agora/debate_detail.html", {
        "debate": debate, "consultation": debate.consultation,
        "for_arguments": [a for a in arguments if a.side == "for"],
        "against_arguments": [a for a in arguments if a.side == "against"],
        "state": selectors.phase_state(consultation=debate.consultation),
        "can_argue": request.user.has_perm("agora.argue", debate),
        "argument_form": argument_form or ArgumentForm(),
        "conclusion_form": conclusion_form or ConclusionForm(
            initial={"conclusion": debate.conclusion}),
        "can_manage": _manage(request, territory),
    }, status=status)


@territory_view("agora.view")
@require_safe
def debate_detail(request, territory, debate_id):
    debate = selectors.debate_get(territory=territory, debate_id=debate_id, user=request.user)
    return _debate_page(request, territory, debate)


@territory_view("agora.take_part")
@require_POST
def argument_add(request, territory, debate_id):
    debate = selectors.debate_get(territory=territory, debate_id=debate_id, user=request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agora:debate-detail", args=[territory.slug,
                                                                      debate.pk]))
    form = ArgumentForm(request.POST)
    if form.is_valid():
        try:
            services.argument_add(actor=request.user, debate=debate, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your argument is added."))
            return redirect("agora:debate-detail", territory.slug, debate.pk)
    return _debate_page(request, territory, debate, argument_form=form)


@territory_view("agora.manage")
@require_POST
def debate_close(request, territory, debate_id):
    debate = selectors.debate_get(territory=territory, debate_id=debate_id, user=request.user)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.debate_close(actor=request.user, debate=debate, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The debate is closed with its conclusion."))
            return redirect("agora:debate-detail", territory.slug, debate.pk)
    return _debate_page(request, territory, debate, conclusion_form=form)


# "Understand" pages ----------------------------------------------------------------------------

@territory_view("agora.view")
@require_safe
def page_list(request, territory):
    return render(request, "agora/page_list.html", {
        "pages": selectors.page_list(territory=territory, user=request.user),
        "can_manage": _manage(request, territory)})


def _page_blocks(territory, page) -> list[dict]:
    """The page's blocks, each chart resolved to the territory's live comparison."""
    from territoria.indicators.charts import comparison_chart
    from territoria.indicators.comparison import territory_comparison
    from territoria.indicators.models import Indicator

    blocks = render_markup(page.body)
    codes = [b.value for b in blocks if b.kind == "chart"]
    charts = {}
    if codes:
        indicators = list(Indicator.objects.filter(code__in=codes))
        if indicators:
            comparison = territory_comparison(territory=territory, indicators=indicators)
            for row in comparison.rows:
                charts[row.indicator.code] = (comparison_chart(row, territory_name=territory.name)
                                              if row.period is not None else row.indicator)
    out = []
    for block in blocks:
        if block.kind == "html":
            out.append({"html": block.value})
        else:
            chart = charts.get(block.value)
            out.append({"chart": chart if chart is not None and hasattr(chart, "bars") else None,
                        "indicator": chart if chart is not None and not hasattr(chart, "bars")
                        else None, "code": block.value})
    return out


@territory_view("agora.view")
@require_safe
def page_detail(request, territory, slug):
    page = selectors.page_get(territory=territory, slug=slug, user=request.user)
    return render(request, "agora/page_detail.html", {
        "page": page, "blocks": _page_blocks(territory, page),
        "can_manage": _manage(request, territory)})


@territory_view("agora.manage")
def page_edit(request, territory, slug=None):
    page = selectors.page_get(territory=territory, slug=slug, user=request.user) if slug else None
    initial = ({f: getattr(page, f) for f in ("title", "slug", "summary", "axis", "body",
                                               "is_published")} if page else {})
    form = PageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_save(actor=request.user, territory=territory, page=page,
                                      **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The page is saved."))
            return redirect("agora:page-detail", territory.slug, page.slug)
    return render(request, "agora/page_form.html", {"form": form, "page": page})


# Events ----------------------------------------------------------------------------------------

@territory_view("agora.view")
@require_safe
def event_list(request, territory):
    return render(request, "agora/event_list.html", {
        "upcoming": selectors.event_list(territory=territory, upcoming=True),
        "past": selectors.event_list(territory=territory, upcoming=False)[:30],
        "can_manage": _manage(request, territory)})


def _event_form_initial(event) -> dict:
    if event is None:
        return {"format": Event.Format.IN_PERSON, "registration_open": True}
    fields = ["title", "description", "format", "place", "online_url", "capacity",
              "registration_open", "agenda"]
    initial = {f: getattr(event, f) for f in fields}
    initial.update(starts_at=timezone.localtime(event.starts_at),
                   ends_at=timezone.localtime(event.ends_at),
                   consultation=event.consultation_id)
    return initial


@territory_view("agora.manage")
def event_edit(request, territory, event_id=None):
    event = selectors.event_get(territory=territory, event_id=event_id) if event_id else None
    form = EventForm(request.POST or None, territory=territory,
                     initial=_event_form_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(actor=request.user, territory=territory, event=event,
                                        **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("agora:event-detail", territory.slug, event.pk)
    return render(request, "agora/event_form.html", {"form": form, "event": event})


def _event_page(request, territory, event, *, minutes_form=None, status=200):
    registration = selectors.registration_of(event=event, user=request.user)
    can_manage = _manage(request, territory)
    return render(request, "agora/event_detail.html", {
        "event": event, "registration": registration,
        "position": (selectors.waiting_position(registration=registration)
                     if registration and registration.status == Registration.Status.WAITING
                     else None),
        "is_over": event.ends_at <= timezone.now(),
        "can_manage": can_manage,
        "registrations": selectors.registrations_for_team(event=event) if can_manage else None,
        "minutes_form": minutes_form or MinutesForm(initial={"minutes": event.minutes}),
    }, status=status)


@territory_view("agora.view")
@require_safe
def event_detail(request, territory, event_id):
    event = selectors.event_get(territory=territory, event_id=event_id)
    return _event_page(request, territory, event)


@territory_view("agora.take_part")
@require_POST
def event_register(request, territory, event_id):
    event = selectors.event_get(territory=territory, event_id=event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("agora:event-detail", args=[territory.slug, event.pk]))
    try:
        if request.POST.get("cancel") == "1":
            services.registration_cancel(user=request.user, event=event)
            messages.success(request, _("Your registration is cancelled."))
        else:
            registration = services.registration_create(user=request.user, event=event)
            messages.success(request, _("You are registered.")
                             if registration.status == Registration.Status.CONFIRMED else
                             _("The event is full: you are on the waiting list, and will be "
                               "registered if a seat frees up."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _messages_of(error))
    return redirect("agora:event-detail", territory.slug, event.pk)


@territory_view("agora.manage")
@require_POST
def event_minutes(request, territory, event_id):
    event = selectors.event_get(territory=territory, event_id=event_id)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_publish(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The minutes are published."))
            return redirect("agora:event-detail", territory.slug, event.pk)
    return _event_page(request, territory, event, minutes_form=form)


def _calendar_event(request, event) -> CalendarEvent:
    where = event.place if event.format == Event.Format.IN_PERSON else event.online_url
    return CalendarEvent(
        uid=f"event-{event.pk}@{request.get_host().split(':')[0] or 'territoria'}",
        starts_at=event.starts_at, ends_at=event.ends_at, summary=event.title,
        description=event.description, location=where,
        url=request.build_absolute_uri(reverse("agora:event-detail",
                                               args=[event.territory.slug, event.pk])))


def _ics(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@territory_view("agora.view")
@require_safe
def event_ical(request, territory, event_id):
    event = selectors.event_get(territory=territory, event_id=event_id)
    event.territory = territory
    return _ics(calendar([_calendar_event(request, event)], name=event.title,
                         now=timezone.now()), f"event-{event.pk}")


@territory_view("agora.view")
@require_safe
def consultation_ical(request, territory, consultation_id):
    """The consultation's calendar: its events and its phases."""
    consultation = _consultation(request, territory, consultation_id)
    host = request.get_host().split(":")[0] or "territoria"
    items = []
    for event in selectors.event_list(territory=territory, consultation=consultation):
        event.territory = territory
        items.append(_calendar_event(request, event))
    url = request.build_absolute_uri(reverse("agora:consultation-detail",
                                             args=[territory.slug, consultation.pk]))
    for phase in consultation.phases.all():
        items.append(CalendarEvent(
            uid=f"phase-{phase.pk}@{host}", starts_at=phase.starts_at, ends_at=phase.ends_at,
            summary=f"{consultation.title} — {phase.name}", description=phase.description,
            url=url))
    return _ics(calendar(items, name=consultation.title, now=timezone.now()),
                f"consultation-{consultation.pk}")


# Open data -------------------------------------------------------------------------------------

def _format(fmt: str) -> str:
    if fmt not in ("csv", "json"):
        raise Http404
    return fmt


@territory_view("agora.view")
@require_safe
def consultation_export(request, territory, fmt):
    fmt = _format(fmt)
    queryset = Consultation.objects.filter(territory=territory, is_published=True).order_by("pk")
    return exports.stream(fmt=fmt, filename=f"{territory.slug}-consultations",
                          queryset=queryset,
                          header=["id", "title", "description", "support_limit",
                                  "answer_threshold", "created_at"],
                          fields=["pk", "title", "description", "support_limit",
                                  "answer_threshold", "created_at"])


@territory_view("agora.view")
@require_safe
def proposal_export(request, territory, consultation_id, fmt):
    fmt = _format(fmt)
    consultation = _consultation(request, territory, consultation_id)
    queryset = (Proposal.objects.filter(consultation=consultation, is_hidden=False,
                                        status__in=selectors.PUBLIC_STATUSES)
                .order_by("pk"))
    return exports.stream(
        fmt=fmt, filename=f"{territory.slug}-consultation-{consultation.pk}-proposals",
        queryset=queryset,
        header=["id", "title", "body", "status", "axis", "commune_insee_code", "supports",
                "merged_into", "published_at", "answer", "estimated_cost"],
        fields=["pk", "title", "body", "status", "axis", "commune__insee_code",
                "support_count", "merged_into_id", "published_at", "answer__text",
                "answer__estimated_cost", "answer__publish_at"],
        convert=_hide_unpublished_answer)


def _hide_unpublished_answer(row):
    *head, text, cost, publish_at = row
    if publish_at is None or publish_at > timezone.now():
        text, cost = None, None
    return [*head, text, cost]


@territory_view("agora.view")
@require_safe
def debate_export(request, territory, fmt):
    fmt = _format(fmt)
    from territoria.agora.models import Debate

    queryset = Debate.objects.filter(territory=territory,
                                     consultation__is_published=True).order_by("pk")
    return exports.stream(fmt=fmt, filename=f"{territory.slug}-debates", queryset=queryset,
                          header=["id", "consultation", "question", "description",
                                  "closed_at", "conclusion"],
                          fields=["pk", "consultation_id", "question", "description",
                                  "closed_at", "conclusion"])


@territory_view("agora.view")
@require_safe
def event_export(request, territory, fmt):
    fmt = _format(fmt)
    queryset = Event.objects.filter(territory=territory).order_by("starts_at", "pk")
    return exports.stream(fmt=fmt, filename=f"{territory.slug}-events", queryset=queryset,
                          header=["id", "title", "format", "starts_at", "ends_at", "place",
                                  "online_url", "capacity", "consultation"],
                          fields=["pk", "title", "format", "starts_at", "ends_at", "place",
                                  "online_url", "capacity", "consultation_id"])
