"""What the projects put forward for a governance meeting's agenda (core/agenda.py)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territoria.core.agenda import AgendaItem


def late_projects_items(territory, today: date) -> list[AgendaItem]:
    """Projects late on their plan: tasks past their last day and not done, or a finish
    later than the baseline's."""
    from territoria.projects.selectors_planning import late_projects

    items = []
    for project_id, title, late_tasks, slippage in late_projects(territory=territory,
                                                                 today=today):
        reasons = []
        if late_tasks:
            reasons.append(ngettext("%(n)s task is late", "%(n)s tasks are late",
                                    late_tasks) % {"n": late_tasks})
        if slippage and slippage > 0:
            reasons.append(ngettext("the finish slipped %(n)s day past the baseline",
                                    "the finish slipped %(n)s days past the baseline",
                                    slippage) % {"n": slippage})
        items.append(AgendaItem(
            source="projects.late", title=_("Late project: %(title)s") % {"title": title},
            reason="; ".join(reasons), project_id=project_id,
            url=reverse("projects:planning", args=[territory.slug, project_id])))
    return items


def waiting_projects_items(territory, today: date) -> list[AgendaItem]:
    """Projects in framing: their framing done, they wait for the committee's go / no-go."""
    from territoria.projects.models import Project

    return [AgendaItem(source="projects.waiting",
                       title=_("Go / no-go: %(title)s") % {"title": title},
                       reason=_("In framing since %(day)s.") % {
                           "day": (changed or created).date().isoformat()},
                       project_id=pk,
                       url=reverse("projects:project-detail", args=[territory.slug, pk]))
            for pk, title, changed, created in
            Project.objects.filter(territory=territory, stage=Project.Stage.FRAMING)
            .order_by("stage_changed_at", "pk")
            .values_list("pk", "title", "stage_changed_at", "created_at")]


def funding_items(territory, today: date) -> list[AgendaItem]:
    """Applications due within 30 days and still in preparation; planned or running projects
    whose financing plan does not cover the budget; open critical risks."""
    from datetime import timedelta

    from territoria.projects.models import FundingApplication, Project, Risk
    from territoria.projects.selectors_funding import portfolio_finance_summary

    items = []
    for application in (FundingApplication.objects
                        .filter(project__territory=territory, status="draft",
                                deadline__gte=today, deadline__lte=today + timedelta(days=30))
                        .select_related("project")):
        items.append(AgendaItem(
            source="projects.funding",
            title=_("Funding deadline: %(programme)s for %(project)s") % {
                "programme": application.programme, "project": application.project.title},
            reason=_("%(funder)s; the application is still in preparation.") % {
                "funder": application.funder},
            project_id=application.project_id, due=application.deadline,
            url=reverse("projects:budget", args=[territory.slug, application.project_id])))
    active = dict(Project.objects.filter(territory=territory, stage__in=("planned", "running"))
                  .values_list("pk", "title"))
    for pk, summary in portfolio_finance_summary(territory=territory,
                                                 project_ids=list(active)).items():
        if summary.planned and summary.financed < summary.planned:
            items.append(AgendaItem(
                source="projects.funding",
                title=_("Financing to complete: %(project)s") % {"project": active[pk]},
                reason=_("The financing plan covers %(share)s %% of the budget.") % {
                    "share": int(summary.financed * 100 / summary.planned)},
                project_id=pk, url=reverse("projects:budget", args=[territory.slug, pk])))
    for risk in (Risk.objects.filter(project__territory=territory, status="open",
                                     probability__gte=3, impact__gte=3)
                 .select_related("project")):
        if risk.score >= 12:
            items.append(AgendaItem(
                source="projects.risks",
                title=_("Critical risk: %(risk)s (%(project)s)") % {
                    "risk": risk.title, "project": risk.project.title},
                reason=risk.mitigation or _("No mitigation recorded."),
                project_id=risk.project_id,
                url=reverse("projects:risks", args=[territory.slug, risk.project_id])))
    return items


def report_items(territory, today: date) -> list[AgendaItem]:
    """From the latest campaign: the reports that ask for a decision, and the projects
    their lead reported at risk or late."""
    from territoria.projects.models import Campaign

    campaign = Campaign.objects.filter(territory=territory).order_by("-period_end",
                                                                      "-pk").first()
    if campaign is None:
        return []
    items = []
    for report in campaign.reports.select_related("project").order_by("project__title"):
        url = reverse("projects:reports", args=[territory.slug, report.project_id])
        if report.needs_decision:
            items.append(AgendaItem(
                source="projects.reports",
                title=_("Decision asked for %(project)s") % {"project": report.project.title},
                reason=report.decision_needed, project_id=report.project_id, url=url))
        elif report.status in ("at_risk", "late"):
            items.append(AgendaItem(
                source="projects.reports",
                title=_("Project reported %(status)s: %(project)s") % {
                    "status": report.get_status_display(), "project": report.project.title},
                reason=report.issues or campaign.title, project_id=report.project_id,
                url=url))
    return items
