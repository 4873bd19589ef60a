"""Background work of the projects: alerts before funding deadlines."""

from django.tasks import task


@task
def send_funding_alerts() -> int:
    """Alert leads and the PMO before their applications' deadlines (FUNDING_ALERT_DAYS)."""
    from territoria.projects.services_funding import funding_alerts_send

    return funding_alerts_send()
