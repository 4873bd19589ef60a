"""Writes of votes: create, edit, open, close, and cast a secret ballot.

Every service is keyword-only and runs in one transaction. Other apps put their own objects
to a vote through ``vote_create`` with ``OptionSpec.subject_key`` (an opaque string such as
``"strategy.orientation:12"``) and read the outcome with ``selectors.vote_results``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from territoria.core.models import Territory
from territoria.voting.domain.scales import SCALES
from territoria.voting.models import Ballot, BallotGrade, Option, Participation, Vote
from territoria.voting.permissions import can_take_part, may_vote_in

MIN_OPTIONS = 2
MAX_OPTIONS = 50
TITLE_MAX = 200


@dataclass(frozen=True)
class OptionSpec:
    """An option to put to a vote; ``subject_key`` links it to the caller's own object."""

    title: str
    description: str = ""
    subject_key: str = ""


class IncompleteBallot(ValidationError):
    """A ballot that leaves options ungraded; ``missing`` lists them, in the vote's order."""

    def __init__(self, missing: Sequence[Option]):
        self.missing = list(missing)
        super().__init__(
            _("Grade every option before you submit. Not graded yet: %(options)s.")
            % {"options": ", ".join(f"“{o.title}”" for o in self.missing)},
            code="incomplete")


def _clean_options(options: Sequence[OptionSpec]) -> list[OptionSpec]:
    cleaned = []
    for spec in options:
        title = " ".join((spec.title or "").split())
        if not title:
            continue
        if len(title) > TITLE_MAX:
            raise ValidationError({"options": _("An option's title has at most %(limit)s "
                                                "characters.") % {"limit": TITLE_MAX}})
        cleaned.append(OptionSpec(title=title, description=(spec.description or "").strip(),
                                  subject_key=(spec.subject_key or "").strip()[:100]))
    if len(cleaned) < MIN_OPTIONS:
        raise ValidationError({"options": _("A vote needs at least %(count)s options.")
                               % {"count": MIN_OPTIONS}})
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError({"options": _("A vote has at most %(count)s options.")
                               % {"count": MAX_OPTIONS}})
    titles = [spec.title.casefold() for spec in cleaned]
    duplicates = sorted({spec.title for spec in cleaned if titles.count(spec.title.casefold()) > 1})
    if duplicates:
        raise ValidationError({"options": _("Two options have the same title: %(titles)s.")
                               % {"titles": ", ".join(duplicates)}})
    return cleaned


def _check_fields(*, title: str, method: str, opens_at: datetime, closes_at: datetime,
                  results_visible: str, scale: str) -> str:
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = _("Give the vote a title.")
    if method not in Vote.Method.values:
        errors["method"] = _("Unknown voting method.")
    if results_visible not in Vote.ResultsVisible.values:
        errors["results_visible"] = _("Choose when the results are shown.")
    if scale not in SCALES:
        errors["scale"] = _("Unknown grade scale.")
    if opens_at is None or closes_at is None:
        errors["closes_at"] = _("Give the opening and closing dates.")
    elif closes_at <= opens_at:
        errors["closes_at"] = _("The vote must close after it opens.")
    if errors:
        raise ValidationError(errors)
    return title


def _write_options(vote: Vote, options: Sequence[OptionSpec]) -> None:
    Option.objects.bulk_create([
        Option(vote=vote, position=position, title=spec.title, description=spec.description,
               subject_key=spec.subject_key)
        for position, spec in enumerate(options, start=1)])


@transaction.atomic
def vote_create(*, actor, territory: Territory, title: str, description: str = "",
                method: str = Vote.Method.MAJORITY_JUDGMENT, opens_at: datetime,
                closes_at: datetime, options: Sequence[OptionSpec],
                requires_verification: bool = False,
                results_visible: str = Vote.ResultsVisible.AFTER_CLOSE,
                scale: str = "platform", draft: bool = False) -> Vote:
    """Create a vote with its options (at least two, distinct titles), closing after it
    opens. Published at once — it opens at ``opens_at`` — unless ``draft``, which the team
    prepares and opens later with ``vote_open``."""
    title = _check_fields(title=title, method=method, opens_at=opens_at, closes_at=closes_at,
                          results_visible=results_visible, scale=scale)
    options = _clean_options(options)
    vote = Vote.objects.create(
        territory=territory, title=title, description=(description or "").strip(),
        method=method, scale=scale, opens_at=opens_at, closes_at=closes_at,
        requires_verification=requires_verification, results_visible=results_visible,
        created_by=actor, published_at=None if draft else timezone.now())
    _write_options(vote, options)
    return vote


