"""Writes of the Agorapolis. Every service is keyword-only and runs in one transaction.

Supports are the hot path: one ``INSERT … ON CONFLICT DO NOTHING`` guarded by the unique
constraint (a double click or two racing requests add one support), and the proposal's
``support_count`` moved by an ``F()`` update in the same transaction, only when a row was
really inserted or deleted — so the count never drifts from the rows.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from territoria.agora.domain import lifecycle, registrations
from territoria.agora.domain.files import ACCEPTED, sniff
from territoria.agora.domain.markup import render as render_markup
from territoria.agora.domain.phases import Action, PhaseWindow, action_window, validate_phases
from territoria.agora.models import (
    Argument,
    Attachment,
    Coauthor,
    Consultation,
    Debate,
    Event,
    OfficialAnswer,
    Phase,
    Proposal,
    Registration,
    Support,
    UnderstandPage,
)
from territoria.core.axes import Axis
from territoria.core.models import Territory
from territoria.moderation.services import refuse_if_blocked
from territoria.notifications.services import follow, followers_of, notify_on_commit
from territoria.search.index import on_commit_index

Status = Proposal.Status
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENTS_PER_PROPOSAL = 5


def _text(value: str | None, *, field: str, required_message: str | None, limit: int) -> str:
    value = (value or "").strip()
    if not value and required_message:
        raise ValidationError({field: required_message})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)s characters.") % {"limit": limit}})
    return value


def _line(value: str | None, *, field: str, required_message: str, limit: int) -> str:
    return _text(" ".join((value or "").split()), field=field,
                 required_message=required_message, limit=limit)


def _date(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


# Consultations and phases -------------------------------------------------------------------

def _consultation_fields(*, title, description, support_limit, answer_threshold,
                         requires_verification, is_published) -> dict:
    if support_limit is None or support_limit < 0 or answer_threshold is None or (
            answer_threshold < 0):
        raise ValidationError(_("Limits and thresholds are whole numbers, 0 or more."))
    return {
        "title": _line(title, field="title", limit=200,
                       required_message=_("Give the consultation a title.")),
        "description": _text(description, field="description", required_message=None,
                             limit=10000),
        "support_limit": support_limit, "answer_threshold": answer_threshold,
        "requires_verification": bool(requires_verification),
        "is_published": bool(is_published),
    }


@transaction.atomic
def consultation_create(*, actor, territory: Territory, title: str, description: str = "",
                        support_limit: int = 0, answer_threshold: int = 0,
                        requires_verification: bool = False, is_published: bool = False,
                        standard_phases_from: datetime | None = None) -> Consultation:
    """The team opens a consultation. With ``standard_phases_from``, it gets the five
    usual phases of two weeks each from that day (information, contributions,
    deliberation, vote, feedback), which the team then re-dates or removes."""
    consultation = Consultation.objects.create(
        territory=territory, created_by=actor, **_consultation_fields(
            title=title, description=description, support_limit=support_limit,
            answer_threshold=answer_threshold, requires_verification=requires_verification,
            is_published=is_published))
    if standard_phases_from is not None:
        from datetime import timedelta

        start = standard_phases_from
        for kind, actions in STANDARD_PHASES:
            Phase.objects.create(consultation=consultation, kind=kind, starts_at=start,
                                 ends_at=start + timedelta(days=14),
                                 **{f"allows_{a}": True for a in actions})
            start += timedelta(days=14)
    on_commit_index(consultation)
    return consultation


STANDARD_PHASES = [
    (Phase.Kind.INFORMATION, ()),
    (Phase.Kind.CONTRIBUTIONS, ("submit", "comment", "support")),
    (Phase.Kind.DELIBERATION, ("comment", "support")),
    (Phase.Kind.VOTE, ("vote",)),
    (Phase.Kind.FEEDBACK, ()),
]


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, title: str, description: str,
                        support_limit: int, answer_threshold: int,
                        requires_verification: bool, is_published: bool) -> Consultation:
    for name, value in _consultation_fields(
            title=title, description=description, support_limit=support_limit,
            answer_threshold=answer_threshold, requires_verification=requires_verification,
            is_published=is_published).items():
        setattr(consultation, name, value)
    consultation.save()
    # What is found of the consultation's content follows its publication.
    on_commit_index(consultation, *consultation.proposals.select_related("consultation"),
                    *consultation.debates.select_related("consultation"),
                    *consultation.events.select_related("consultation"))
    return consultation


def _check_phases(consultation: Consultation, windows: list[PhaseWindow]) -> None:
    problems = validate_phases(windows)
    if "ends_before_start" in problems:
        raise ValidationError({"ends_at": _("A phase ends after it starts.")})
    if "overlap" in problems:
        raise ValidationError({"starts_at": _("This phase overlaps another phase of the "
                                              "consultation: phases follow one another.")})


@transaction.atomic
def phase_save(*, actor, consultation: Consultation, phase: Phase | None = None, kind: str,
               title: str = "", description: str = "", starts_at: datetime,
               ends_at: datetime, allows_submit: bool = False, allows_comment: bool = False,
               allows_support: bool = False, allows_vote: bool = False) -> Phase:
    """Add a phase to the consultation or change one; phases may not overlap. The order of
    the phases is the order of their dates."""
    if kind not in Phase.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of phase.")})
    phase = phase or Phase(consultation=consultation)
    phase.kind, phase.starts_at, phase.ends_at = kind, starts_at, ends_at
    phase.title = _line(title, field="title", limit=120, required_message="")
    phase.description = _text(description, field="description", required_message=None,
                              limit=4000)
    phase.allows_submit, phase.allows_comment = bool(allows_submit), bool(allows_comment)
    phase.allows_support, phase.allows_vote = bool(allows_support), bool(allows_vote)
    others = [p.window() for p in consultation.phases.exclude(pk=phase.pk)]
    _check_phases(consultation, [*others, phase.window()])
    phase.save()
    consultation.forget_phases()
    return phase


@transaction.atomic
def phase_delete(*, actor, phase: Phase) -> None:
    consultation = phase.consultation
    phase.delete()
    consultation.forget_phases()


# Proposals ---------------------------------------------------------------------------------

def _proposal_fields(*, consultation: Consultation, title, body, axis, commune) -> dict:
    if axis and axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis of life.")})
    if commune is not None and not consultation.territory.communes.filter(
            pk=commune.pk).exists():
        raise ValidationError({"commune": _("Choose a commune of the territory.")})
    return {
        "title": _line(title, field="title", limit=150,
                       required_message=_("Give your proposal a title.")),
        "body": _text(body, field="body", limit=6000,
                      required_message=_("Describe your proposal.")),
        "axis": axis or "", "commune": commune,
    }


def phase_allows_now(consultation: Consultation, action: Action) -> bool:
    from territoria.agora.domain.phases import allows

    return allows(consultation.phase_windows(), action, timezone.now())


def phase_refusal(consultation: Consultation, action: Action) -> str:
    """Why ``action`` is refused in the consultation now, with the date it opens if any."""
    window = action_window(consultation.phase_windows(), action, timezone.now())
    names = {Action.SUBMIT: _("Proposals"), Action.SUPPORT: _("Supports"),
             Action.COMMENT: _("Comments"), Action.VOTE: _("Votes")}
    if window.opens_at:
        return _("%(action)s open on %(date)s.") % {"action": names[action],
                                                    "date": _date(window.opens_at)}
    return _("%(action)s are closed in this consultation.") % {"action": names[action]}


@transaction.atomic
def proposal_create(*, actor, consultation: Consultation, title: str, body: str,
                    axis: str = "", commune=None, publish: bool = False) -> Proposal:
    """A resident or an actor writes a proposal, kept as a draft or published at once.

    Refused outside a phase that opens submissions, with the date they open."""
    if not actor.has_perm("agora.submit_proposal", consultation):
        raise PermissionDenied(phase_refusal(consultation, Action.SUBMIT))
    refuse_if_blocked(user=actor, territory=consultation.territory)
    now = timezone.now()
    proposal = Proposal.objects.create(
        territory=consultation.territory, consultation=consultation, author=actor,
        status=Status.PUBLISHED if publish else Status.DRAFT,
        published_at=now if publish else None, status_changed_at=now,
        **_proposal_fields(consultation=consultation, title=title, body=body, axis=axis,
                           commune=commune))
    follow(user=actor, target=proposal)  # the author hears of what becomes of it
    if publish:
        _announce(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_from_statement(*, actor, consultation: Consultation, statement, title: str,
                            body: str, axis: str = "") -> Proposal:
    """The team publishes a proposal made from a consensus statement of an opinion map
    (``opinion.services.statement_to_proposal``). One proposal per statement: the
    statement's row is locked and the one-to-one link refuses a second."""
    if not actor.has_perm("agora.manage", consultation.territory):
        raise PermissionDenied
    type(statement).objects.select_for_update().filter(pk=statement.pk).values_list(
        "pk").first()
    existing = Proposal.objects.filter(from_statement=statement).first()
    if existing is not None:
        raise ValidationError(_("This statement is already the proposal “%(title)s”.") % {
            "title": existing.title}, code="already")
    now = timezone.now()
    proposal = Proposal.objects.create(
        territory=consultation.territory, consultation=consultation, author=actor,
        status=Status.PUBLISHED, published_at=now, status_changed_at=now,
        from_statement=statement,
        **_proposal_fields(consultation=consultation, title=title, body=body, axis=axis,
                           commune=None))
    follow(user=actor, target=proposal)
    _announce(proposal, actor=actor)
    return proposal


