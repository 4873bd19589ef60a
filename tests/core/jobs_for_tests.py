"""Tasks used by the job tests (tasks must live at a module path the worker can import)."""

from django.tasks import task

from territoria.core.jobs import reports_to_job
from territoria.core.services import job_progress


@task
@reports_to_job
def count_to(*, job_id: str, n: int) -> int:
    for i in range(1, n + 1):
        job_progress(job_id=job_id, done=i, total=n)
    return n


@task
@reports_to_job
def break_down(*, job_id: str) -> None:
    job_progress(job_id=job_id, done=1, total=3)
    raise RuntimeError("disk full")