@transaction.atomic
def vote_update(*, actor, vote: Vote, title: str, description: str = "", method: str,
                opens_at: datetime, closes_at: datetime, options: Sequence[OptionSpec],
                requires_verification: bool = False,
                results_visible: str = Vote.ResultsVisible.AFTER_CLOSE,
                scale: str = "platform") -> Vote:
    """Change a vote and its options. Refused once someone has voted or the vote has closed:
    ballots must keep meaning what their voters meant. Options keep their ids where their
    position and title are unchanged, so callers' links stay valid."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.is_closed:
        raise ValidationError(_("This vote is closed: it can no longer be changed."),
                              code="closed")
    if vote.ballots.exists():
        raise ValidationError(_("Someone has already voted: the vote can no longer be "
                                "changed. Close it and create another if needed."),
                              code="has_ballots")
    title = _check_fields(title=title, method=method, opens_at=opens_at, closes_at=closes_at,
                          results_visible=results_visible, scale=scale)
    options = _clean_options(options)
    vote.title, vote.description, vote.method, vote.scale = (
        title, (description or "").strip(), method, scale)
    vote.opens_at, vote.closes_at = opens_at, closes_at
    vote.requires_verification, vote.results_visible = requires_verification, results_visible
    vote.save()
    existing = {option.position: option for option in vote.options.all()}
    for position, spec in enumerate(options, start=1):
        option = existing.pop(position, None)
        if option is None:
            Option.objects.create(vote=vote, position=position, title=spec.title,
                                  description=spec.description, subject_key=spec.subject_key)
        else:
            option.title, option.description, option.subject_key = (
                spec.title, spec.description, spec.subject_key)
            option.save()
    Option.objects.filter(pk__in=[option.pk for option in existing.values()]).delete()
    return vote


@transaction.atomic
def vote_open(*, actor, vote: Vote) -> Vote:
    """Publish a draft: it is open from its opening date (at once if that date has passed)
    until its closing date. Refused when the closing date has already passed."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.published_at is not None:
        raise ValidationError(_("This vote is already published."), code="published")
    if vote.closes_at <= timezone.now():
        raise ValidationError(_("The closing date has passed: change the dates before "
                                "opening the vote."), code="dates")
    vote.published_at = timezone.now()
    vote.save(update_fields=["published_at"])
    return vote


@transaction.atomic
def vote_close(*, actor, vote: Vote) -> Vote:
    """Close a published vote now, before its closing date; ballots cast stay counted."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.published_at is None:
        raise ValidationError(_("A draft cannot be closed: it was never open."), code="draft")
    if vote.is_closed:
        raise ValidationError(_("This vote is already closed."), code="closed")
    vote.closed_at = timezone.now()
    vote.save(update_fields=["closed_at"])
    return vote


def _refuse_if_not_open(vote: Vote) -> None:
    status = vote.status
    if status == Vote.Status.OPEN:
        return
    if status == Vote.Status.UPCOMING:
        raise ValidationError(_("This vote is not open yet: it opens on %(date)s.")
                              % {"date": _format(vote.opens_at)}, code="not_open")
    if status == Vote.Status.CLOSED:
        raise ValidationError(_("This vote closed on %(date)s: ballots are no longer "
                                "accepted.") % {"date": _format(vote.ended_at)},
                              code="closed")
    raise ValidationError(_("This vote is not open."), code="not_open")


def _format(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


VERIFICATION_HELP = gettext_noop(
    "This vote is reserved to verified residents. To be verified, ask the territory's team "
    "(town hall or intercommunality services) to check that you live here, or make sure "
    "your account uses the e-mail address the town hall has for you on its census.")


def _check_grades(vote: Vote, options: list[Option], grades: Mapping[int, object]) -> dict[int, int]:
    """The grades as ``{option id: int}``, or a clear error. Approval: missing means not
    approved. Majority judgment: every option needs a grade of the vote's scale."""
    by_id = {option.pk: option for option in options}
    unknown = [key for key in grades if key not in by_id]
    if unknown:
        raise ValidationError(_("This ballot names an option that is not in this vote."),
                              code="unknown_option")
    top = 1 if vote.method == Vote.Method.APPROVAL else vote.grade_scale.size - 1
    cleaned: dict[int, int] = {}
    for option_id, value in grades.items():
        if value is None or value == "":
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            grade = value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            grade = int(value.strip())
        else:
            grade = -1
        if not 0 <= grade <= top:
            raise ValidationError(_("The grade given to “%(option)s” is not one of the "
                                    "grades offered.") % {"option": by_id[option_id].title},
                                  code="bad_grade")
        cleaned[option_id] = grade
    if vote.method == Vote.Method.APPROVAL:
        return {option.pk: cleaned.get(option.pk, 0) for option in options}
    missing = [option for option in options if option.pk not in cleaned]
    if missing:
        raise IncompleteBallot(missing)
    return cleaned


@transaction.atomic
def ballot_cast(*, user, vote: Vote, grades: Mapping[int, object]) -> Participation:
    """Cast ``user``'s secret ballot: ``grades`` maps option ids to grades (majority
    judgment: 0 the worst grade … ``scale.size - 1``; approval: 1 approved, 0 or absent not).

    The participation (who voted, when) and the ballot (what, under a random key, without
    any time) are written in this one transaction; a second ballot by the same person is
    refused by a unique constraint, even from two simultaneous requests. A ballot can be
    neither read back nor changed.
    """
    if not can_take_part(user, vote.territory):
        raise PermissionDenied
    if not may_vote_in(user, vote):
        raise ValidationError(_(VERIFICATION_HELP), code="not_verified")
    _refuse_if_not_open(vote)
    if Participation.objects.filter(vote=vote, user=user).exists():
        raise ValidationError(_("You have already voted in this vote: a ballot can be cast "
                                "only once."), code="already_voted")
    options = list(vote.options.all())
    cleaned = _check_grades(vote, options, grades)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(vote=vote, user=user,
                                                         voted_at=timezone.now())
    except IntegrityError as exc:
        raise ValidationError(_("You have already voted in this vote: a ballot can be cast "
                                "only once."), code="already_voted") from exc
    ballot = Ballot.objects.create(vote=vote)
    BallotGrade.objects.bulk_create([BallotGrade(ballot=ballot, option_id=option_id, grade=grade)
                                     for option_id, grade in cleaned.items()])
    return participation