def _announce(proposal: Proposal, *, actor) -> None:
    """A proposal became public: searchable, and told to the consultation's followers."""
    on_commit_index(proposal)
    notify_on_commit(territory=proposal.territory, target=proposal.consultation,
                     verb="agora.proposal_added", actor=actor)


def _status_told(proposal: Proposal, *, actor) -> None:
    """Its status changed: the authors, the co-authors and the followers are told."""
    on_commit_index(proposal)
    recipients = followers_of(proposal) | set(
        proposal.coauthors.filter(accepted_at__isnull=False).values_list("user_id", flat=True))
    if proposal.author_id:
        recipients.add(proposal.author_id)
    notify_on_commit(territory=proposal.territory, target=proposal,
                     verb="agora.proposal_status", actor=actor, recipients=recipients)


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, title: str, body: str, axis: str = "",
                    commune=None) -> Proposal:
    """Its authors change a draft (a published proposal keeps the text people supported)."""
    if not actor.has_perm("agora.change_proposal", proposal):
        raise PermissionDenied(_("Only the authors change a proposal, and only while it is a "
                                 "draft."))
    for name, value in _proposal_fields(consultation=proposal.consultation, title=title,
                                        body=body, axis=axis, commune=commune).items():
        setattr(proposal, name, value)
    proposal.save()
    return proposal


