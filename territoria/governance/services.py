"""Writes of the governance: bodies, meetings (agenda, attendance, minutes), decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership
from territoria.core.agenda import AgendaItem
from territoria.search.index import on_commit_index
from territoria.governance.models import (
    AgendaEntry,
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
)


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _members_of_territory(territory, users: Iterable) -> list:
    users = [u for u in users if u is not None]
    known = set(Membership.objects.filter(territory=territory, user__in=users)
                .values_list("user_id", flat=True))
    if any(user.pk not in known for user in users):
        raise ValidationError(_("Only members of the territory can sit on its bodies."))
    return users


@transaction.atomic
def body_create(*, actor, territory, kind: str, name: str, description: str = "",
                chair=None, project=None) -> Body:
    name = _required(name, "name", _("Give the body a name."))
    if kind not in Body.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of body.")})
    if kind == Body.Kind.PROJECT_TEAM and project is None:
        raise ValidationError({"project": _("A project team is the team of a project.")})
    if project is not None and project.territory_id != territory.pk:
        raise ValidationError({"project": _("This project is not one of the territory's.")})
    if Body.objects.filter(territory=territory, name__iexact=name).exists():
        raise ValidationError({"name": _("The territory already has a body of that name.")})
    _members_of_territory(territory, [chair])
    body = Body.objects.create(territory=territory, kind=kind, name=name, chair=chair,
                               description=(description or "").strip(), project=project)
    if chair is not None:
        BodyMember.objects.create(body=body, user=chair, quality=_("chair"))
    return body


@transaction.atomic
def body_member_add(*, actor, body: Body, user, quality: str = "") -> BodyMember:
    _members_of_territory(body.territory, [user])
    member, _created = BodyMember.objects.update_or_create(
        body=body, user=user, defaults={"quality": (quality or "").strip()})
    return member


@transaction.atomic
def body_member_remove(*, actor, body: Body, user) -> None:
    BodyMember.objects.filter(body=body, user=user).delete()


@transaction.atomic
def meeting_create(*, actor, body: Body, starts_at: datetime, place: str = "") -> Meeting:
    return Meeting.objects.create(territory=body.territory, body=body, starts_at=starts_at,
                                  place=(place or "").strip(), created_by=actor)


def _next_order(meeting: Meeting) -> int:
    return (meeting.agenda.aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def agenda_add_proposed(*, actor, meeting: Meeting, items: Iterable[AgendaItem]) -> int:
    """Put items the platform proposed (``core.agenda.agenda_items``) on the agenda; an item
    already there (same source and title) is not added twice. Returns how many were added."""
    present = set(meeting.agenda.values_list("source", "title"))
    order, added = _next_order(meeting), 0
    for item in items:
        if (item.source, item.title[:300]) in present:
            continue
        AgendaEntry.objects.create(meeting=meeting, order=order, title=item.title[:300],
                                   reason=item.reason, source=item.source,
                                   project_id=item.project_id, url=item.url[:500])
        present.add((item.source, item.title[:300]))
        order, added = order + 1, added + 1
    return added


@transaction.atomic
def agenda_add(*, actor, meeting: Meeting, title: str, reason: str = "") -> AgendaEntry:
    title = _required(title, "title", _("Say what the item is."))
    return AgendaEntry.objects.create(meeting=meeting, order=_next_order(meeting),
                                      title=title[:300], reason=(reason or "").strip())


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, statuses: Mapping[int, str]) -> None:
    """Record who was present, excused or absent among the body's members; the meeting is
    then held."""
    members = set(meeting.body.members.values_list("user_id", flat=True))
    for user_id, status in statuses.items():
        if user_id not in members or status not in Attendance.Status.values:
            raise ValidationError(_("Attendance is recorded for the body's members only."))
        Attendance.objects.update_or_create(meeting=meeting, user_id=user_id,
                                            defaults={"status": status})
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])


@transaction.atomic
def minutes_save(*, actor, meeting: Meeting, minutes: str, publish: bool) -> Meeting:
    """Write the minutes; published minutes are public (the meeting is then held)."""
    minutes = (minutes or "").strip()
    if publish and not minutes:
        raise ValidationError({"minutes": _("Write the minutes before publishing them.")})
    if publish and meeting.starts_at > timezone.now():
        raise ValidationError({"minutes": _("The minutes of a meeting are published after "
                                            "it is held.")})
    meeting.minutes = minutes
    fields = ["minutes"]
    if publish:
        meeting.minutes_published_at = timezone.now()
        meeting.status = Meeting.Status.HELD
        fields += ["minutes_published_at", "status"]
    meeting.save(update_fields=fields)
    return meeting


def _decision_fields(*, territory, kind, title, text, decided_on, projects, confidential,
                     confidential_reason, stage_to, meeting, amends) -> dict:
    errors = {}
    if kind not in Decision.Kind.values:
        errors["kind"] = _("Choose the kind of decision.")
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        errors["title"] = _("Give the decision a title.")
    if not text:
        errors["text"] = _("Write what was decided.")
    reason = (confidential_reason or "").strip()
    if confidential and not reason:
        errors["confidential_reason"] = _("A confidential decision needs the reason why it "
                                          "is not made public.")
    projects = list(projects)
    if any(project.territory_id != territory.pk for project in projects):
        errors["projects"] = _("These projects are not all the territory's.")
    if stage_to:
        from territoria.projects.models import Project

        if stage_to not in Project.Stage.values:
            errors["stage_to"] = _("Choose a stage.")
        elif len(projects) != 1:
            errors["stage_to"] = _("A decision moves one project: choose exactly one.")
    if amends is not None and (amends.territory_id != territory.pk or not amends.is_published):
        errors["amends"] = _("Only a published decision of the territory can be amended.")
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "title": title, "text": text, "decided_on": decided_on,
            "confidential": bool(confidential),
            "confidential_reason": reason if confidential else "", "stage_to": stage_to or "",
            "meeting": meeting, "amends": amends}


@transaction.atomic
def decision_create(*, actor, body: Body, kind: str, title: str, text: str,
                    decided_on: date, projects: Iterable = (), confidential: bool = False,
                    confidential_reason: str = "", stage_to: str = "", meeting=None,
                    amends=None, agenda_entry=None) -> Decision:
    """Draft a decision of ``body``."""
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError({"meeting": _("This meeting is not one of the body's.")})
    fields = _decision_fields(territory=body.territory, kind=kind, title=title, text=text,
                              decided_on=decided_on, projects=projects,
                              confidential=confidential,
                              confidential_reason=confidential_reason, stage_to=stage_to,
                              meeting=meeting, amends=amends)
    decision = Decision.objects.create(territory=body.territory, body=body, created_by=actor,
                                       agenda_entry=agenda_entry, **fields)
    decision.projects.set(projects)
    return decision


@transaction.atomic
def decision_update(*, actor, decision: Decision, kind: str, title: str, text: str,
                    decided_on: date, projects: Iterable = (), confidential: bool = False,
                    confidential_reason: str = "", stage_to: str = "") -> Decision:
    """Change a draft. A published decision never changes: refused, nothing written."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.is_published:
        raise PermissionDenied(_("A published decision cannot be changed. Record a new "
                                 "decision that amends it."))
    fields = _decision_fields(territory=decision.territory, kind=kind, title=title, text=text,
                              decided_on=decided_on, projects=projects,
                              confidential=confidential,
                              confidential_reason=confidential_reason, stage_to=stage_to,
                              meeting=decision.meeting, amends=decision.amends)
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.save()
    decision.projects.set(projects)
    return decision


