"""A project's budget and funding, its risks, and the portfolio's funding pipeline."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from territoria.core import exports
from territoria.core.decorators import territory_view
from territoria.core.domain.charts import Bar, bar_chart
from territoria.projects import selectors_funding as selectors
from territoria.projects import services_funding as services
from territoria.projects.decorators import project_view
from territoria.projects.domain.finance import own_share_too_low, percent
from territoria.projects.forms_funding import (
    ApplicationForm,
    BudgetLineForm,
    FinancingShareForm,
    RiskForm,
)
from territoria.projects.models import BudgetLine, FinancingShare, FundingApplication, Risk
from territoria.projects.views import _put_errors, project_context

FORMS = {"line": BudgetLineForm, "share": FinancingShareForm, "application": ApplicationForm}


def _budget_url(territory, project):
    return reverse("projects:budget", args=[territory.slug, project.pk])


def _budget_page(request, territory, project, **bound):
    finance = selectors.project_finance(project=project)
    check = finance.check
    funders = dict(FinancingShare.Funder.choices)
    chart = bar_chart([Bar(str(funders[kind]), float(amount)) for kind, amount in
                       check.by_kind], title=_("Financing plan by co-financer"), unit="€",
                      value_label=_("Amount (€)"), key="financing-plan")
    context = project_context(request, project, "budget")
    context.update({
        "finance": finance, "check": check, "chart": chart,
        "coverage": percent(check.coverage), "consumed": percent(finance.totals.consumed),
        "public_share": percent(check.public_share),
        "own_too_low": (project.carrier is not None
                        and project.carrier.kind == "local_authority"
                        and own_share_too_low(check, own_kinds=("own", "local"))),
        "natures": dict(BudgetLine.Nature.choices),
        "forms": {name: bound.get(name) or form(prefix=name) for name, form in FORMS.items()},
        "today": timezone.localdate()})
    return render(request, "projects/funding/budget.html", context)


@project_view()
def budget(request, territory, project):
    return _budget_page(request, territory, project)


@project_view("projects.manage_project")
def budget_add(request, territory, project, part):
    if request.method != "POST" or part not in FORMS:
        return redirect(_budget_url(territory, project))
    form = FORMS[part](request.POST, prefix=part)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if part == "line":
                services.budget_line_save(actor=request.user, project=project, **data)
            elif part == "share":
                services.financing_share_add(actor=request.user, project=project, **data)
            else:
                services.application_save(actor=request.user, project=project, **data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_budget_url(territory, project))
    messages.error(request, _("Nothing was saved: see the message in the form."))
    return _budget_page(request, territory, project, **{part: form})


@project_view("projects.manage_project")
def budget_remove(request, territory, project, part, item_id):
    if request.method != "POST":
        return redirect(_budget_url(territory, project))
    model = {"line": BudgetLine, "share": FinancingShare,
             "application": FundingApplication}.get(part)
    if model is None:
        raise PermissionDenied
    get_object_or_404(model, project=project, pk=item_id).delete()
    messages.success(request, _("Removed."))
    return redirect(_budget_url(territory, project))


@project_view("projects.manage_project")
def application_edit(request, territory, project, item_id):
    application = get_object_or_404(FundingApplication, project=project, pk=item_id)
    form = ApplicationForm(request.POST or None, instance=application, prefix="application")
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save(actor=request.user, project=project,
                                      application=application, **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_budget_url(territory, project))
    return render(request, "projects/funding/edit.html", {
        "form": form, "heading": application.programme,
        **project_context(request, project, "budget")})


def may_see_risks(user, project) -> bool:
    """The team, the project's lead and its contributors: a register may name people."""
    from territoria.projects.permissions import contributes_to_project

    return (user.has_perm("projects.manage_project", project)
            or contributes_to_project.test(user, project))


@project_view()
def risks(request, territory, project):
    if not may_see_risks(request.user, project):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    form = RiskForm(request.POST or None, prefix="risk")
    if request.method == "POST":
        if not request.user.has_perm("projects.manage_project", project):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.risk_save(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as error:
                _put_errors(form, error)
            else:
                messages.success(request, _("The risk is in the register."))
                return redirect("projects:risks", territory.slug, project.pk)
    register, grid = selectors.project_risks(project=project)
    return render(request, "projects/funding/risks.html", {
        "register": register, "grid": grid, "form": form,
        **project_context(request, project, "risks")})


@project_view("projects.manage_project")
def risk_edit(request, territory, project, item_id):
    risk = get_object_or_404(Risk, project=project, pk=item_id)
    form = RiskForm(request.POST or None, instance=risk, prefix="risk")
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_save(actor=request.user, project=project, risk=risk,
                               **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("projects:risks", territory.slug, project.pk)
    return render(request, "projects/funding/edit.html", {
        "form": form, "heading": risk.title, **project_context(request, project, "risks")})


@territory_view("projects.view_project_list")
@require_safe
def funding(request, territory):
    """The portfolio's applications to calls for projects: the pipeline, what is due."""
    today = timezone.localdate()
    applications = selectors.applications_list(territory=territory)
    if request.GET.get("format") == "csv":
        statuses = dict(FundingApplication.Status.choices)
        return exports.rows_response(
            fmt="csv", filename=f"{territory.slug}-funding",
            header=["project", "funder", "programme", "deadline", "requested", "granted",
                    "status"],
            rows=([a.project.title, a.funder, a.programme, a.deadline, a.requested,
                   a.granted, str(statuses[a.status])] for a in applications))
    pipeline = selectors.funding_pipeline(territory=territory)
    statuses = FundingApplication.Status.choices
    return render(request, "projects/funding/portfolio.html", {
        "pipeline": [(label, pipeline[value]) for value, label in statuses
                     if value in pipeline],
        "due": selectors.applications_due(territory=territory, today=today),
        "applications": applications[:200], "today": today})