def _move(proposal: Proposal, target: str) -> Proposal:
    now = timezone.now()
    proposal.status, proposal.status_changed_at = target, now
    fields = ["status", "status_changed_at"]
    if target == Status.PUBLISHED and proposal.published_at is None:
        proposal.published_at = now
        fields.append("published_at")
    proposal.save(update_fields=fields)
    return proposal


@transaction.atomic
def proposal_publish(*, actor, proposal: Proposal) -> Proposal:
    if not actor.has_perm("agora.publish_proposal", proposal):
        if proposal.status != Status.DRAFT:
            raise ValidationError(_("This proposal is already published."))
        raise PermissionDenied(phase_refusal(proposal.consultation, Action.SUBMIT))
    _move(proposal, Status.PUBLISHED)
    _announce(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal) -> Proposal:
    """Its authors withdraw a proposal: it stays readable, with its supports, and takes no
    more."""
    if not actor.has_perm("agora.withdraw_proposal", proposal):
        raise ValidationError(_("Only its authors may withdraw a published proposal."))
    _move(proposal, Status.WITHDRAWN)
    _status_told(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_set_status(*, actor, proposal: Proposal, status: str) -> Proposal:
    """The team evaluates a proposal: under evaluation, accepted, rejected, implemented
    (``domain/lifecycle.py`` says which move is allowed from where)."""
    if not actor.has_perm("agora.answer_proposal", proposal):
        raise PermissionDenied
    if not lifecycle.can_move(proposal.status, status, by_team=True):
        raise ValidationError(_("A proposal %(current)s cannot become %(target)s.") % {
            "current": proposal.get_status_display(),
            "target": dict(Status.choices).get(status, status)})
    _move(proposal, status)
    _status_told(proposal, actor=actor)
    return proposal


def support_refusal(*, user, proposal: Proposal) -> str | None:
    """Why ``user`` may not support ``proposal`` now, in words; ``None`` if they may."""
    if proposal.merged_into_id:
        return _("This proposal was merged into another one: support that one instead.")
    if proposal.status == Status.WITHDRAWN:
        return _("This proposal was withdrawn by its authors: it takes no more supports.")
    if proposal.is_hidden:
        return _("This proposal is hidden by moderation: it takes no supports.")
    if proposal.status not in lifecycle.SUPPORTABLE:
        return _("This proposal no longer takes supports.")
    if not user.is_authenticated:
        return _("Log in to support proposals.")
    if not user.has_perm("agora.support_proposal", proposal):
        consultation = proposal.consultation
        from territoria.agora.permissions import phase_allows, verified_if_required

        if not phase_allows(Action.SUPPORT)(user, consultation):
            return phase_refusal(consultation, Action.SUPPORT)
        if not verified_if_required(user, consultation):
            return _("Only residents whose residence the team has verified may support in "
                     "this consultation.")
        return _("You may not support proposals in this territory.")
    return None


@transaction.atomic
def proposal_support(*, user, proposal: Proposal) -> bool:
    """``user`` supports ``proposal``; ``True`` if a support was added, ``False`` if they
    already supported it (a second click changes nothing).

    Refused with a clear message outside a phase that opens supports, on a withdrawn or
    merged proposal, and over the consultation's limit per person. The person's row is
    locked for the duration so that two supports sent at once cannot pass the limit
    together; the unique constraint makes the insert itself idempotent."""
    reason = support_refusal(user=user, proposal=proposal)
    if reason:
        raise ValidationError(reason)
    refuse_if_blocked(user=user, territory=proposal.territory)
    consultation = proposal.consultation
    limit = consultation.support_limit
    if limit:
        type(user).objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
        if Support.objects.filter(proposal=proposal, user=user).exists():
            return False
        used = Support.objects.filter(consultation_id=consultation.pk, user=user).count()
        if used >= limit:
            raise ValidationError(_(
                "You have used your %(limit)s supports in this consultation: withdraw one "
                "to support another proposal.") % {"limit": limit})
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Support._meta.db_table} (proposal_id, user_id, consultation_id, "
            "created_at) VALUES (%s, %s, %s, %s) ON CONFLICT (proposal_id, user_id) "
            "DO NOTHING RETURNING id",
            [proposal.pk, user.pk, consultation.pk, timezone.now()])
        added = cursor.fetchone() is not None
    if added:
        _move_count(proposal, +1)
    return added


