"""Reads of budgets, financing plans, funding applications and risks: a project's, and the
portfolio's in a constant number of queries whatever the number of projects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from territoria.projects.domain.finance import (
    BudgetTotals,
    FinancingCheck,
    Line,
    Share,
    budget_totals,
    financing_check,
)
from territoria.projects.domain.risks import matrix
from territoria.projects.models import (
    BudgetLine,
    FinancingShare,
    FundingApplication,
    Risk,
)

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class FinanceSummary:
    planned: Decimal
    actual: Decimal
    financed: Decimal
    secured: Decimal
    coverage: Decimal | None
    balanced: bool
    open_risks: int
    critical_risks: int


@dataclass(frozen=True)
class ProjectFinance:
    totals: BudgetTotals
    check: FinancingCheck
    lines: list
    shares: list
    applications: list


def project_finance(*, project) -> ProjectFinance:
    lines = list(BudgetLine.objects.filter(project=project))
    shares = list(FinancingShare.objects.filter(project=project))
    totals = budget_totals(Line(line.nature, line.year, line.planned, line.actual)
                           for line in lines)
    check = financing_check(totals.planned,
                            (Share(s.funder_kind, s.amount, s.status == "secured")
                             for s in shares),
                            public_kinds=FinancingShare.PUBLIC)
    return ProjectFinance(totals=totals, check=check, lines=lines, shares=shares,
                          applications=list(project.funding_applications.all()))


def project_risks(*, project):
    risks = list(Risk.objects.filter(project=project))
    open_ones = [(r.probability, r.impact) for r in risks if r.status == Risk.Status.OPEN]
    return risks, matrix(open_ones)


def _scoped(model, field, territory, project_ids):
    rows = model.objects.filter(**{f"{field}__territory": territory})
    if project_ids is not None:
        rows = rows.filter(**{f"{field}_id__in": project_ids})
    return rows


def portfolio_finance_summary(*, territory, project_ids=None) -> dict[int, FinanceSummary]:
    """Budget, financing and risks of every project that has any: three queries."""
    budget = defaultdict(lambda: [ZERO, ZERO])
    for pk, planned, actual in (_scoped(BudgetLine, "project", territory, project_ids)
                                .order_by().values("project_id")
                                .annotate(p=Sum("planned"), a=Sum("actual"))
                                .values_list("project_id", "p", "a")):
        budget[pk] = [planned or ZERO, actual or ZERO]
    money = defaultdict(lambda: [ZERO, ZERO])
    for pk, financed, secured in (_scoped(FinancingShare, "project", territory, project_ids)
                                  .order_by().values("project_id")
                                  .annotate(f=Sum("amount"),
                                            s=Sum("amount", filter=Q(status="secured")))
                                  .values_list("project_id", "f", "s")):
        money[pk] = [financed or ZERO, secured or ZERO]
    risks = {pk: (n_open, n_critical) for pk, n_open, n_critical in
             (_scoped(Risk, "project", territory, project_ids).filter(status="open")
              .order_by().values("project_id")
              .annotate(n=Count("pk"),
                        c=Count("pk", filter=Q(probability__gte=3, impact__gte=4)
                                | Q(probability__gte=4, impact__gte=3)))
              .values_list("project_id", "n", "c"))}
    summaries = {}
    for pk in set(budget) | set(money) | set(risks):
        planned, actual = budget[pk] if pk in budget else (ZERO, ZERO)
        financed, secured = money[pk] if pk in money else (ZERO, ZERO)
        n_open, n_critical = risks.get(pk, (0, 0))
        summaries[pk] = FinanceSummary(
            planned=planned, actual=actual, financed=financed, secured=secured,
            coverage=(financed / planned) if planned else None,
            balanced=financed == planned, open_risks=n_open, critical_risks=n_critical)
    return summaries


def funding_pipeline(*, territory, project_ids=None
                     ) -> dict[str, tuple[int, Decimal, Decimal]]:
    """Applications by status: how many, the amount requested, the amount granted."""
    return {status: (n, requested or ZERO, granted or ZERO)
            for status, n, requested, granted in
            (_scoped(FundingApplication, "project", territory, project_ids)
             .order_by().values("status")
             .annotate(n=Count("pk"), r=Sum("requested"), g=Sum("granted"))
             .values_list("status", "n", "r", "g"))}


def applications_due(*, territory, today: date, days: int = 60):
    return (FundingApplication.objects
            .filter(project__territory=territory, status=FundingApplication.Status.DRAFT,
                    deadline__gte=today, deadline__lte=today + timedelta(days=days))
            .select_related("project").order_by("deadline", "pk"))


def applications_list(*, territory):
    return (FundingApplication.objects.filter(project__territory=territory)
            .select_related("project").order_by("deadline", "pk"))
