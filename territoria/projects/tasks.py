"""Background work of the projects: alerts before funding deadlines, reminders of reports,
the mission letters' PDF."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_finish, job_progress


@task
def send_funding_alerts() -> int:
    """Alert leads and the PMO before their applications' deadlines (FUNDING_ALERT_DAYS)."""
    from territoria.projects.services_funding import funding_alerts_send

    return funding_alerts_send()


@task
def send_report_reminders() -> int:
    """Remind the leads who have not reported in an open campaign (once a day at most)."""
    from territoria.projects.services_reporting import report_reminders_send

    return report_reminders_send()


@task
@reports_to_job
def draw_mission_letter(*, job_id: str, framing_id: int, language: str = "fr") -> dict:
    """Draw the mission letter of a signed framing as a PDF (WeasyPrint), from the same
    template as its web preview, in the language of the person who recorded the sign-off."""
    from territoria.core.pdf import render_pdf
    from territoria.projects.models import Framing
    from territoria.projects.selectors_reporting import letter_context

    framing = Framing.objects.select_related("project__territory").get(pk=framing_id)
    project = framing.project
    with translation.override(language):
        job_progress(job_id=job_id, done=1, total=2, message=_("Drawing the PDF"))
        pdf = render_pdf("projects/framing/letter.html", letter_context(framing))
        framing.letter.save(f"lettre-de-mission-{project.pk}-v{framing.version}.pdf",
                            ContentFile(pdf), save=False)
        framing.save(update_fields=["letter"])
        job_finish(job_id=job_id, message=_("The mission letter is ready."),
                   result_url=reverse("projects:letter-pdf", kwargs={
                       "territory_slug": project.territory.slug, "pk": project.pk,
                       "framing_id": framing.pk}))
    return {"framing": framing.pk, "bytes": len(pdf)}