def _move_count(proposal: Proposal, delta: int) -> None:
    """Move the stored count by ``delta`` with an F() update (``count = count + delta`` in
    the database, so concurrent supports never overwrite each other) and the object's
    count with it, for the answer (the page re-reads the stored count)."""
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + delta)
    proposal.support_count += delta


@transaction.atomic
def proposal_unsupport(*, user, proposal: Proposal) -> bool:
    """``user`` withdraws their support while supports are open; ``True`` if one was
    removed."""
    reason = support_refusal(user=user, proposal=proposal)
    if reason:
        raise ValidationError(reason)
    removed, _details = Support.objects.filter(proposal=proposal, user=user).delete()
    if removed:
        _move_count(proposal, -1)
    return bool(removed)


@transaction.atomic
def answer_save(*, actor, proposal: Proposal, text: str, estimated_cost: Decimal | None,
                publish_at: datetime | None = None) -> OfficialAnswer:
    """The team's official answer, public from ``publish_at`` (now when not given) on."""
    if not actor.has_perm("agora.answer_proposal", proposal):
        raise PermissionDenied
    if proposal.status == Status.DRAFT:
        raise ValidationError(_("A draft has no official answer."))
    if estimated_cost is not None and estimated_cost < 0:
        raise ValidationError({"estimated_cost": _("A cost is 0 or more.")})
    text = _text(text, field="text", limit=8000, required_message=_("Write the answer."))
    now = timezone.now()
    before = OfficialAnswer.objects.filter(proposal=proposal).values_list(
        "publish_at", flat=True).first()
    answer, _created = OfficialAnswer.objects.update_or_create(
        proposal=proposal, defaults={"text": text, "estimated_cost": estimated_cost,
                                     "publish_at": publish_at or now, "author": actor})
    if before is None or before > now:  # not public yet: tell people when it becomes so
        if answer.publish_at <= now:
            _answer_told(proposal, actor=actor)
        else:
            _schedule_answer_notice(answer)
    return answer


