"""The portfolio dashboard: the page, its CSV and XLSX files, its PDF report."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from territoria.core import exports
from territoria.core.decorators import territory_view
from territoria.core.domain.charts import Bar, bar_chart
from territoria.projects.forms import ProjectFilterForm
from territoria.projects.models import PortfolioReport
from territoria.projects.models.project import Stage
from territoria.projects.selectors_dashboard import portfolio_dashboard
from territoria.projects.templatetags.portfolio import health_label
from territoria.projects.services_dashboard import portfolio_report_request



LINES_PER_PAGE = 50


def pipeline_rows(pipeline: dict) -> list[tuple[str, tuple]]:
    """The funding pipeline's statuses in their lifecycle order, with their labels."""
    from territoria.projects.models.funding import FundingApplication

    labels = dict(FundingApplication.Status.choices)
    return [(str(labels[status]), pipeline[status]) for status in labels if status in pipeline]


def dashboard_context(*, territory, form: ProjectFilterForm, with_risks: bool) -> dict:
    """What the page and the PDF show: the dashboard narrowed by the form's valid filters,
    and its two charts (projects by stage, projects by health) with their tables."""
    dashboard = portfolio_dashboard(territory=territory, filters=form.filters(),
                                    today=timezone.localdate(), with_risks=with_risks)
    summary = dashboard.summary
    stage_labels = dict(Stage.choices)
    by_stage = bar_chart([Bar(str(stage_labels[stage]), count)
                          for stage, count in summary.by_stage],
                         title=_("Projects by stage"), value_label=_("Projects"),
                         key="projects-by-stage")
    by_health = bar_chart([Bar(health_label(health), count)
                           for health, count in summary.by_health],
                          title=_("Projects by their last report"),
                          value_label=_("Projects"), key="projects-by-health")
    query = dashboard.filters.as_query()
    return {"dashboard": dashboard, "summary": summary, "form": form,
            "query": query, "query_string": exports.query_string(query),
            "filter_labels": form.labels(),
            "pipeline_rows": pipeline_rows(dashboard.pipeline),
            "stage_labels": stage_labels,
            "by_stage": by_stage, "by_health": by_health, "with_risks": with_risks}


@territory_view("projects.view_project_list")
@require_safe
def dashboard(request, territory):
    form = ProjectFilterForm(request.GET, territory=territory)
    with_risks = request.user.has_perm("projects.steer", territory)
    context = dashboard_context(territory=territory, form=form, with_risks=with_risks)
    context["can_request_pdf"] = with_risks
    # The figures and charts count every project; the table shows them a page at a time
    # (the CSV, XLSX and PDF have them all).
    context["lines"] = Paginator(context["dashboard"].lines, LINES_PER_PAGE).get_page(
        request.GET.get("page"))
    template = "projects/dashboard.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


def _export_rows(context) -> tuple[list[str], list[list]]:
    header = [_("Project"), _("Stage"), _("Carrying organisation"), _("Last report"),
              _("Progress (%)"), _("Planned budget (€)"), _("Spent (€)"), _("Spent (%)"),
              _("Financed (€)"), _("Financing plan covers the budget"), _("Late tasks"),
              _("Next milestone"), _("Milestone date"), _("Planned finish"),
              _("Slippage (days)")]
    with_risks = context["with_risks"]
    if with_risks:
        header += [_("Open risks"), _("Critical risks")]
    stage_labels = context["stage_labels"]
    rows = []
    for line in context["dashboard"].lines:
        consumed = line.consumed
        row = [line.title, str(stage_labels[line.stage]), line.carrier,
               health_label(line.health), line.progress, line.planned, line.actual,
               round(float(consumed) * 100) if consumed is not None else None,
               line.financed, _("yes") if line.balanced else _("no"), line.late_tasks,
               line.next_milestone, line.next_milestone_date, line.finish, line.slippage_days]
        if with_risks:
            row += [line.open_risks, line.critical_risks]
        rows.append(row)
    return [str(name) for name in header], rows


@territory_view("projects.view_project_list")
@require_safe
def dashboard_export(request, territory, fmt):
    if fmt not in ("csv", "json", "xlsx"):
        raise Http404
    form = ProjectFilterForm(request.GET, territory=territory)
    context = dashboard_context(territory=territory, form=form,
                                with_risks=request.user.has_perm("projects.steer", territory))
    header, rows = _export_rows(context)
    filename = f"{territory.slug}-portfolio"
    if fmt == "xlsx":
        return exports.xlsx_response(filename=filename, sheet=_("Portfolio"), header=header,
                                     rows=rows)
    return exports.rows_response(fmt=fmt, filename=filename, header=header, rows=rows)


@territory_view("projects.steer")
@require_POST
def dashboard_pdf_request(request, territory):
    form = ProjectFilterForm(request.POST, territory=territory)
    job = portfolio_report_request(actor=request.user, territory=territory,
                                   filters=form.filters())
    messages.info(request, _("The PDF is being drawn; it will be linked here when ready."))
    return redirect("core:job-detail", job_id=job.pk)


@territory_view("projects.steer")
def dashboard_pdf(request, territory, report_id):
    report = PortfolioReport.objects.filter(territory=territory, pk=report_id).first()
    if report is None or not report.pdf:
        raise Http404
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                        filename=f"portfolio-{territory.slug}.pdf")
