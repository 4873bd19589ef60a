"""Writes of a project's budget, financing plan, funding applications and risks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.core.formats import format_quantity
from territoria.projects.domain.risks import SCALE
from territoria.projects.models import (
    BudgetLine,
    FinancingShare,
    FundingAlert,
    FundingApplication,
    Project,
    Risk,
)

ZERO = Decimal("0")


def _euros(amount: Decimal) -> str:
    return format_quantity(float(amount), precision=0, unit="€")


def _positive(value: Decimal | None, field: str, *, allow_zero: bool = True) -> None:
    if value is None or value < 0 or (value == 0 and not allow_zero):
        raise ValidationError({field: _("An amount is a positive number of euros.")})


@transaction.atomic
def budget_line_save(*, actor, project: Project, nature: str, label: str, year: int,
                     planned: Decimal, actual: Decimal = ZERO,
                     line: BudgetLine | None = None) -> BudgetLine:
    """Add or change a budget line (investment or operating, one year)."""
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Say what the line is for.")})
    if nature not in BudgetLine.Nature.values:
        raise ValidationError({"nature": _("Choose investment or operating.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("A year between 2000 and 2100.")})
    _positive(planned, "planned")
    _positive(actual, "actual")
    line = line or BudgetLine(project=project)
    line.nature, line.label, line.year = nature, label, year
    line.planned, line.actual = planned, actual
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, actor, line: BudgetLine) -> None:
    line.delete()


def project_budget(project: Project) -> Decimal:
    return project.budget_lines.aggregate(total=Sum("planned"))["total"] or ZERO


@transaction.atomic
def financing_share_add(*, actor, project: Project, funder_kind: str, amount: Decimal,
                        funder_name: str = "", status: str = "expected") -> FinancingShare:
    """Add a co-financer to the plan. The plan may not go over the budget: refused with
    what it would cover, nothing written."""
    if funder_kind not in FinancingShare.Funder.values:
        raise ValidationError({"funder_kind": _("Choose the co-financer.")})
    if status not in FinancingShare.Status.values:
        raise ValidationError({"status": _("Choose secured or expected.")})
    _positive(amount, "amount", allow_zero=False)
    Project.objects.select_for_update().get(pk=project.pk)  # one plan change at a time
    budget = project_budget(project)
    financed = project.financing.aggregate(total=Sum("amount"))["total"] or ZERO
    if financed + amount > budget:
        share = ((financed + amount) / budget * 100) if budget else None
        raise ValidationError({"amount": (
            _("The financing plan would cover %(share)s of the budget (%(excess)s more than "
              "the %(budget)s planned). Lower the amount or complete the budget first.")
            % {"share": format_quantity(float(share), unit="%") if share is not None
               else "∞", "excess": _euros(financed + amount - budget),
               "budget": _euros(budget)})})
    return FinancingShare.objects.create(project=project, funder_kind=funder_kind,
                                         funder_name=(funder_name or "").strip(),
                                         amount=amount, status=status)


@transaction.atomic
def financing_share_delete(*, actor, share: FinancingShare) -> None:
    share.delete()


@transaction.atomic
def application_save(*, actor, project: Project, funder: str, programme: str,
                     deadline: date, requested: Decimal, status: str = "draft",
                     granted: Decimal | None = None,
                     application: FundingApplication | None = None) -> FundingApplication:
    """Add or change an application to a call for projects."""
    errors = {}
    funder, programme = (funder or "").strip(), (programme or "").strip()
    if not funder:
        errors["funder"] = _("Name the funder.")
    if not programme:
        errors["programme"] = _("Name the programme or the call for projects.")
    if requested is None or requested <= 0:
        errors["requested"] = _("An amount is a positive number of euros.")
    if status not in FundingApplication.Status.values:
        errors["status"] = _("Choose a status.")
    if granted is not None and (granted < 0 or (requested and granted > requested)):
        errors["granted"] = _("The amount granted is between 0 and the amount requested.")
    if status == FundingApplication.Status.GRANTED and not granted:
        errors["granted"] = _("Give the amount granted.")
    if application is None and deadline is not None and deadline < timezone.localdate() \
            and status == FundingApplication.Status.DRAFT:
        errors["deadline"] = _("This deadline has passed: the call is closed.")
    if errors:
        raise ValidationError(errors)
    application = application or FundingApplication(project=project)
    application.funder, application.programme, application.deadline = funder, programme, deadline
    application.requested, application.granted, application.status = requested, granted, status
    application.save()
    return application


@transaction.atomic
def risk_save(*, actor, project: Project, title: str, probability: int, impact: int,
              description: str = "", owner: str = "", mitigation: str = "",
              status: str = "open", review_on: date | None = None,
              risk: Risk | None = None) -> Risk:
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Name the risk.")
    if probability not in SCALE:
        errors["probability"] = _("From 1 (unlikely) to 4 (almost certain).")
    if impact not in SCALE:
        errors["impact"] = _("From 1 (minor) to 4 (severe).")
    if status not in Risk.Status.values:
        errors["status"] = _("Choose a status.")
    if errors:
        raise ValidationError(errors)
    risk = risk or Risk(project=project)
    risk.title, risk.probability, risk.impact = title, probability, impact
    risk.description, risk.owner = (description or "").strip(), (owner or "").strip()
    risk.mitigation, risk.status, risk.review_on = (mitigation or "").strip(), status, review_on
    risk.save()
    return risk


def funding_alerts_send(*, today: date | None = None) -> int:
    """Tell each project's lead and the PMO, N days before an application's deadline (the
    FUNDING_ALERT_DAYS thresholds), that it is due; once per application and threshold, and
    only for applications still in preparation. Returns how many alerts were sent."""
    from territoria.accounts.models import Membership
    from territoria.notifications.services import notify

    today = today or timezone.localdate()
    thresholds = sorted(settings.FUNDING_ALERT_DAYS)
    sent = 0
    due = (FundingApplication.objects
           .filter(status=FundingApplication.Status.DRAFT, deadline__gte=today,
                   deadline__lte=today + timedelta(days=max(thresholds)))
           .select_related("project__territory"))
    for application in due:
        days_left = (application.deadline - today).days
        threshold = min(t for t in thresholds if t >= days_left)
        with transaction.atomic():
            alert, created = FundingAlert.objects.get_or_create(application=application,
                                                                days_before=threshold)
            if not created:
                continue
            project = application.project
            pmo = Membership.objects.filter(territory=project.territory,
                                            role="pmo").values_list("user_id", flat=True)
            notify(territory=project.territory, target=project,
                   verb="projects.funding_deadline",
                   recipients=[project.lead_id, *pmo])
            sent += 1
    return sent
