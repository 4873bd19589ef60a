"""Background work on the administrative referential."""

from django.core.files.storage import default_storage
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_finish, job_progress
from territoria.geo.services import ReferentialError, referential_load


@task
@reports_to_job
def load_referential_file(*, job_id: str, file_name: str, language: str = "fr") -> dict:
    """Load an uploaded referential file (``file_name`` in the default storage).

    The job shows the progress, then what changed, or why the file was refused (in the
    language of the operator who uploaded it). An unexpected error leaves the job failed
    through ``reports_to_job``; the load's transaction has then changed nothing. The
    uploaded copy is removed either way: the version loaded is known by its checksum.
    """
    with translation.override(language):
        def progress(done: int, total: int, message: str) -> None:
            job_progress(job_id=job_id, done=done, total=total, message=message)

        try:
            with default_storage.open(file_name, "rb") as stream:
                report = referential_load(path=stream, progress=progress)
        except ReferentialError as error:
            job_finish(job_id=job_id, message=str(error), failed=True)
            return {"loaded": False, "error": str(error)}
        finally:
            default_storage.delete(file_name)
        job_finish(job_id=job_id, message=report.summary(),
                   result_url=reverse("geo:referential-upload"))
        return {"loaded": not report.skipped, "checksum": report.checksum}
