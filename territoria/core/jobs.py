"""Helpers for tasks that report their progress on a job page."""

import functools

from django.utils.translation import gettext as _

from territoria.core.models import Job
from territoria.core.services import job_finish, job_progress


def reports_to_job(func):
    """Wrap a task body that takes ``job_id``: its job shows running, then done or failed.

    A task that raises leaves its job failed with a plain message, not "running" for ever;
    the exception still propagates so that the worker records the traceback. A body that
    does not call ``job_finish`` itself is marked done when it returns.
    """

    @functools.wraps(func)
    def wrapper(*args, job_id: str, **kwargs):
        job_progress(job_id=job_id, done=0)
        try:
            result = func(*args, job_id=job_id, **kwargs)
        except Exception:
            job_finish(job_id=job_id, failed=True,
                       message=_("The work stopped on an unexpected error."))
            raise
        if not Job.objects.filter(pk=job_id, finished_at__isnull=False).exists():
            job_finish(job_id=job_id)
        return result

    return wrapper