def _answer_told(proposal: Proposal, *, actor, at_once: bool = False) -> None:
    from territoria.notifications.services import notify

    recipients = followers_of(proposal)
    if proposal.author_id:
        recipients.add(proposal.author_id)
    (notify if at_once else notify_on_commit)(
        territory=proposal.territory, target=proposal, verb="agora.proposal_answered",
        actor=actor, recipients=recipients)


def _schedule_answer_notice(answer: OfficialAnswer) -> None:
    """An answer public from a future time: a task runs then (``run_after``) and tells the
    followers, unless the time was changed since (the task of the new time tells them)."""
    from territoria.agora.tasks import announce_answer

    publish_at = answer.publish_at
    if not announce_answer.get_backend().supports_defer:
        return  # a backend that cannot wait (tests' immediate one) would tell too early
    transaction.on_commit(lambda: announce_answer.using(run_after=publish_at).enqueue(
        answer_id=answer.pk, publish_at=publish_at.isoformat()))


def answer_announce(*, answer_id: int, publish_at: str) -> bool:
    """The scheduled answer became public: tell the proposal's followers and author.
    Returns whether they were told (not when the answer is gone, re-dated or not yet
    public)."""
    answer = OfficialAnswer.objects.filter(pk=answer_id).select_related(
        "proposal", "proposal__territory").first()
    if answer is None or answer.publish_at.isoformat() != publish_at or (
            not answer.is_published):
        return False
    with transaction.atomic():  # the task's own transaction: tell now
        _answer_told(answer.proposal, actor=answer.author, at_once=True)
    return True


@transaction.atomic
def proposals_merge(*, actor, kept: Proposal, duplicate: Proposal) -> Proposal:
    """The team merges a duplicate into the proposal it keeps: the duplicate's supports move
    to the kept one (a person who supported both counts once), the duplicate points to the
    kept one and takes no more supports. Both counts are recomputed from the rows."""
    if not actor.has_perm("agora.answer_proposal", kept):
        raise PermissionDenied
    if kept.pk == duplicate.pk:
        raise ValidationError(_("A proposal cannot be merged into itself."))
    if kept.consultation_id != duplicate.consultation_id:
        raise ValidationError(_("Only proposals of the same consultation can be merged."))
    if kept.merged_into_id:
        raise ValidationError(_("The proposal to keep was itself merged into another one."))
    if duplicate.merged_into_id:
        raise ValidationError(_("This proposal is already merged."))
    if not kept.is_public or not duplicate.is_public:
        raise ValidationError(_("Drafts cannot be merged."))
    # Lock both rows, in id order so that two merges cannot deadlock.
    list(Proposal.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk])
         .order_by("pk").values_list("pk"))
    kept_supporters = Support.objects.filter(proposal=kept).values("user_id")
    Support.objects.filter(proposal=duplicate).exclude(user_id__in=kept_supporters).update(
        proposal=kept)
    Support.objects.filter(proposal=duplicate).delete()
    Proposal.objects.filter(pk=kept.pk).update(
        support_count=Support.objects.filter(proposal=kept).count())
    Proposal.objects.filter(pk=duplicate.pk).update(support_count=0, merged_into=kept)
    # Chains stay one step long: what pointed to the duplicate points to the kept one.
    Proposal.objects.filter(merged_into=duplicate).update(merged_into=kept)
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    on_commit_index(duplicate)  # a merged duplicate leaves the search
    return kept


# Co-authors --------------------------------------------------------------------------------

