"""Writes of the portfolio dashboard: asking for its PDF report."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from territoria.core.services import job_enqueue
from territoria.projects.models import PortfolioReport
from territoria.projects.selectors import ProjectFilters


def portfolio_report_request(*, actor, territory, filters: ProjectFilters):
    """Queue the drawing of the dashboard's PDF (narrowed by ``filters``) for the worker; the
    job page follows it and links to the file when it is ready."""
    from territoria.projects.tasks_dashboard import draw_portfolio_report

    report = PortfolioReport.objects.create(territory=territory, requested_by=actor,
                                            filters=filters.as_query())
    job = job_enqueue(task=draw_portfolio_report,
                      title=_("Portfolio report (PDF) of %(territory)s") % {
                          "territory": territory.name},
                      user=actor, territory=territory, total=2, report_id=report.pk,
                      language=get_language() or "fr")
    report.job = job
    report.save(update_fields=["job"])
    return job
