"""Reads of the Agorapolis, always within one territory (or one consultation of it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from territoria.agora.domain.lifecycle import PUBLIC
from territoria.agora.domain.phases import Action, ActionWindow, action_window, current_phase
from territoria.agora.models import (
    Argument,
    Attachment,
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
from territoria.core.models import Territory

PUBLIC_STATUSES = sorted(s.value for s in PUBLIC)
SORTS = {"supports": ("-support_count", "-id"), "recent": ("-published_at", "-id"),
         "title": ("title", "id")}


def _sees_everything(user, territory) -> bool:
    return bool(user.has_perm("agora.manage", territory))


def _count(model, field: str, **filters):
    return Coalesce(Subquery(model.objects.filter(**{field: OuterRef("pk")}, **filters)
                             .order_by().values(field).annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def consultation_list(*, territory: Territory, user) -> QuerySet[Consultation]:
    """Published consultations (and, for the team, those in preparation), newest first,
    with their public proposals counted and their phases prefetched."""
    consultations = Consultation.objects.filter(territory=territory)
    if not _sees_everything(user, territory):
        consultations = consultations.filter(is_published=True)
    return (consultations.select_related("territory")
            .annotate(proposal_count=_count(Proposal, "consultation",
                                            status__in=PUBLIC_STATUSES,
                                            merged_into__isnull=True, is_hidden=False))
            .prefetch_related("phases").order_by("-created_at"))


def consultation_get(*, territory: Territory, consultation_id: int, user) -> Consultation:
    consultation = (Consultation.objects.filter(territory=territory, pk=consultation_id)
                    .select_related("territory").prefetch_related("phases").first())
    if consultation is None or not (consultation.is_published
                                    or _sees_everything(user, territory)):
        raise Http404
    return consultation


def phase_get(*, consultation: Consultation, phase_id: int) -> Phase:
    phase = consultation.phases.filter(pk=phase_id).first()
    if phase is None:
        raise Http404
    phase.consultation = consultation
    return phase


@dataclass(frozen=True)
class PhaseState:
    phases: list[Phase]
    current: Phase | None
    windows: dict[str, ActionWindow]


def phase_state(*, consultation: Consultation, now: datetime | None = None) -> PhaseState:
    """The phases, the running one, and when each action is open (for "Supports open until
    12 March")."""
    now = now or timezone.now()
    phases = list(consultation.phases.all())
    windows = consultation.phase_windows()
    running = current_phase(windows, now)
    return PhaseState(
        phases=phases,
        current=next((p for p in phases if running and p.pk == running.key), None),
        windows={a.value: action_window(windows, a, now) for a in Action})


def proposal_list(*, consultation: Consultation, axis: str = "", status: str = "",
                  commune_id: int | None = None, sort: str = "supports"
                  ) -> QuerySet[Proposal]:
    """The consultation's public proposals (not drafts, not merged duplicates, not hidden by
    moderation), filtered and sorted; the index ``agora_proposal_by_support`` serves the
    default order."""
    proposals = Proposal.objects.filter(consultation=consultation, merged_into__isnull=True,
                                        is_hidden=False)
    proposals = proposals.filter(status=status) if status in PUBLIC_STATUSES else (
        proposals.filter(status__in=PUBLIC_STATUSES))
    if axis:
        proposals = proposals.filter(axis=axis)
    if commune_id:
        proposals = proposals.filter(commune_id=commune_id)
    return (proposals.select_related("commune")
            .only("pk", "title", "status", "axis", "support_count", "published_at",
                  "consultation_id", "territory_id", "merged_into_id", "commune__name")
            .order_by(*SORTS.get(sort, SORTS["supports"])))


def proposal_drafts(*, consultation: Consultation, user) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(
        Q(author=user) | Q(coauthors__user=user, coauthors__accepted_at__isnull=False),
        consultation=consultation, status=Proposal.Status.DRAFT).distinct()


def proposal_get(*, territory: Territory, proposal_id: int, user) -> Proposal:
    """A proposal of the territory that ``user`` may read (404 otherwise: a draft is
    readable by its authors and the team only)."""
    proposal = (Proposal.objects.filter(territory=territory, pk=proposal_id)
                .select_related("consultation", "consultation__territory", "author",
                                "commune", "merged_into")
                .prefetch_related("consultation__phases").first())
    if proposal is None or not user.has_perm("agora.view_proposal", proposal):
        raise Http404
    proposal.territory = territory
    return proposal


def proposal_for_support(*, territory: Territory, proposal_id: int) -> Proposal:
    """The proposal a support is about, with what the rules read, in two queries."""
    proposal = (Proposal.objects.filter(territory=territory, pk=proposal_id)
                .select_related("consultation", "consultation__territory")
                .prefetch_related("consultation__phases").first())
    if proposal is None:
        raise Http404
    proposal.territory = territory
    return proposal


def supported_ids(*, user, proposal_ids) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Support.objects.filter(user=user, proposal_id__in=list(proposal_ids))
               .values_list("proposal_id", flat=True))


