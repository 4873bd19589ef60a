"""Background work of the portfolio dashboard: drawing its PDF report."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_finish, job_progress


@task
@reports_to_job
def draw_portfolio_report(*, job_id: str, report_id: int, language: str = "fr") -> dict:
    """Draw the portfolio dashboard as a PDF (WeasyPrint) from the same template as the page,
    with the filters it was asked with, in the language of the person who asked."""
    from territoria.core.pdf import render_pdf
    from territoria.projects.forms import ProjectFilterForm
    from territoria.projects.models import PortfolioReport
    from territoria.projects.views_dashboard import dashboard_context

    report = PortfolioReport.objects.select_related("territory").get(pk=report_id)
    territory = report.territory
    with translation.override(language):
        job_progress(job_id=job_id, done=1, total=2, message=_("Gathering the figures"))
        form = ProjectFilterForm(report.filters, territory=territory)
        context = dashboard_context(territory=territory, form=form, with_risks=True)
        context["territory"] = territory
        pdf = render_pdf("projects/dashboard_report.html", context)
        report.pdf.save(f"portfolio-{territory.slug}-{report.pk}.pdf", ContentFile(pdf),
                        save=False)
        report.finished_at = timezone.now()
        report.save(update_fields=["pdf", "finished_at"])
        job_finish(job_id=job_id, message=_("The PDF of the portfolio report is ready."),
                   result_url=reverse("projects:dashboard-pdf", kwargs={
                       "territory_slug": territory.slug, "report_id": report.pk}))
    return {"report": report.pk, "bytes": len(pdf)}
