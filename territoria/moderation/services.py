"""Writes of moderation: reports, the team's decisions, blocks, the threshold; each one
logged in ``ModerationAction`` (who, what, when, why)."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from territoria.core.models import Territory
from territoria.moderation import registry
from territoria.moderation.domain import rules
from territoria.moderation.models import (
    Block,
    ModeratedContent,
    ModerationAction,
    ModerationSettings,
    Reason,
    Report,
)
from territoria.moderation.selectors import active_block, report_threshold

DETAILS_LIMIT = 1000


def blocked_message(block: Block) -> str:
    """What a blocked person reads when they try to take part."""
    if block.ends_at:
        return _("You are blocked in this territory until %(date)s: you cannot comment, "
                 "report or contribute there. Reason given by the moderators: %(reason)s") % {
            "date": formats.date_format(timezone.localtime(block.ends_at), "DATE_FORMAT"),
            "reason": block.reason}
    return _("You are blocked in this territory: you cannot comment, report or contribute "
             "there. Reason given by the moderators: %(reason)s") % {"reason": block.reason}


def refuse_if_blocked(*, user, territory: Territory) -> None:
    """Raise a ValidationError with a clear message when ``user`` is blocked there."""
    block = active_block(user=user, territory=territory)
    if block is not None:
        raise ValidationError(blocked_message(block), code="blocked")


def _log(*, territory, kind, actor=None, content=None, user=None, subject="",
         reason_code="", reports=None, note=""):
    return ModerationAction.objects.create(
        territory=territory, kind=kind, actor=actor, content=content, user=user,
        subject=subject[:300], reason_code=reason_code, reports=reports, note=note)


def _subject(entry: registry.Reportable, obj) -> str:
    """The content in one line of at most 300 characters, as the log keeps it."""
    text = " ".join(f"{entry.label(obj)} — {entry.text(obj)}".split())
    return text if len(text) <= 300 else text[:299].rstrip() + "…"


def _apply_visibility(entry: registry.Reportable, obj, *, hidden: bool) -> None:
    if entry.on_visibility is not None and obj is not None:
        entry.on_visibility(obj, hidden)


def _state_of(obj, *, entry: registry.Reportable, territory: Territory) -> ModeratedContent:
    """The object's moderation row, created on first use, locked for this transaction."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    try:
        with transaction.atomic():
            ModeratedContent.objects.get_or_create(
                content_type=content_type, object_id=obj.pk,
                defaults={"territory": territory, "author_id": entry.author_id_of(obj)})
    except IntegrityError:  # created at the same moment by another request
        pass
    return ModeratedContent.objects.select_for_update().get(content_type=content_type,
                                                           object_id=obj.pk)


@transaction.atomic
def content_report(*, reporter, obj, reason: str, details: str = "") -> Report:
    """Report a piece of content, once per person; hide it pending review when its open
    reports reach the territory's threshold (``domain.rules.state_after_report``)."""
    entry = registry.for_model(obj)
    territory = entry.territory_of(obj)
    refuse_if_blocked(user=reporter, territory=territory)
    if not entry.can_report(obj):
        raise ValidationError(_("This content cannot be reported."))
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Choose why you report this content.")})
    details = (details or "").strip()
    if len(details) > DETAILS_LIMIT:
        raise ValidationError({"details": _("At most %(limit)s characters.") % {
            "limit": DETAILS_LIMIT}})
    if entry.author_id_of(obj) == reporter.pk:
        raise ValidationError(_("This is your own content: you cannot report it. You may "
                                "edit or delete it instead."))
    state = _state_of(obj, entry=entry, territory=territory)
    if state.status == ModeratedContent.Status.HIDDEN:
        raise ValidationError(_("The moderators have already hidden this content."))
    try:
        with transaction.atomic():
            report = Report.objects.create(territory=territory, content=state,
                                           reporter=reporter, reason=reason, details=details)
    except IntegrityError:
        raise ValidationError(_("You have already reported this content; the moderators "
                                "will review it.")) from None
    open_reports = state.reports.filter(status=Report.Status.OPEN).count()
    if state.status == ModeratedContent.Status.RESTORED and open_reports == 1:
        state.first_reported_at = timezone.now()  # back in the queue, as a new case
    before = rules.State(state.status)
    after = rules.state_after_report(before, open_reports=open_reports,
                                     threshold=report_threshold(territory=territory))
    state.status = after.value
    state.save(update_fields=["status", "first_reported_at"])
    if after is rules.State.PENDING and before is not rules.State.PENDING:
        _log(territory=territory, kind=ModerationAction.Kind.AUTO_HIDE, content=state,
             user=entry.author_of(obj), subject=_subject(entry, obj), reports=open_reports)
        _apply_visibility(entry, obj, hidden=True)
    return report


