"""Background work on data imports: check a file, apply it, undo it, each behind a job."""

from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_finish, job_progress
from territoria.indicators import services
from territoria.indicators.models import DataImport


def _result_url(data_import: DataImport) -> str:
    return reverse("indicators:import-detail",
                   kwargs={"territory_slug": data_import.territory.slug,
                           "import_id": data_import.pk})


def _progress(job_id: str):
    def progress(done: int, total: int, message: str) -> None:
        job_progress(job_id=job_id, done=done, total=total, message=message)

    return progress


@task
@reports_to_job
def validate_import(*, job_id: str, import_id: int, language: str = "fr") -> dict:
    """Check an uploaded file and write its report; the job links to the preview."""
    with translation.override(language):
        data_import = DataImport.objects.select_related("territory").get(pk=import_id)
        job_progress(job_id=job_id, done=0, total=1, message=_("Checking the file…"))
        data_import = services.data_import_validate(data_import=data_import)
        failed = data_import.status == DataImport.State.FAILED
        message = data_import.report.get("error") if failed else _(
            "Checked: %(create)s new values, %(update)s changed, %(unchanged)s unchanged.") % {
            key: data_import.report["counts"].get(key, 0)
            for key in ("create", "update", "unchanged")}
        job_finish(job_id=job_id, message=message, failed=failed,
                   result_url=_result_url(data_import))
        return {"status": data_import.status}


@task
@reports_to_job
def apply_import(*, job_id: str, import_id: int, language: str = "fr") -> dict:
    """Apply a checked import (one transaction, then the aggregates)."""
    with translation.override(language):
        data_import = DataImport.objects.select_related("territory").get(pk=import_id)
        data_import = services.data_import_apply(data_import=data_import,
                                                 progress=_progress(job_id))
        if data_import.values_created or data_import.values_updated:
            message = _("Applied: %(created)s values created, %(updated)s changed, "
                        "%(unchanged)s unchanged.") % {
                "created": data_import.values_created, "updated": data_import.values_updated,
                "unchanged": data_import.values_unchanged}
        else:
            message = _("Nothing to change: the %(unchanged)s values of the file are already "
                        "there.") % {"unchanged": data_import.values_unchanged}
        job_finish(job_id=job_id, message=message, result_url=_result_url(data_import))
        return {"status": data_import.status}


@task
@reports_to_job
def undo_import(*, job_id: str, import_id: int, language: str = "fr") -> dict:
    """Undo an applied import; refused with a message when a later import overwrote it."""
    with translation.override(language):
        data_import = DataImport.objects.select_related("territory").get(pk=import_id)
        try:
            data_import = services.data_import_undo(data_import=data_import,
                                                    progress=_progress(job_id))
        except services.ImportRefused as refusal:
            job_finish(job_id=job_id, message=str(refusal), failed=True,
                       result_url=_result_url(data_import))
            return {"status": data_import.status}
        job_finish(job_id=job_id, message=_("Undone: the previous values are back."),
                   result_url=_result_url(data_import))
        return {"status": data_import.status}
