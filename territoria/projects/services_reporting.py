"""Writes of framing (versions, sign-off, the mission letter) and reporting (campaigns,
reports, reminders)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from territoria.projects.models import Campaign, Framing, Project, ReminderSent, Report

FRAMING_FIELDS = ("context", "objectives", "scope_in", "scope_out", "deliverables", "team",
                  "budget_envelope", "start_on", "end_on", "success_indicators")


TEXT_FIELDS = ("context", "objectives", "scope_in", "scope_out", "deliverables", "team",
               "success_indicators")


def _check_framing(values: dict) -> dict:
    errors = {}
    for field in TEXT_FIELDS:
        values[field] = (values.get(field) or "").strip()
    for field in ("context", "objectives"):
        values[field] = (values.get(field) or "").strip()
        if not values[field]:
            errors[field] = _("This field is required.")
    envelope = values.get("budget_envelope")
    if envelope is not None and envelope < 0:
        errors["budget_envelope"] = _("An amount is a positive number of euros.")
    if values.get("start_on") and values.get("end_on") and values["end_on"] < values["start_on"]:
        errors["end_on"] = _("The project ends before it starts.")
    if errors:
        raise ValidationError(errors)
    return values


def framing_current(project: Project) -> Framing | None:
    return project.framings.order_by("-version").first()


@transaction.atomic
def framing_save(*, actor, project: Project, **fields) -> Framing:
    """Write the framing's draft. A submitted framing waits for its sign-off (withdraw it
    first); after a signed one, this starts the re-framing: a new draft version."""
    values = _check_framing({name: fields.get(name) for name in FRAMING_FIELDS})
    Project.objects.select_for_update().get(pk=project.pk)
    current = framing_current(project)
    if current is not None and current.status == Framing.Status.SUBMITTED:
        raise PermissionDenied(_("The framing waits for its sign-off: take it back to draft "
                                 "to change it."))
    if current is None or current.status == Framing.Status.SIGNED:
        number = (project.framings.aggregate(last=Max("version"))["last"] or 0) + 1
        current = Framing(project=project, version=number, created_by=actor)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    return current


@transaction.atomic
def framing_submit(*, actor, framing: Framing) -> Framing:
    if framing.status != Framing.Status.DRAFT:
        raise PermissionDenied(_("Only a draft framing is submitted."))
    framing.status = Framing.Status.SUBMITTED
    framing.save(update_fields=["status"])
    return framing


@transaction.atomic
def framing_withdraw(*, actor, framing: Framing) -> Framing:
    if framing.status != Framing.Status.SUBMITTED:
        raise PermissionDenied(_("Only a submitted framing goes back to draft."))
    framing.status = Framing.Status.DRAFT
    framing.save(update_fields=["status"])
    return framing


@transaction.atomic
def framing_sign(*, actor, framing: Framing, signatory_name: str, signatory_quality: str,
                 signed_on: date):
    """Record the committee's sign-off (who signed, in what quality, when, and who recorded
    it): the version never changes again, and its mission letter is drawn as a PDF by the
    worker. Returns the letter's job."""
    from territoria.core.services import job_enqueue
    from territoria.projects.tasks import draw_mission_letter

    framing = Framing.objects.select_for_update().get(pk=framing.pk)
    if framing.status != Framing.Status.SUBMITTED:
        raise PermissionDenied(_("Only a framing submitted for sign-off can be signed."))
    name = (signatory_name or "").strip()
    if not name:
        raise ValidationError({"signatory_name": _("Who signed it?")})
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The date of a sign-off that took place.")})
    framing.status, framing.signed_on = Framing.Status.SIGNED, signed_on
    framing.signatory_name = name
    framing.signatory_quality = (signatory_quality or "").strip()
    framing.signed_by = actor
    job = job_enqueue(task=draw_mission_letter,
                      title=_("Mission letter of %(project)s") % {
                          "project": framing.project.title},
                      user=actor, territory=framing.project.territory, total=2,
                      framing_id=framing.pk, language=get_language() or "fr")
    framing.letter_job = job
    framing.save()
    return job


def _check_campaign(title, period_start, period_end, due_on) -> str:
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the campaign a title (e.g. November 2026).")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if period_start and due_on and due_on < period_start:
        errors["due_on"] = _("Reports are due after the period starts.")
    if errors:
        raise ValidationError(errors)
    return title


@transaction.atomic
def campaign_open(*, actor, territory, title: str, period_start: date, period_end: date,
                  due_on: date, projects=None) -> Campaign:
    """Open a reporting campaign for ``projects`` (default: every planned or running
    project of the territory)."""
    title = _check_campaign(title, period_start, period_end, due_on)
    if projects is None:
        projects = Project.objects.filter(territory=territory, stage__in=("planned", "running"))
    projects = list(projects)
    if any(p.territory_id != territory.pk for p in projects):
        raise ValidationError({"projects": _("These projects are not all the territory's.")})
    if not projects:
        raise ValidationError({"projects": _("No project to report: none is planned or "
                                             "running.")})
    campaign = Campaign.objects.create(territory=territory, title=title,
                                       period_start=period_start, period_end=period_end,
                                       due_on=due_on, created_by=actor)
    campaign.projects.set(projects)
    return campaign


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    campaign.status = Campaign.Status.CLOSED
    campaign.save(update_fields=["status"])
    return campaign


@transaction.atomic
def report_submit(*, actor, campaign: Campaign, project: Project, status: str,
                  progress: int, highlights: str = "", issues: str = "",
                  needs_decision: bool = False, decision_needed: str = "") -> Report:
    """The lead's report for the campaign: editable until the campaign closes."""
    if campaign.status != Campaign.Status.OPEN:
        raise PermissionDenied(_("This campaign is closed: its reports no longer change."))
    if not campaign.projects.filter(pk=project.pk).exists():
        raise ValidationError(_("This project is not part of the campaign."))
    errors = {}
    if status not in Report.Health.values:
        errors["status"] = _("Choose on track, at risk or late.")
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage between 0 and 100.")
    decision_needed = (decision_needed or "").strip()
    if needs_decision and not decision_needed:
        errors["decision_needed"] = _("Say which decision is needed.")
    if errors:
        raise ValidationError(errors)
    report, _created = Report.objects.update_or_create(
        campaign=campaign, project=project,
        defaults={"status": status, "progress": progress,
                  "highlights": (highlights or "").strip(), "issues": (issues or "").strip(),
                  "needs_decision": needs_decision,
                  "decision_needed": decision_needed if needs_decision else "",
                  "submitted_by": actor})
    return report


def report_reminders_send(*, today: date | None = None) -> int:
    """Remind the leads of the projects that have not reported in an open campaign, at most
    once a day per campaign and project. Returns how many were reminded."""
    from territoria.notifications.services import notify

    today = today or timezone.localdate()
    sent = 0
    for campaign in Campaign.objects.filter(status=Campaign.Status.OPEN,
                                            period_start__lte=today):
        reported = set(campaign.reports.values_list("project_id", flat=True))
        for project in campaign.projects.exclude(pk__in=reported).exclude(lead=None):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(campaign=campaign, project=project,
                                                sent_on=today)
                    notify(territory=campaign.territory, target=project,
                           verb="projects.report_due", recipients=[project.lead_id])
            except IntegrityError:
                continue
            sent += 1
    return sent