def _decide(*, actor, state: ModeratedContent, status: str, report_status: str) -> None:
    state.status = status
    state.decided_by = actor
    state.decided_at = timezone.now()
    state.save(update_fields=["status", "hidden_reason", "decided_by", "decided_at"])
    state.reports.filter(status=Report.Status.OPEN).update(status=report_status)


def _object_of(state: ModeratedContent):
    model = state.content_type.model_class()
    entry = registry.for_model(model)
    return entry, model._default_manager.filter(pk=state.object_id).first()


@transaction.atomic
def content_restore(*, actor, state: ModeratedContent, note: str = "") -> ModeratedContent:
    """The team finds nothing wrong: the reports are dismissed and the content is shown."""
    state = ModeratedContent.objects.select_for_update().get(pk=state.pk)
    was_hidden = state.is_hidden
    state.hidden_reason = ""
    _decide(actor=actor, state=state, status=ModeratedContent.Status.RESTORED,
            report_status=Report.Status.DISMISSED)
    entry, obj = _object_of(state)
    _log(territory=state.territory, kind=ModerationAction.Kind.RESTORE, actor=actor,
         content=state, user=state.author,
         subject=_subject(entry, obj) if obj is not None else "", note=note.strip())
    if was_hidden:
        _apply_visibility(entry, obj, hidden=False)
    return state


@transaction.atomic
def content_hide(*, actor, obj=None, state: ModeratedContent | None = None, reason: str,
                 note: str = "") -> ModeratedContent:
    """The team hides content for good, with a reason shown publicly in its place
    ("hidden by the moderators: offensive"). Content never reported can be hidden too."""
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Choose the reason shown in place of the content.")})
    if state is None:
        entry = registry.for_model(obj)
        state = _state_of(obj, entry=entry, territory=entry.territory_of(obj))
    else:
        state = ModeratedContent.objects.select_for_update().get(pk=state.pk)
        entry, obj = _object_of(state)
    was_hidden = state.is_hidden
    state.hidden_reason = reason
    _decide(actor=actor, state=state, status=ModeratedContent.Status.HIDDEN,
            report_status=Report.Status.UPHELD)
    _log(territory=state.territory, kind=ModerationAction.Kind.HIDE, actor=actor,
         content=state, user=state.author,
         subject=_subject(entry, obj) if obj is not None else "",
         reason_code=reason, note=note.strip())
    if not was_hidden:
        _apply_visibility(entry, obj, hidden=True)
    return state


@transaction.atomic
def user_block(*, actor, territory: Territory, user, reason: str,
               ends_at: datetime | None = None) -> Block:
    """Block a person in the territory, for good or until ``ends_at``."""
    from territoria.accounts.permissions import is_team

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the person is blocked; they will read it.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("At most %(limit)s characters.") % {"limit": 1000}})
    if ends_at is not None and ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("The end of the block must be in the future.")})
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot block yourself."))
    if is_team(user, territory):
        raise ValidationError(_("A member of the territory's team cannot be blocked; an "
                                "administrator may change their role first."))
    if active_block(user=user, territory=territory) is not None:
        raise ValidationError(_("This person is already blocked in the territory."))
    block = Block.objects.create(territory=territory, user=user, reason=reason,
                                 ends_at=ends_at, created_by=actor)
    _log(territory=territory, kind=ModerationAction.Kind.BLOCK, actor=actor, user=user,
         subject=str(user) if ends_at is None else f"{user} → {ends_at.date().isoformat()}",
         note=reason)
    return block


@transaction.atomic
def block_lift(*, actor, block: Block, note: str = "") -> Block:
    if not block.is_active():
        raise ValidationError(_("This block is no longer in force."))
    block.lifted_at = timezone.now()
    block.lifted_by = actor
    block.save(update_fields=["lifted_at", "lifted_by"])
    _log(territory=block.territory, kind=ModerationAction.Kind.UNBLOCK, actor=actor,
         user=block.user, subject=str(block.user), note=note.strip())
    return block


@transaction.atomic
def threshold_set(*, actor, territory: Territory, threshold: int) -> ModerationSettings:
    """Administrators choose how many reports hide content pending review. Content already
    reported keeps its state until its next report."""
    if not rules.threshold_is_valid(threshold):
        low, high = rules.THRESHOLD_RANGE
        raise ValidationError({"report_threshold": _(
            "Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high}})
    before = report_threshold(territory=territory)
    settings, _created = ModerationSettings.objects.update_or_create(
        territory=territory, defaults={"report_threshold": threshold, "updated_by": actor})
    if before != threshold:
        _log(territory=territory, kind=ModerationAction.Kind.THRESHOLD, actor=actor,
             subject=f"{before} → {threshold}", reports=threshold)
    return settings

