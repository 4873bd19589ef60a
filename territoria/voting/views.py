"""Views of votes: parse, authorise, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core.decorators import territory_view
from territoria.voting import charts, selectors, services
from territoria.voting.forms import VoteForm
from territoria.voting.models import Vote
from territoria.voting.permissions import can_take_part, may_vote_in


def _detail_url(vote: Vote, anchor: str = "") -> str:
    url = reverse("voting:vote-detail", kwargs={"territory_slug": vote.territory.slug,
                                                "vote_id": vote.pk})
    return f"{url}#{anchor}" if anchor else url


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _can_manage(request, territory) -> bool:
    return request.user.has_perm("voting.manage", territory)


def _get(request, territory, vote_id) -> Vote:
    """Drafts are the team's: others get a 404, as for another territory's vote."""
    return selectors.vote_get(territory=territory, vote_id=vote_id,
                              include_drafts=_can_manage(request, territory))


@territory_view("voting.view_vote")
@require_safe
def vote_list(request, territory):
    can_manage = _can_manage(request, territory)
    return render(request, "voting/vote_list.html", {
        "votes": selectors.vote_list(territory=territory, include_drafts=can_manage),
        "can_manage": can_manage,
    })


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    for key in ("opens_at", "closes_at"):
        if timezone.is_naive(data[key]):
            data[key] = timezone.make_aware(data[key])
    return data


@territory_view("voting.manage")
def vote_create(request, territory):
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = VoteForm(request.POST or None, initial={
        "method": Vote.Method.MAJORITY_JUDGMENT,
        "results_visible": Vote.ResultsVisible.AFTER_CLOSE,
        "opens_at": now, "closes_at": now + timezone.timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.vote_create(actor=request.user, territory=territory, draft=True,
                                        **_form_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The vote is saved as a draft. Check it, then open it."))
            return redirect(_detail_url(vote))
    return render(request, "voting/vote_create.html", {"form": form})


@territory_view("voting.manage")
def vote_update(request, territory, vote_id):
    vote = _get(request, territory, vote_id)
    form = VoteForm(request.POST or None, initial={
        "title": vote.title, "description": vote.description, "method": vote.method,
        "options": VoteForm.options_text(vote),
        "opens_at": timezone.localtime(vote.opens_at),
        "closes_at": timezone.localtime(vote.closes_at),
        "requires_verification": vote.requires_verification,
        "results_visible": vote.results_visible})
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_update(actor=request.user, vote=vote, scale=vote.scale,
                                 **_form_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The vote is saved."))
            return redirect(_detail_url(vote))
    return render(request, "voting/vote_update.html", {"form": form, "vote": vote})


@territory_view("voting.manage")
@require_POST
def vote_open(request, territory, vote_id):
    vote = _get(request, territory, vote_id)
    try:
        vote = services.vote_open(actor=request.user, vote=vote)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The vote is published.") if not vote.is_open
                         else _("The vote is open."))
    return redirect(_detail_url(vote))


@territory_view("voting.manage")
@require_POST
def vote_close(request, territory, vote_id):
    vote = _get(request, territory, vote_id)
    try:
        services.vote_close(actor=request.user, vote=vote)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The vote is closed; its results are published."))
    return redirect(_detail_url(vote))


def _detail(request, territory, vote, *, chosen=None, missing=(), error=""):
    """The vote's page; after a refused ballot, the grades chosen and the error (the page is
    shown again, as a form would be, with nothing lost)."""
    participation = selectors.participation_get(vote=vote, user=request.user)
    options = list(vote.options.all())
    missing_ids = {option.pk for option in missing}
    chosen = chosen or {}
    for option in options:
        option.chosen = chosen.get(option.pk)
        option.is_missing = option.pk in missing_ids
    scale = vote.grade_scale
    grades = [(grade, _(scale.label(grade))) for grade in scale.grades_best_first]
    return render(request, "voting/vote_detail.html", {
        "vote": vote, "options": options, "grades": grades,
        "participation": participation,
        "can_take_part": can_take_part(request.user, territory),
        "may_vote": may_vote_in(request.user, vote),
        "verification_help": _(services.VERIFICATION_HELP),
        "can_manage": _can_manage(request, territory),
        "voters": selectors.voter_count(vote=vote),
        "results_visible": selectors.results_are_visible(vote=vote),
        "error": error, "missing": missing,
    })


@territory_view("voting.view_vote")
@require_safe
def vote_detail(request, territory, vote_id):
    """The vote, and its ballot for whoever may vote and has not voted yet."""
    return _detail(request, territory, _get(request, territory, vote_id))


def _posted_grades(request, vote) -> dict:
    grades = {}
    for key, value in request.POST.items():
        if key.startswith("option-") and key[7:].isdigit():
            grades[int(key[7:])] = value
    if vote.method == Vote.Method.APPROVAL:
        approved = {v for v in request.POST.getlist("approve") if v.isdigit()}
        grades = {int(option_id): 1 for option_id in approved}
    return grades


@territory_view("voting.take_part")
@require_POST
def ballot_cast(request, territory, vote_id):
    vote = _get(request, territory, vote_id)
    grades = _posted_grades(request, vote)
    try:
        services.ballot_cast(user=request.user, vote=vote, grades=grades)
    except services.IncompleteBallot as error:
        kept = {k: int(v) for k, v in grades.items() if str(v).isascii() and str(v).isdigit()}
        return _detail(request, territory, vote, chosen=kept, missing=error.missing,
                       error=error.messages[0])
    except ValidationError as error:
        kept = {k: int(v) for k, v in grades.items() if str(v).isascii() and str(v).isdigit()}
        return _detail(request, territory, vote, chosen=kept, error=" ".join(error.messages))
    messages.success(request, _("Thank you: your ballot has been recorded."))
    return redirect(_detail_url(vote, "ballot"))


@territory_view("voting.view_vote")
@require_safe
def vote_results(request, territory, vote_id):
    vote = _get(request, territory, vote_id)
    if not selectors.results_are_visible(vote=vote):
        return render(request, "voting/vote_results.html", {
            "vote": vote, "hidden": True, "voters": selectors.voter_count(vote=vote)})
    results = selectors.vote_results(vote=vote)
    return render(request, "voting/vote_results.html", {
        "vote": vote, "results": results, "voters": results.voters,
        "profiles": charts.merit_profiles(results) if vote.method == Vote.Method.MAJORITY_JUDGMENT else None,
        "approval_chart": charts.approval_chart(results) if vote.method == Vote.Method.APPROVAL else None,
    })
