"""Reads of the governance, always for one territory."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from territoria.governance.models import Body, Decision, Meeting


def body_list(*, territory) -> QuerySet[Body]:
    return Body.objects.filter(territory=territory).select_related("chair", "project")


def body_get(*, territory, pk: int) -> Body:
    body = body_list(territory=territory).filter(pk=pk).first()
    if body is None:
        raise Http404("No such body")
    return body


def meeting_get(*, territory, pk: int) -> Meeting:
    meeting = (Meeting.objects.filter(territory=territory, pk=pk)
               .select_related("body").first())
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def meetings_upcoming(*, territory, limit: int = 10) -> QuerySet[Meeting]:
    return (Meeting.objects.filter(territory=territory, starts_at__gte=timezone.now(),
                                   status=Meeting.Status.PLANNED)
            .select_related("body").order_by("starts_at")[:limit])


def decision_get(*, user, territory, pk: int) -> Decision:
    """A decision the user may see: published ones for everyone, drafts for those who manage
    or sit on its body; 404 otherwise (a draft's existence is not told)."""
    decision = (Decision.objects.filter(territory=territory, pk=pk)
                .select_related("body", "meeting", "amends").first())
    if decision is None or not user.has_perm("governance.view_decision", decision):
        raise Http404("No such decision")
    return decision


def decision_log(*, territory, kind: str = "", year: int | None = None,
                 project_id: int | None = None) -> QuerySet[Decision]:
    """Published decisions, most recent first (confidential ones included: the page shows
    only their date, body and reason to those who may not read them)."""
    decisions = (Decision.objects.filter(territory=territory,
                                         status=Decision.Status.PUBLISHED)
                 .select_related("body").prefetch_related("projects"))
    if kind:
        decisions = decisions.filter(kind=kind)
    if year:
        decisions = decisions.filter(decided_on__year=year)
    if project_id:
        decisions = decisions.filter(projects__id=project_id)
    return decisions.order_by("-decided_on", "-pk")


def decision_drafts(*, user, territory) -> list[Decision]:
    drafts = (Decision.objects.filter(territory=territory, status=Decision.Status.DRAFT)
              .select_related("body").order_by("-created_at"))
    return [d for d in drafts if user.has_perm("governance.manage_decision", d)]


def decision_years(*, territory) -> list[int]:
    return sorted({d.year for d in Decision.objects.filter(
        territory=territory, status=Decision.Status.PUBLISHED)
        .values_list("decided_on", flat=True)}, reverse=True)


def project_decisions(*, project) -> QuerySet[Decision]:
    return (Decision.objects.filter(projects=project, status=Decision.Status.PUBLISHED)
            .select_related("body").order_by("-decided_on", "-pk"))


def bodies_of_user(*, user, territory) -> QuerySet[Body]:
    if not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    return Body.objects.filter(territory=territory).filter(
        Q(members__user=user) | Q(chair=user)).distinct()