@transaction.atomic
def coauthor_invite(*, actor, proposal: Proposal, email: str) -> Coauthor:
    """The author invites someone with an account in the territory to sign the proposal;
    they become a co-author when they accept."""
    from territoria.accounts.models import Membership

    if not actor.has_perm("agora.invite_coauthor", proposal):
        raise PermissionDenied(_("Only the author invites co-authors."))
    refuse_if_blocked(user=actor, territory=proposal.territory)
    email = (email or "").strip().lower()
    membership = Membership.objects.filter(territory=proposal.territory,
                                           user__email__iexact=email).select_related(
        "user").first()
    if membership is None:
        raise ValidationError({"email": _("Nobody with this address takes part in this "
                                          "territory.")})
    if membership.user_id == proposal.author_id:
        raise ValidationError({"email": _("You are already the author.")})
    coauthor, created = Coauthor.objects.get_or_create(
        proposal=proposal, user=membership.user, defaults={"invited_by": actor})
    if not created:
        raise ValidationError({"email": _("This person is already invited.")})
    return coauthor


@transaction.atomic
def coauthor_accept(*, user, proposal: Proposal) -> Coauthor:
    coauthor = Coauthor.objects.filter(proposal=proposal, user=user).first()
    if coauthor is None:
        raise PermissionDenied
    if coauthor.accepted_at is None:
        coauthor.accepted_at = timezone.now()
        coauthor.save(update_fields=["accepted_at"])
        follow(user=user, target=proposal)
    return coauthor


# Attachments -------------------------------------------------------------------------------

