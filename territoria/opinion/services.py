"""Writes of the opinion maps: conversations, statements, moderation, votes, recomputation.

Every service is keyword-only and runs in one transaction; the recomputation of a map is
queued with ``transaction.on_commit``, never run inside a request.
"""

from __future__ import annotations

import hashlib
import logging
import time
import unicodedata
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.axes import Axis
from territoria.core.models import Territory
from territoria.notifications.services import follow, notify_on_commit
from territoria.opinion.models import Conversation, OpinionResult, Participant, Statement, Vote
from territoria.search.index import on_commit_index

logger = logging.getLogger(__name__)

STATEMENT_MAX_LENGTH = 400
RECOMPUTE_STALE = timedelta(minutes=5)
"""A queued recomputation not started after this long is taken as lost and queued again."""
RECOMPUTE_DELAY = timedelta(seconds=2)
"""A recomputation waits this long after the vote that asks for it, so that the votes of
the next seconds join it: the map stays seconds behind, and a busy conversation costs one
computation every few seconds instead of one after another (where the backend can defer)."""


# Statements ------------------------------------------------------------------------------

def normalise_statement(text: str) -> str:
    """The form two statements are compared in to refuse duplicates: case, accents,
    spaces and the punctuation around the text do not count."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.split()).strip(" .!?;:,…\"'«»“”")


def _clean_statement(text: str) -> str:
    # Plain text: kept as typed (hostile HTML included) and escaped by the templates.
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write a statement.")})
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError({"text": _("A statement has at most %(limit)s characters.")
                               % {"limit": STATEMENT_MAX_LENGTH}})
    return text


def _add_statement(*, conversation: Conversation, text: str, author, status: str,
                   is_seed: bool = False, is_meta: bool = False,
                   participant: Participant | None = None) -> Statement:
    text = _clean_statement(text)
    normalised = normalise_statement(text)
    if Statement.objects.filter(conversation=conversation, normalised=normalised).exists():
        raise ValidationError({"text": _("This statement is already in the conversation.")})
    try:
        with transaction.atomic():
            return Statement.objects.create(
                conversation=conversation, text=text, normalised=normalised, author=author,
                status=status, is_seed=is_seed, is_meta=is_meta, participant=participant)
    except IntegrityError as error:  # the same text submitted twice at once
        raise ValidationError(
            {"text": _("This statement is already in the conversation.")}) from error


def _check_submission_rate(*, conversation: Conversation,
                           participant: Participant | None) -> None:
    """Refuse a statement over the hourly limits (``OPINION_STATEMENT_LIMITS``).

    Each participant may submit a few statements an hour; anonymous submissions to one
    conversation are also capped together, since a robot can take a new browser session
    for each one. Counted from the stored statements, so every server process agrees.
    """
    limits = settings.OPINION_STATEMENT_LIMITS
    since = timezone.now() - timedelta(hours=1)
    recent = Statement.objects.filter(conversation=conversation, created_at__gte=since,
                                      is_seed=False)
    if participant is not None and (
            recent.filter(participant=participant).count() >= limits["per_participant"]):
        raise ValidationError(
            {"text": _("You have submitted %(count)s statements in the last hour: please wait "
                       "before adding more.") % {"count": limits["per_participant"]}},
            code="rate_limited")
    if (participant is None or participant.user_id is None) and (
            recent.filter(participant__isnull=False, participant__user__isnull=True).count()
            >= limits["anonymous"]):
        raise ValidationError(
            {"text": _("Many anonymous statements arrived in the last hour: please try again "
                       "later, or sign in to add yours.")}, code="rate_limited")


@transaction.atomic
def statement_submit(*, conversation: Conversation, text: str, author=None,
                     by_team: bool = False, is_meta: bool = False,
                     participant: Participant | None = None) -> Statement:
    """Someone adds a statement for others to vote on.

    Refused on a closed conversation, when the same statement (see ``normalise_statement``)
    is already there, and over the hourly limits of submissions (not for the team).
    Published at once when the conversation is moderated after publication or when the team
    writes it; otherwise it awaits moderation.
    """
    if not conversation.is_open:
        raise ValidationError(_("This conversation is closed: it takes no new statements."))
    if author is not None:
        from territoria.moderation.services import refuse_if_blocked

        refuse_if_blocked(user=author, territory=conversation.territory)
    if not by_team:
        _check_submission_rate(conversation=conversation, participant=participant)
    publish = by_team or conversation.moderation == Conversation.Moderation.AFTER
    statement = _add_statement(
        conversation=conversation, text=text, author=author, is_seed=by_team, is_meta=is_meta,
        participant=participant,
        status=Statement.Status.PUBLISHED if publish else Statement.Status.PENDING)
    on_commit_index(statement)
    if publish:
        notify_on_commit(territory=conversation.territory, target=conversation,
                         verb="opinion.statement_added", actor=author)
    return statement


@transaction.atomic
def statement_moderate(*, actor, statement: Statement, publish: bool) -> Statement:
    """Moderation: publish a statement, or set it aside (moderated out).

    A moderated-out statement leaves the voting page and the map (its votes are kept, as
    Polis keeps them, and count again if it is published later); the map is recomputed.
    """
    previous = statement.status
    statement.status = Statement.Status.PUBLISHED if publish else Statement.Status.REJECTED
    statement.moderated_by = actor
    statement.moderated_at = timezone.now()
    statement.save(update_fields=["status", "moderated_by", "moderated_at"])
    _schedule_recompute(statement.conversation_id)
    on_commit_index(statement)
    if previous != statement.status:
        conversation = statement.conversation
        notify_on_commit(territory=conversation.territory, target=statement,
                         verb="opinion.statement_published" if publish
                         else "opinion.statement_rejected",
                         actor=actor, recipients=[statement.author])
        if publish:  # now others can vote on it
            notify_on_commit(territory=conversation.territory, target=conversation,
                             verb="opinion.statement_added", actor=statement.author)
    return statement


# Conversations ---------------------------------------------------------------------------

def _conversation_fields(*, territory: Territory, title: str, description: str, axis: str,
                         participation: str, moderation: str, consultation=None) -> dict:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the conversation its question.")})
    if len(title) > 200:
        raise ValidationError({"title": _("At most %(limit)s characters.") % {"limit": 200}})
    if axis and axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis of life.")})
    if participation not in Conversation.Participation.values:
        raise ValidationError({"participation": _("Choose who may take part.")})
    if moderation not in Conversation.Moderation.values:
        raise ValidationError({"moderation": _("Choose when new statements are moderated.")})
    if consultation is not None and consultation.territory_id != territory.pk:
        raise ValidationError({"consultation": _("Choose a consultation of the territory.")})
    return {"title": title, "description": (description or "").strip(), "axis": axis or "",
            "participation": participation, "moderation": moderation,
            "consultation": consultation}


def _add_seeds(*, conversation: Conversation, actor, seeds: Sequence[str]) -> None:
    errors = []
    for text in seeds:
        if not text.strip():
            continue
        try:
            _add_statement(conversation=conversation, text=text, author=actor,
                           status=Statement.Status.PUBLISHED, is_seed=True)
        except ValidationError as error:
            errors.append(f"“{text.strip()[:80]}”: {' '.join(error.messages)}")
    if errors:
        raise ValidationError({"seed_statements": errors})


@transaction.atomic
def conversation_create(*, actor, territory: Territory, title: str, description: str = "",
                        axis: str = "", participation: str = Conversation.Participation.LOGGED_IN,
                        moderation: str = Conversation.Moderation.AFTER,
                        seed_statements: Sequence[str] = (), consultation=None) -> Conversation:
    """The team opens a conversation on a question, with its seed statements (published at
    once), optionally attached to a consultation of the Agorapolis. One bad seed refuses the
    whole creation, with the reason for each."""
    conversation = Conversation.objects.create(
        territory=territory, created_by=actor,
        **_conversation_fields(territory=territory, title=title, description=description,
                               axis=axis, participation=participation, moderation=moderation,
                               consultation=consultation))
    _add_seeds(conversation=conversation, actor=actor, seeds=seed_statements)
    follow(user=actor, target=conversation)
    on_commit_index(conversation, *conversation.statements.select_related("conversation"))
    return conversation


@transaction.atomic
def conversation_update(*, actor, conversation: Conversation, title: str, description: str = "",
                        axis: str = "", participation: str, moderation: str,
                        seed_statements: Sequence[str] = (), consultation=None) -> Conversation:
    """The team edits the question and its settings, and may add seed statements."""
    for name, value in _conversation_fields(
            territory=conversation.territory, title=title, description=description, axis=axis,
            participation=participation, moderation=moderation,
            consultation=consultation).items():
        setattr(conversation, name, value)
    conversation.save()
    _add_seeds(conversation=conversation, actor=actor, seeds=seed_statements)
    # The statements' entries carry the question: rewritten with it.
    on_commit_index(conversation, *conversation.statements.select_related("conversation"))
    return conversation


@transaction.atomic
def conversation_close(*, actor, conversation: Conversation, closed: bool = True) -> Conversation:
    """Close a conversation to votes and statements (its map stays readable), or reopen it."""
    was_open = conversation.is_open
    conversation.is_open = not closed
    conversation.closed_at = timezone.now() if closed else None
    conversation.save(update_fields=["is_open", "closed_at"])
    if closed and was_open:
        notify_on_commit(territory=conversation.territory, target=conversation,
                         verb="opinion.conversation_closed", actor=actor)
    return conversation


# Participants and votes ------------------------------------------------------------------

def session_fingerprint(session_key: str) -> str:
    """What is stored of an anonymous participant's browser session: a SHA-256 of its key,
    never the key itself (which would open the session to whoever reads the table)."""
    return hashlib.sha256(session_key.encode()).hexdigest()


def participant_for(*, conversation: Conversation, user=None, session_key: str = "",
                    create: bool = True) -> Participant | None:
    """The participant a person is in a conversation: their account when signed in, else
    their browser session (only where the conversation allows anonymous votes)."""
    if user is not None and user.is_authenticated:
        lookup = {"user": user}
    elif conversation.allows_anonymous and session_key:
        lookup = {"session_key": session_fingerprint(session_key)}
    else:
        return None
    participant = Participant.objects.filter(conversation=conversation, **lookup).first()
    if participant is None and create:
        try:
            with transaction.atomic():
                participant = Participant.objects.create(conversation=conversation, **lookup)
        except IntegrityError:  # two first votes at once
            participant = Participant.objects.get(conversation=conversation, **lookup)
    return participant


@transaction.atomic
def vote_cast(*, conversation: Conversation, statement: Statement, value: int, user=None,
              session_key: str = "") -> Vote:
    """Record a vote: agree (1), disagree (−1) or pass (0).

    One vote per participant and statement: voting again replaces the vote (the last vote
    counts). Refused on a closed conversation and on a statement that is not published
    (moderated out or awaiting moderation). Never computes the map: it only asks for a
    recomputation (debounced, see ``Conversation``), so a vote costs a few queries.
    """
    if statement.conversation_id != conversation.pk:
        raise ValidationError(_("This statement belongs to another conversation."))
    if not conversation.is_open:
        raise ValidationError(_("This conversation is closed: votes are no longer taken."))
    if statement.status != Statement.Status.PUBLISHED:
        raise ValidationError(_("This statement was set aside by moderation: it takes no "
                                "votes."))
    if value not in Vote.Value.values:
        raise ValidationError(_("A vote is agree, disagree or pass."))
    participant = participant_for(conversation=conversation, user=user,
                                  session_key=session_key)
    if participant is None:
        raise PermissionDenied(_("Log in to take part in this conversation."))
    vote = Vote(participant=participant, statement=statement, value=value,
                updated_at=timezone.now())
    Vote.objects.bulk_create([vote], update_conflicts=True,
                             unique_fields=["participant", "statement"],
                             update_fields=["value", "updated_at"])
    _schedule_recompute(conversation.pk)
    return vote


# Recomputation ---------------------------------------------------------------------------

def _schedule_recompute(conversation_id: int, *, force: bool = False) -> bool:
    """Queue one recomputation unless one is already waiting (a conditional UPDATE: of many
    votes at once, only the one that sets the flag queues a task). ``force`` queues one
    anyway (the staff's button). Returns whether a task was queued."""
    now = timezone.now()
    pending = Conversation.objects.filter(pk=conversation_id)
    if not force:
        pending = pending.filter(Q(recompute_queued=False)
                                 | Q(recompute_requested_at__lt=now - RECOMPUTE_STALE))
    if not pending.update(recompute_queued=True, recompute_requested_at=now):
        return False
    from territoria.opinion.tasks import recompute_map

    task = recompute_map
    if not force and task.get_backend().supports_defer:
        task = task.using(run_after=now + RECOMPUTE_DELAY)
    transaction.on_commit(lambda: task.enqueue(conversation_id=conversation_id))
    return True


@transaction.atomic
def result_recompute(*, conversation: Conversation) -> None:
    """Staff ask for the map to be recomputed now (after a failure, for instance)."""
    _schedule_recompute(conversation.pk, force=True)


def map_compute(*, conversation_id: int) -> OpinionResult:
    """Compute a conversation's opinion map from all its votes and store it.

    Polis's pipeline (``domain.pipeline.compute``), given the last stored state so that the
    groups keep their numbers and the axes their orientation. The queued flag is cleared
    before the votes are read, so a vote cast meanwhile queues the next computation. A
    failure keeps the last good map and records the error for staff; the next vote or the
    staff's button retries.
    """
    from territoria.opinion.domain.pipeline import MapOutcome, compute
    from territoria.opinion.serialise import map_to_json, state_from_json, state_to_json

    Conversation.objects.filter(pk=conversation_id).update(recompute_queued=False)
    conversation = Conversation.objects.get(pk=conversation_id)
    previous = OpinionResult.objects.filter(conversation=conversation).first()
    started = timezone.now()
    clock = time.perf_counter()
    try:
        statuses = dict(Statement.objects.filter(conversation=conversation)
                        .values_list("pk", "status"))
        meta = Statement.objects.filter(conversation=conversation, is_meta=True) \
            .values_list("pk", flat=True)
        votes = list(Vote.objects.filter(statement__conversation=conversation)
                     .order_by("updated_at", "pk")
                     .values_list("participant_id", "statement_id", "value"))
        opinion_map = compute(
            votes,
            moderated_out=[pk for pk, s in statuses.items() if s != Statement.Status.PUBLISHED],
            meta=list(meta),
            statements=[pk for pk, s in statuses.items() if s == Statement.Status.PUBLISHED],
            previous=state_from_json(previous.state) if previous else None)
        data, state = map_to_json(opinion_map), state_to_json(opinion_map.state)
    except Exception as error:
        logger.exception("opinion map of conversation %s failed", conversation_id)
        result, _created = OpinionResult.objects.update_or_create(
            conversation=conversation,
            defaults={"status": OpinionResult.Status.FAILED, "attempted_at": started,
                      "error": f"{type(error).__name__}: {error}"[:2000]})
        return result
    status = (OpinionResult.Status.OK if opinion_map.outcome is MapOutcome.COMPUTED
              else OpinionResult.Status.TOO_FEW)
    result, _created = OpinionResult.objects.update_or_create(
        conversation=conversation,
        defaults={"status": status, "error": "", "attempted_at": started,
                  "computed_at": timezone.now(), "data": data, "state": state,
                  "duration_ms": int((time.perf_counter() - clock) * 1000)})
    return result


# Diagnostic ------------------------------------------------------------------------------

@transaction.atomic
def statement_to_diagnostic(*, actor, statement: Statement, kind: str, axis: str = "",
                            agreed_share: float | None = None):
    """Turn a consensus statement into an item of the diagnostic board, in one click.

    The item is contributed by the staff member, on the conversation's axis (or the one
    they pick), titled with the statement and explained with the share of participants who
    agreed across all groups and the conversation it comes from.
    """
    from territoria.diagnostic.services import item_contribute

    conversation = statement.conversation
    axis = axis or conversation.axis
    if not axis:
        raise ValidationError({"axis": _("Choose an axis of life.")})
    explanation = statement.text
    if agreed_share is not None:
        explanation += "\n\n" + _(
            "Agreed by %(share)s%% of participants across all groups (opinion map "
            "“%(title)s”).") % {"share": round(agreed_share * 100), "title": conversation.title}
    else:
        explanation += "\n\n" + _("From the opinion map “%(title)s”.") % {
            "title": conversation.title}
    return item_contribute(author=actor, territory=conversation.territory, kind=kind,
                           axis=axis, title=statement.text[:200], explanation=explanation)


def statement_to_proposal(*, actor, statement: Statement, shares=None):
    """Turn a consensus statement of an opinion map attached to a consultation into a
    published proposal of that consultation, in one click (issue 4: "staff turn consensus
    statements into diagnostic items or proposals").

    The proposal is the staff member's, on the conversation's axis, its text quoting the
    statement and its shares of agreement (``shares``: the statement's votes in the stored
    map); it is linked to the statement, so that it cannot be made twice."""
    from territoria.agora.services import proposal_from_statement

    conversation = statement.conversation
    if conversation.consultation_id is None:
        raise ValidationError(_("Attach the opinion map to a consultation first: the "
                                "proposal goes there."))
    if statement.status != Statement.Status.PUBLISHED:
        raise ValidationError(_("Only a published statement becomes a proposal."))
    lines = [f"« {statement.text} »", ""]
    if shares is not None and shares.seen:
        lines.append(_("In the opinion map “%(title)s”, %(agree)s%% of the %(seen)s "
                       "participants who voted on this statement agree, %(disagree)s%% "
                       "disagree.") % {
            "title": conversation.title, "agree": round(shares.agree_share * 100),
            "disagree": round(shares.disagree_share * 100), "seen": shares.seen})
    else:
        lines.append(_("From the opinion map “%(title)s”.") % {"title": conversation.title})
    title = " ".join(statement.text.split())
    if len(title) > 150:
        title = title[:149].rstrip() + "…"
    return proposal_from_statement(actor=actor, consultation=conversation.consultation,
                                   statement=statement, title=title, body="\n".join(lines),
                                   axis=conversation.axis)
