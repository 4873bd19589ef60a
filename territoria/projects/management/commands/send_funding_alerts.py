"""``territoria send_funding_alerts``: alert the project leads and the PMO before the deadlines
of their applications to calls for projects (run it once a day, from cron or with
``--enqueue`` to let the task worker do it; see docs/deploy.md)."""

from django.utils.translation import gettext_lazy, gettext_noop

from territoria.core.management.task_command import TaskCommand


class Command(TaskCommand):
    help = gettext_lazy("Alert project leads and the PMO before the deadlines of their "
                        "funding applications.")
    task = "territoria.projects.tasks.send_funding_alerts"
    queued = gettext_noop("The funding alerts are queued for the task worker.")
    done = gettext_noop("Funding alerts sent: %(count)s.")
