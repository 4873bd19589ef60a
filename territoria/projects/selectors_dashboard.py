"""The portfolio dashboard: the territory's projects, filtered, each with what planning,
budget and funding, and reporting know of it, in a constant number of queries whatever the
size of the portfolio (each part's selector reads all the projects at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from territoria.projects.domain.portfolio import (
    ZERO,
    PortfolioSummary,
    ProjectLine,
    summarise,
)
from territoria.projects.models.project import Stage
from territoria.projects.selectors import ProjectFilters, project_list
from territoria.projects.selectors_funding import funding_pipeline, portfolio_finance_summary
from territoria.projects.selectors_planning import portfolio_schedule_summary, upcoming_milestones
from territoria.projects.selectors_reporting import portfolio_health


@dataclass(frozen=True)
class Dashboard:
    filters: ProjectFilters
    lines: list[ProjectLine]
    summary: PortfolioSummary
    milestones: list  # (project_id, project_title, milestone_title, date, late)
    pipeline: dict[str, tuple[int, Decimal, Decimal]]  # status → (count, requested, granted)
    today: date


def portfolio_dashboard(*, territory, filters: ProjectFilters, today: date,
                        with_risks: bool = False) -> Dashboard:
    """The dashboard of the territory's portfolio narrowed by ``filters``. Risks are counted
    only ``with_risks`` (the team's view: a risk register may name people)."""
    rows = list(project_list(territory=territory, filters=filters)
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