@transaction.atomic
def decision_publish(*, actor, decision: Decision) -> Decision:
    """Publish a decision: from now on it never changes. A decision that moves a project
    (``stage_to``) moves it with the decision as its reason: the governance and steering
    committees arbitrate, the PMO and project teams advance and re-frame only (a move
    they may not make is refused and nothing is published)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.is_published:
        raise PermissionDenied(_("This decision is already published."))
    decision.status = Decision.Status.PUBLISHED
    decision.published_at, decision.published_by = timezone.now(), actor
    decision.save(update_fields=["status", "published_at", "published_by"])
    on_commit_index(decision)
    if decision.stage_to:
        from territoria.projects.domain.stages import Authority
        from territoria.projects.services import project_stage_move

        project = decision.projects.get()
        if project.stage != decision.stage_to:
            project_stage_move(actor=actor, project=project, to_stage=decision.stage_to,
                               reason=_("Decision of %(body)s on %(date)s: %(title)s") % {
                                   "body": decision.body.name,
                                   "date": decision.decided_on.isoformat(),
                                   "title": decision.title},
                               authority=(Authority.GOVERNANCE if decision.body.kind in (
                                   Body.Kind.GOVERNANCE, Body.Kind.STEERING)
                                   else Authority.PMO))
    return decision
