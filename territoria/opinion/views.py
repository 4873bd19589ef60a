"""Views of the opinion maps: parse, authorise, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core.decorators import territory_view
from territoria.opinion import exchange, selectors, services
from territoria.opinion.forms import (
    ConversationForm,
    DiagnosticItemForm,
    ImportForm,
    StatementForm,
)
from territoria.opinion.models import Conversation, Statement, Vote
from territoria.opinion.permissions import can_take_part_in

VOTES = {"agree": Vote.Value.AGREE, "disagree": Vote.Value.DISAGREE, "pass": Vote.Value.PASS}


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _detail_url(conversation: Conversation, anchor: str = "") -> str:
    url = reverse("opinion:conversation-detail", kwargs={
        "territory_slug": conversation.territory.slug, "conversation_id": conversation.pk})
    return f"{url}#{anchor}" if anchor else url


def _participant(request, conversation, *, create: bool = False):
    session_key = request.session.session_key or ""
    if create and not request.user.is_authenticated and not session_key:
        request.session.save()
        session_key = request.session.session_key
    return services.participant_for(conversation=conversation, user=request.user,
                                    session_key=session_key, create=create)


def _refuse_taking_part(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@territory_view("opinion.view_conversation")
@require_safe
def conversation_list(request, territory):
    return render(request, "opinion/conversation_list.html", {
        "conversations": selectors.conversation_list(territory=territory),
        "can_manage": request.user.has_perm("opinion.manage", territory),
    })


@territory_view("opinion.manage")
def conversation_create(request, territory):
    form = ConversationForm(request.POST or None, territory=territory, initial={
        "participation": Conversation.Participation.LOGGED_IN,
        "moderation": Conversation.Moderation.AFTER,
        "consultation": request.GET.get("consultation") or None})
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_create(actor=request.user, territory=territory,
                                                        **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The conversation is open."))
            return redirect(_detail_url(conversation))
    return render(request, "opinion/conversation_create.html", {"form": form})


@territory_view("opinion.manage")
def conversation_update(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    form = ConversationForm(request.POST or None, territory=territory, initial={
        "title": conversation.title, "description": conversation.description,
        "axis": conversation.axis, "participation": conversation.participation,
        "moderation": conversation.moderation, "consultation": conversation.consultation_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_update(actor=request.user, conversation=conversation,
                                         **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The conversation is saved."))
            return redirect(_detail_url(conversation))
    return render(request, "opinion/conversation_update.html", {
        "form": form, "conversation": conversation})


@territory_view("opinion.view_conversation")
@require_safe
def conversation_detail(request, territory, conversation_id):
    """The voting page: one statement at a time, and a form to add one."""
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    participant = _participant(request, conversation)
    can_take_part = can_take_part_in(request.user, conversation)
    return render(request, "opinion/conversation_detail.html", {
        "conversation": conversation,
        "statement": selectors.statement_next(conversation=conversation,
                                              participant=participant),
        "progress": selectors.participant_progress(conversation=conversation,
                                                   participant=participant),
        "counts": selectors.conversation_counts(conversation=conversation),
        "can_take_part": can_take_part,
        "statement_form": StatementForm(),
        "can_manage": request.user.has_perm("opinion.manage", territory),
        "pending": selectors.statement_list(conversation=conversation,
                                            status=Statement.Status.PENDING).count(),
    })


@territory_view("opinion.take_part")
@require_POST
def vote_cast(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    if not can_take_part_in(request.user, conversation):
        return _refuse_taking_part(request)
    value = VOTES.get(request.POST.get("vote", ""))
    statement_id = request.POST.get("statement", "")
    if value is None or not statement_id.isdigit():
        return _after_vote(request, conversation, _("Choose agree, disagree or pass."),
                           error=True)
    statement = selectors.statement_get(conversation=conversation,
                                        statement_id=int(statement_id))
    _participant(request, conversation, create=True)
    try:
        services.vote_cast(conversation=conversation, statement=statement, value=value,
                           user=request.user, session_key=request.session.session_key or "")
    except ValidationError as error:
        return _after_vote(request, conversation, _error_text(error), error=True)
    return _after_vote(request, conversation, {
        Vote.Value.AGREE: _("Your vote is recorded: agree."),
        Vote.Value.DISAGREE: _("Your vote is recorded: disagree."),
        Vote.Value.PASS: _("You passed this statement."),
    }[value])


def _after_vote(request, conversation, feedback: str, *, error: bool = False):
    """Back to the voting area: the next statement in place for htmx, else a redirect."""
    if not request.htmx:
        (messages.error if error else messages.success)(request, feedback)
        return redirect(_detail_url(conversation, "vote"))
    participant = _participant(request, conversation)
    return render(request, "opinion/conversation_detail.html#voting", {
        "conversation": conversation,
        "statement": selectors.statement_next(conversation=conversation,
                                              participant=participant),
        "progress": selectors.participant_progress(conversation=conversation,
                                                   participant=participant),
        "can_take_part": True, "feedback": feedback, "feedback_is_error": error,
    })


@territory_view("opinion.take_part")
@require_POST
def statement_submit(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    if not can_take_part_in(request.user, conversation):
        return _refuse_taking_part(request)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            statement = services.statement_submit(
                conversation=conversation, text=form.cleaned_data["text"],
                author=request.user if request.user.is_authenticated else None,
                by_team=request.user.has_perm("opinion.manage", territory),
                participant=_participant(request, conversation, create=True))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Thank you: your statement is published.")
                             if statement.status == Statement.Status.PUBLISHED else
                             _("Thank you: your statement will be published once a "
                               "moderator has read it."))
            return redirect(_detail_url(conversation, "vote"))
    # Shown again with the text typed, so that nothing is lost.
    participant = _participant(request, conversation)
    return render(request, "opinion/conversation_detail.html", {
        "conversation": conversation,
        "statement": selectors.statement_next(conversation=conversation,
                                              participant=participant),
        "progress": selectors.participant_progress(conversation=conversation,
                                                   participant=participant),
        "counts": selectors.conversation_counts(conversation=conversation),
        "can_take_part": True, "statement_form": form,
        "can_manage": request.user.has_perm("opinion.manage", territory),
    })


@territory_view("opinion.view_conversation")
@require_safe
def conversation_results(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    can_manage = request.user.has_perm("opinion.manage", territory)
    return render(request, "opinion/conversation_results.html", {
        "conversation": conversation,
        "results": selectors.results_get(conversation=conversation,
                                         participant=_participant(request, conversation)),
        "can_manage": can_manage,
        "diagnostic_form": DiagnosticItemForm(initial={"axis": conversation.axis,
                                                       "kind": "strength"})
        if can_manage else None,
        "proposal_of": (selectors.statement_proposals(conversation=conversation)
                        if can_manage and conversation.consultation_id else {}),
    })


@territory_view("opinion.manage")
@require_POST
def conversation_close(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    closed = request.POST.get("closed") != "0"
    services.conversation_close(actor=request.user, conversation=conversation, closed=closed)
    messages.success(request, _("The conversation is closed.") if closed
                     else _("The conversation is open again."))
    return redirect(_detail_url(conversation))


@territory_view("opinion.manage")
@require_safe
def statement_list(request, territory, conversation_id):
    """The moderation queue: statements awaiting moderation, then those set aside."""
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    return render(request, "opinion/statement_list.html", {
        "conversation": conversation,
        "pending": selectors.statement_list(conversation=conversation,
                                            status=Statement.Status.PENDING),
        "published": selectors.statement_list(conversation=conversation),
        "rejected": selectors.statement_list(conversation=conversation,
                                             status=Statement.Status.REJECTED),
    })


@territory_view("opinion.manage")
@require_POST
def statement_moderate(request, territory, conversation_id, statement_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    statement = selectors.statement_get(conversation=conversation, statement_id=statement_id)
    publish = request.POST.get("publish") == "1"
    services.statement_moderate(actor=request.user, statement=statement, publish=publish)
    messages.success(request, _("The statement is published.") if publish
                     else _("The statement is set aside."))
    return redirect("opinion:statement-list", territory_slug=territory.slug,
                    conversation_id=conversation.pk)


@territory_view("opinion.manage")
@require_POST
def result_recompute(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    services.result_recompute(conversation=conversation)
    messages.success(request, _("The map is being recomputed; reload the page in a few "
                                "seconds."))
    return redirect("opinion:conversation-results", territory_slug=territory.slug,
                    conversation_id=conversation.pk)


@territory_view("opinion.manage")
@require_POST
def statement_to_diagnostic(request, territory, conversation_id, statement_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    statement = selectors.statement_get(conversation=conversation, statement_id=statement_id)
    form = DiagnosticItemForm(request.POST)
    results_url = reverse("opinion:conversation-results", kwargs={
        "territory_slug": territory.slug, "conversation_id": conversation.pk})
    if not form.is_valid():
        messages.error(request, _("Choose the kind of item and its axis of life."))
        return redirect(results_url)
    share = selectors.statement_agree_share(statement=statement)
    try:
        item = services.statement_to_diagnostic(
            actor=request.user, statement=statement, kind=form.cleaned_data["kind"],
            axis=form.cleaned_data["axis"], agreed_share=share)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error) if isinstance(error, ValidationError)
                       else _("Only members of the territory add to its diagnostic."))
        return redirect(results_url)
    messages.success(request, _("The statement is on the diagnostic board."))
    return redirect(reverse("diagnostic:item-detail", kwargs={
        "territory_slug": territory.slug, "item_id": item.pk}))


@territory_view("opinion.manage")
@require_POST
def statement_to_proposal(request, territory, conversation_id, statement_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    statement = selectors.statement_get(conversation=conversation, statement_id=statement_id)
    results_url = reverse("opinion:conversation-results", kwargs={
        "territory_slug": territory.slug, "conversation_id": conversation.pk})
    shares = selectors.consensus_shares(conversation=conversation, statement=statement)
    if shares is None:
        messages.error(request, _("Only a consensus statement of the map becomes a proposal."))
        return redirect(results_url)
    try:
        proposal = services.statement_to_proposal(actor=request.user, statement=statement,
                                                  shares=shares)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error) if isinstance(error, ValidationError)
                       else _("Only the team turns statements into proposals."))
        return redirect(results_url)
    messages.success(request, _("The statement is a proposal of the consultation."))
    return redirect(reverse("agora:proposal-detail", kwargs={
        "territory_slug": territory.slug, "proposal_id": proposal.pk}))


@territory_view("opinion.view_conversation")
@require_safe
def conversation_export(request, territory, conversation_id):
    conversation = selectors.conversation_get(territory=territory,
                                              conversation_id=conversation_id)
    response = HttpResponse(exchange.conversation_export_zip(conversation=conversation),
                            content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="opinion-{territory.slug}-{conversation.pk}-polis.zip"')
    return response


@territory_view("opinion.manage")
def conversation_import(request, territory):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = exchange.conversation_import(
                actor=request.user, territory=territory, title=form.cleaned_data["title"],
                comments=form.cleaned_data["comments"], votes=form.cleaned_data["votes"])
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _(
                "Imported: %(statements)s statements, %(participants)s participants, "
                "%(votes)s votes. The conversation is closed to new votes until you "
                "reopen it.") % {"statements": report.statements,
                                 "participants": report.participants, "votes": report.votes})
            return redirect(_detail_url(report.conversation))
    return render(request, "opinion/conversation_import.html", {
        "form": form, "errors": errors}, status=400 if errors else 200)
