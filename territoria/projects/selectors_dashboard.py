"""The portfolio dashboard: the territory's projects, filtered, each with what planning,
budget and funding, and reporting know of it, in a constant number of queries whatever the
size of the portfolio (each part's selector reads all the projects at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from territoria.projects.domain.portfolio import (
    ZERO,
    PortfolioSummary,
    ProjectLine,
    summarise,
)
from territoria.projects.models import Project
from territoria.projects.models.project import Stage
from territoria.projects.selectors_funding import funding_pipeline, portfolio_finance_summary
from territoria.projects.selectors_planning import portfolio_schedule_summary, upcoming_milestones
from territoria.projects.selectors_reporting import portfolio_health


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard is narrowed to; ``None`` means no narrowing."""

    orientation: int | None = None  # an Orientation's id
    ambition: int | None = None  # an Ambition's lineage (the same ambition across revisions)
    commune: str | None = None  # an INSEE code of the territory's perimeter
    carrier: int | None = None  # an Actor's id
    stage: str | None = None

    def as_query(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.__dict__.items() if value is not None}


@dataclass(frozen=True)
class Dashboard:
    filters: DashboardFilters
    lines: list[ProjectLine]
    summary: PortfolioSummary
    milestones: list  # (project_id, project_title, milestone_title, date, late)
    pipeline: dict[str, tuple[int, Decimal, Decimal]]  # status → (count, requested, granted)
    today: date


def dashboard_projects(*, territory, filters: DashboardFilters) -> QuerySet[Project]:
    projects = Project.objects.filter(territory=territory)
    if filters.orientation is not None:
        projects = projects.filter(ambitions__version__orientation_id=filters.orientation)
    if filters.ambition is not None:
        projects = projects.filter(ambitions__lineage=filters.ambition)
    if filters.commune is not None:
        projects = projects.filter(communes__insee_code=filters.commune)
    if filters.carrier is not None:
        projects = projects.filter(carrier_id=filters.carrier)
    if filters.stage is not None:
        projects = projects.filter(stage=filters.stage)
    return projects.distinct()


def portfolio_dashboard(*, territory, filters: DashboardFilters, today: date,
                        with_risks: bool = False) -> Dashboard:
    """The dashboard of the territory's portfolio narrowed by ``filters``. Risks are counted
    only ``with_risks`` (the team's view: a risk register may name people)."""
    rows = list(dashboard_projects(territory=territory, filters=filters)
                .order_by("title", "pk")
                .values_list("pk", "title", "stage", "carrier__name"))
    ids = [row[0] for row in rows]
    schedule = portfolio_schedule_summary(territory=territory, project_ids=ids, today=today)
    finance = portfolio_finance_summary(territory=territory, project_ids=ids)
    health = portfolio_health(territory=territory, project_ids=ids, today=today)
    lines = []
    for pk, title, stage, carrier in rows:
        plan, money, report = schedule.get(pk), finance.get(pk), health.get(pk)
        lines.append(ProjectLine(
            id=pk, title=title, stage=stage, carrier=carrier or "",
            health=report.status if report else None,
            progress=report.progress if report else None,
            report_missing=bool(report and report.missing),
            needs_decision=bool(report and report.needs_decision),
            planned=money.planned if money else ZERO,
            actual=money.actual if money else ZERO,
            financed=money.financed if money else ZERO,
            balanced=money.balanced if money else True,
            late_tasks=plan.late_tasks if plan else 0,
            next_milestone=plan.next_milestone_title if plan else None,
            next_milestone_date=plan.next_milestone_date if plan else None,
            finish=plan.finish if plan else None,
            slippage_days=plan.slippage_days if plan else None,
            open_risks=money.open_risks if money and with_risks else 0,
            critical_risks=money.critical_risks if money and with_risks else 0,
        ))
    return Dashboard(
        filters=filters, lines=lines,
        summary=summarise(lines, stages=Stage.values),
        milestones=upcoming_milestones(territory=territory, project_ids=ids, today=today),
        pipeline=funding_pipeline(territory=territory, project_ids=ids),
        today=today)


def dashboard_choices(*, territory) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: the orientations and ambitions of the strategy (adopted
    or in progress), the perimeter's communes, the actors that carry a project."""
    from territoria.actors.models import Actor
    from territoria.strategy.selectors import orientation_list

    orientations, ambitions = [], []
    for entry in orientation_list(territory=territory, include_drafts=True):
        version = entry.current
        orientations.append((str(entry.orientation.pk),
                             f"{entry.orientation.number}. {version.title}"))
        for ambition in version.ambitions.all():
            ambitions.append((str(ambition.lineage or ambition.pk),
                              f"{entry.orientation.number}. {ambition.title}"))
    communes = [(code, name) for code, name in
                territory.communes.order_by("name").values_list("insee_code", "name")]
    carriers = [(str(pk), name) for pk, name in
                Actor.objects.filter(territory=territory, projects__isnull=False)
                .distinct().order_by("name").values_list("pk", "name")]
    return {"orientation": orientations, "ambition": ambitions, "commune": communes,
            "carrier": carriers, "stage": list(Stage.choices)}
