"""``territoria send_report_reminders``: remind the project leads who have not reported in an
open campaign (run it once a day, from cron or with ``--enqueue``; see docs/deploy.md)."""

from django.utils.translation import gettext_lazy, gettext_noop

from territoria.core.management.task_command import TaskCommand


class Command(TaskCommand):
    help = gettext_lazy("Remind the project leads who have not reported in an open "
                        "campaign.")
    task = "territoria.projects.tasks.send_report_reminders"
    queued = gettext_noop("The reminders are queued for the task worker.")
    done = gettext_noop("Reminders sent: %(count)s.")