def supports_used(*, user, consultation: Consultation) -> int:
    if not user.is_authenticated:
        return 0
    return Support.objects.filter(user=user, consultation_id=consultation.pk).count()


def answer_visible(*, proposal: Proposal, user) -> OfficialAnswer | None:
    """The official answer: public once published; the team sees a scheduled one too."""
    answer = OfficialAnswer.objects.filter(proposal=proposal).first()
    if answer is None:
        return None
    if answer.is_published or _sees_everything(user, proposal.territory):
        return answer
    return None


def proposals_awaiting_answer(*, consultation: Consultation) -> QuerySet[Proposal]:
    """Public proposals that reached the consultation's threshold and have no official
    answer yet (empty when the consultation sets no threshold)."""
    if not consultation.answer_threshold:
        return Proposal.objects.none()
    return (Proposal.objects.filter(consultation=consultation, status__in=PUBLIC_STATUSES,
                                    merged_into__isnull=True,
                                    support_count__gte=consultation.answer_threshold,
                                    answer__isnull=True)
            .order_by("-support_count", "pk"))


def attachment_get(*, proposal: Proposal, attachment_id: int) -> Attachment:
    attachment = proposal.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def debate_list(*, consultation: Consultation) -> QuerySet[Debate]:
    return (Debate.objects.filter(consultation=consultation)
            .annotate(for_count=_count(Argument, "debate", side="for", is_hidden=False),
                      against_count=_count(Argument, "debate", side="against",
                                           is_hidden=False)))


def debate_get(*, territory: Territory, debate_id: int, user) -> Debate:
    debate = (Debate.objects.filter(territory=territory, pk=debate_id)
              .select_related("consultation", "consultation__territory")
              .prefetch_related("consultation__phases").first())
    if debate is None or not user.has_perm("agora.view_consultation", debate.consultation):
        raise Http404
    return debate


def page_list(*, territory: Territory, user) -> QuerySet[UnderstandPage]:
    pages = UnderstandPage.objects.filter(territory=territory)
    if not _sees_everything(user, territory):
        pages = pages.filter(is_published=True)
    return pages


def page_get(*, territory: Territory, slug: str, user) -> UnderstandPage:
    page = page_list(territory=territory, user=user).filter(slug=slug).first()
    if page is None:
        raise Http404
    return page


def event_list(*, territory: Territory, upcoming: bool | None = None,
               consultation: Consultation | None = None) -> QuerySet[Event]:
    events = Event.objects.filter(territory=territory)
    if consultation is not None:
        events = events.filter(consultation=consultation)
    if upcoming is True:
        events = events.filter(ends_at__gte=timezone.now())
    elif upcoming is False:
        events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
    return events.annotate(
        confirmed_count=_count(Registration, "event", status=Registration.Status.CONFIRMED),
        waiting_count=_count(Registration, "event", status=Registration.Status.WAITING))


def event_get(*, territory: Territory, event_id: int) -> Event:
    event = event_list(territory=territory).filter(pk=event_id).select_related(
        "consultation").first()
    if event is None:
        raise Http404
    return event


def registration_of(*, event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waiting_position(*, registration: Registration) -> int:
    """1 for the first person waiting."""
    return Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)).count() + 1


def registrations_for_team(*, event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user").order_by("status", "created_at", "pk")




def account_agora(user) -> dict:
    """What the Agorapolis holds about a person, for their data export (GDPR art. 15, 20)."""
    def when(value):
        return value.isoformat() if value else None

    return {
        "proposals": [{"territory": t, "consultation": c, "title": title, "body": body,
                       "status": status, "created_at": when(at)}
                      for t, c, title, body, status, at in Proposal.objects.filter(author=user)
                      .values_list("territory__slug", "consultation__title", "title", "body",
                                   "status", "created_at").order_by("pk")],
        "supports": [{"proposal": title, "created_at": when(at)}
                     for title, at in Support.objects.filter(user=user)
                     .values_list("proposal__title", "created_at").order_by("pk")],
        "arguments": [{"debate": q, "side": side, "text": text, "created_at": when(at)}
                      for q, side, text, at in Argument.objects.filter(author=user)
                      .values_list("debate__question", "side", "text", "created_at")
                      .order_by("pk")],
        "registrations": [{"event": title, "status": status, "created_at": when(at)}
                          for title, status, at in Registration.objects.filter(user=user)
                          .values_list("event__title", "status", "created_at").order_by("pk")],
    }