@transaction.atomic
def attachment_add(*, actor, proposal: Proposal, upload) -> Attachment:
    """Join an image (PNG, JPEG, GIF, WebP) or a PDF to a proposal, checked by its content
    (not its name) and its size; kept in the private storage."""
    from territoria.agora.permissions import is_author

    if not (is_author(actor, proposal) and proposal.status in
            {Status.DRAFT, Status.PUBLISHED, Status.EVALUATING}):
        raise PermissionDenied(_("Only the authors add files to their proposal."))
    if proposal.attachments.count() >= ATTACHMENTS_PER_PROPOSAL:
        raise ValidationError({"file": _("A proposal has at most %(n)s files.") % {
            "n": ATTACHMENTS_PER_PROPOSAL}})
    limit = getattr(settings, "AGORA_ATTACHMENT_MAX_BYTES", ATTACHMENT_MAX_BYTES)
    if upload.size > limit:
        raise ValidationError({"file": _("This file is too large: at most %(mb)s MB.") % {
            "mb": limit // (1024 * 1024)}})
    if upload.size == 0:
        raise ValidationError({"file": _("This file is empty.")})
    upload.seek(0)
    found = sniff(upload.read(16))
    upload.seek(0)
    if found.content_type is None:
        raise ValidationError({"file": _(
            "This file is not an image or a PDF, whatever its name says: only PNG, JPEG, "
            "GIF, WebP images and PDF documents are accepted.")})
    if found.content_type.startswith("image/"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError({"file": _("This image is damaged and cannot be read.")}
                                  ) from error
        upload.seek(0)
    stem = get_valid_filename((upload.name or "file").rsplit(".", 1)[0])[:80] or "file"
    name = f"{stem}{ACCEPTED[found.content_type]}"
    attachment = Attachment(proposal=proposal, name=name, content_type=found.content_type,
                            size=upload.size, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    from territoria.agora.permissions import is_author

    proposal = attachment.proposal
    if not (is_author(actor, proposal) or actor.has_perm("agora.manage", proposal.territory)):
        raise PermissionDenied
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# Debates -----------------------------------------------------------------------------------

@transaction.atomic
def debate_create(*, actor, consultation: Consultation, question: str,
                  description: str = "") -> Debate:
    if not actor.has_perm("agora.manage", consultation.territory):
        raise PermissionDenied
    debate = Debate.objects.create(
        territory=consultation.territory, consultation=consultation, created_by=actor,
        question=_line(question, field="question", limit=200,
                       required_message=_("Ask the debate's question.")),
        description=_text(description, field="description", limit=6000,
                          required_message=None))
    on_commit_index(debate)
    return debate


@transaction.atomic
def argument_add(*, actor, debate: Debate, side: str, text: str) -> Argument:
    """A participant adds an argument for or against, while the debate is open and the
    consultation's phase opens comments."""
    if side not in Argument.Side.values:
        raise ValidationError({"side": _("Choose for or against.")})
    if debate.is_closed:
        raise ValidationError(_("This debate is closed: it takes no more arguments."))
    if not actor.has_perm("agora.argue", debate):
        raise ValidationError(phase_refusal(debate.consultation, Action.COMMENT)
                              if actor.is_authenticated else _("Log in to take part."))
    refuse_if_blocked(user=actor, territory=debate.territory)
    argument = Argument.objects.create(
        debate=debate, side=side, author=actor,
        text=_text(text, field="text", limit=2000, required_message=_("Write your argument.")))
    # Those who follow the debate hear of it (coalesced: one notification counts them);
    # the author follows it from now on, to hear of the answers and of its conclusion.
    notify_on_commit(territory=debate.territory, target=debate, verb="agora.argument_added",
                     actor=actor, recipients=followers_of(debate) - {actor.pk})
    follow(user=actor, target=debate)
    return argument


@transaction.atomic
def debate_close(*, actor, debate: Debate, conclusion: str) -> Debate:
    if not actor.has_perm("agora.manage", debate.territory):
        raise PermissionDenied
    debate.conclusion = _text(conclusion, field="conclusion", limit=8000,
                              required_message=_("Write the conclusion of the debate."))
    was_open = debate.closed_at is None
    debate.closed_at = debate.closed_at or timezone.now()
    debate.save(update_fields=["conclusion", "closed_at"])
    on_commit_index(debate)
    if was_open:  # those who argued and those who follow the consultation
        recipients = followers_of(debate.consultation) | followers_of(debate) | set(
            debate.arguments.exclude(author=None).values_list("author_id", flat=True))
        notify_on_commit(territory=debate.territory, target=debate,
                         verb="agora.debate_closed", actor=actor, recipients=recipients)
    return debate


@transaction.atomic
def proposal_hide(*, actor, proposal: Proposal, hidden: bool = True) -> Proposal:
    """Moderation hid a proposal (or showed it again): out of the lists, exports and
    search; its authors and the team still read it, marked."""
    if proposal.is_hidden != hidden:
        proposal.is_hidden = hidden
        proposal.save(update_fields=["is_hidden"])
    on_commit_index(proposal)
    return proposal


@transaction.atomic
def argument_hide(*, actor, argument: Argument, hidden: bool = True) -> Argument:
    """Moderation hid an argument (or showed it again): readers see that it is hidden."""
    if argument.is_hidden != hidden:
        argument.is_hidden = hidden
        argument.save(update_fields=["is_hidden"])
    return argument


# "Understand" pages ------------------------------------------------------------------------

@transaction.atomic
def page_save(*, actor, territory: Territory, page: UnderstandPage | None = None, title: str,
              slug: str, summary: str = "", body: str, axis: str = "",
              is_published: bool = False) -> UnderstandPage:
    """The team writes an explanatory page; unknown chart codes are refused by name."""
    from django.utils.text import slugify

    from territoria.indicators.models import Indicator

    if not actor.has_perm("agora.manage", territory):
        raise PermissionDenied
    slug = slugify(slug or title)[:80]
    if not slug:
        raise ValidationError({"slug": _("Give the page an address.")})
    if UnderstandPage.objects.filter(territory=territory, slug=slug).exclude(
            pk=page.pk if page else None).exists():
        raise ValidationError({"slug": _("Another page already has this address.")})
    codes = {b.value for b in render_markup(body or "") if b.kind == "chart"}
    unknown = codes - set(Indicator.objects.filter(code__in=codes).values_list("code",
                                                                               flat=True))
    if unknown:
        raise ValidationError({"body": _("Unknown indicator: %(codes)s.") % {
            "codes": ", ".join(sorted(unknown))}})
    if axis and axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis of life.")})
    page = page or UnderstandPage(territory=territory)
    page.title = _line(title, field="title", limit=200,
                       required_message=_("Give the page a title."))
    page.slug, page.axis, page.is_published, page.updated_by = slug, axis or "", bool(
        is_published), actor
    page.summary = _line(summary, field="summary", limit=300, required_message="")
    page.body = _text(body, field="body", limit=40000, required_message=_("Write the page."))
    page.save()
    on_commit_index(page)
    return page


# Events ------------------------------------------------------------------------------------

@transaction.atomic
def event_save(*, actor, territory: Territory, event: Event | None = None, title: str,
               description: str = "", format: str = Event.Format.IN_PERSON,
               starts_at: datetime, ends_at: datetime, place: str = "",
               online_url: str = "", capacity: int | None = None,
               registration_open: bool = True, agenda: str = "",
               consultation: Consultation | None = None) -> Event:
    if not actor.has_perm("agora.manage", territory):
        raise PermissionDenied
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("An event ends after it starts.")})
    if format not in Event.Format.values:
        raise ValidationError({"format": _("Choose in person or online.")})
    if format == Event.Format.IN_PERSON and not (place or "").strip():
        raise ValidationError({"place": _("Give the place of the meeting.")})
    if format == Event.Format.ONLINE and not online_url:
        raise ValidationError({"online_url": _("Give the address of the online meeting.")})
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("At least one seat, or empty for no limit.")})
    if consultation is not None and consultation.territory_id != territory.pk:
        raise ValidationError({"consultation": _("Choose a consultation of the territory.")})
    event = event or Event(territory=territory)
    event.title = _line(title, field="title", limit=200,
                        required_message=_("Give the event a title."))
    event.description = _text(description, field="description", limit=6000,
                              required_message=None)
    event.agenda = _text(agenda, field="agenda", limit=6000, required_message=None)
    event.format, event.starts_at, event.ends_at = format, starts_at, ends_at
    event.place = _line(place, field="place", limit=300, required_message="")
    event.online_url, event.capacity = online_url or "", capacity
    event.registration_open, event.consultation = bool(registration_open), consultation
    event.save()
    on_commit_index(event)
    _promote(event)  # a larger capacity lets people in from the waiting list
    return event


def _promote(event: Event) -> int:
    """Fill the free seats from the waiting list, first come first served; each person
    promoted is told."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    waiting = event.registrations.filter(status=Registration.Status.WAITING)
    n = registrations.seats_to_fill(capacity=event.capacity, confirmed=confirmed,
                                    waiting=waiting.count())
    if not n:
        return 0
    promoted = list(waiting.order_by("created_at", "pk").values_list("pk", "user_id")[:n])
    moved = Registration.objects.filter(pk__in=[pk for pk, _user in promoted]).update(
        status=Registration.Status.CONFIRMED)
    notify_on_commit(territory=event.territory, target=event,
                     verb="agora.registration_confirmed",
                     recipients=[user_id for _pk, user_id in promoted])
    return moved


@transaction.atomic
def registration_create(*, user, event: Event) -> Registration:
    """Register for an event: confirmed while seats remain, else on the waiting list. The
    event's row is locked so that two people cannot take the last seat together."""
    if not user.has_perm("agora.register_event", event.territory):
        raise PermissionDenied
    refuse_if_blocked(user=user, territory=event.territory)
    Event.objects.select_for_update().filter(pk=event.pk).values_list("pk").first()
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This event is over."))
    if not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing:
        return existing
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    try:
        with transaction.atomic():
            return Registration.objects.create(
                event=event, user=user,
                status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED)
    except IntegrityError:
        return Registration.objects.get(event=event, user=user)


@transaction.atomic
def registration_cancel(*, user, event: Event) -> bool:
    """Cancel one's registration; the first person waiting takes the freed seat."""
    Event.objects.select_for_update().filter(pk=event.pk).values_list("pk").first()
    removed, _details = Registration.objects.filter(event=event, user=user).delete()
    if removed:
        _promote(event)
    return bool(removed)


@transaction.atomic
def minutes_publish(*, actor, event: Event, minutes: str) -> Event:
    if not actor.has_perm("agora.manage", event.territory):
        raise PermissionDenied
    event.minutes = _text(minutes, field="minutes", limit=20000,
                          required_message=_("Write the minutes."))
    first = event.minutes_published_at is None
    event.minutes_published_at = event.minutes_published_at or timezone.now()
    event.save(update_fields=["minutes", "minutes_published_at"])
    on_commit_index(event)
    if first:  # those who follow the event or registered for it; a correction is silent
        recipients = followers_of(event) | set(
            event.registrations.values_list("user_id", flat=True))
        notify_on_commit(territory=event.territory, target=event,
                         verb="agora.minutes_published", actor=actor,
                         recipients=recipients - {actor.pk})
    return event
