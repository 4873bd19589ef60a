"""Background work of the diagnostic: drawing the report's PDF."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_finish, job_progress


@task
@reports_to_job
def draw_report(*, job_id: str, report_id: int, language: str = "fr") -> dict:
    """Draw the diagnostic report as a PDF (WeasyPrint), from the same template and charts
    as the web page, in the language of the person who asked for it."""
    from territoria.core.pdf import render_pdf
    from territoria.diagnostic.models import DiagnosticReport
    from territoria.diagnostic.report import report_context

    report = DiagnosticReport.objects.select_related("territory").get(pk=report_id)
    territory = report.territory
    with translation.override(language):
        job_progress(job_id=job_id, done=1, total=3, message=_("Gathering the figures"))
        context = report_context(territory=territory)
        context["territory"] = territory
        job_progress(job_id=job_id, done=2, total=3, message=_("Drawing the PDF"))
        pdf = render_pdf("diagnostic/report.html", context)
        report.pdf.save(f"diagnostic-{territory.slug}-{report.pk}.pdf", ContentFile(pdf),
                        save=False)
        report.finished_at = timezone.now()
        report.save(update_fields=["pdf", "finished_at"])
        job_finish(job_id=job_id, message=_("The PDF of the diagnostic report is ready."),
                   result_url=reverse("diagnostic:report-pdf", kwargs={
                       "territory_slug": territory.slug, "report_id": report.pk}))
    return {"report": report.pk, "bytes": len(pdf)}
