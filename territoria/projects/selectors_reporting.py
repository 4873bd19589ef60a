"""Reads of framing and reporting: a project's, and the portfolio's health in a constant
number of queries whatever the number of projects and campaigns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from territoria.projects.models import Campaign, Framing, Project, Report


@dataclass(frozen=True, slots=True)
class Health:
    status: str | None  # on_track, at_risk, late: the last report's
    progress: int | None
    reported_on: date | None
    campaign_title: str | None
    missing: bool  # the latest campaign past due has no report from it
    needs_decision: bool


def letter_context(framing: Framing) -> dict:
    project = framing.project
    return {"framing": framing, "project": project, "territory": project.territory}


def campaign_list(*, territory):
    return Campaign.objects.filter(territory=territory).order_by("-period_end", "-pk")


def campaign_rows(*, campaign) -> list[tuple[Project, Report | None]]:
    reports = {r.project_id: r for r in campaign.reports.all()}
    return [(project, reports.get(project.pk)) for project in
            campaign.projects.select_related("lead").order_by("title", "pk")]


def project_reports(*, project):
    return (Report.objects.filter(project=project).select_related("campaign")
            .order_by("-campaign__period_end", "-pk"))


def portfolio_health(*, territory, project_ids=None, today: date) -> dict[int, Health]:
    """Each project's last report (of the most recent campaign it answered) and whether it
    is missing from the latest campaign past due that concerns it: three queries."""
    latest = (Report.objects.filter(project=OuterRef("pk"))
              .order_by("-campaign__period_end", "-campaign_id").values("pk")[:1])
    projects = Project.objects.filter(territory=territory)
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
    report_ids = [pk for pk in projects.annotate(last=Subquery(latest))
                  .values_list("last", flat=True) if pk is not None]
    reports = {r.project_id: r for r in Report.objects.filter(pk__in=report_ids)
               .select_related("campaign").only(
                   "project_id", "status", "progress", "needs_decision", "submitted_at",
                   "campaign__title", "campaign__period_end")}
    missing: set[int] = set()
    past_due = (Campaign.objects.filter(territory=territory, due_on__lt=today)
                .order_by("-period_end", "-pk").first())
    if past_due is not None:
        concerned = set(past_due.projects.values_list("pk", flat=True))
        missing = concerned - set(past_due.reports.values_list("project_id", flat=True))
    wanted = set(project_ids) if project_ids is not None else None
    health = {}
    for pk in set(reports) | missing:
        if wanted is not None and pk not in wanted:
            continue
        report = reports.get(pk)
        health[pk] = Health(
            status=report.status if report else None,
            progress=report.progress if report else None,
            reported_on=report.submitted_at.date() if report else None,
            campaign_title=report.campaign.title if report else None,
            missing=pk in missing,
            needs_decision=bool(report and report.needs_decision))
    return health
