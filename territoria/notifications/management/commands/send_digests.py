"""``territoria send_digests``: send the daily digests of notifications (run it once a day,
from cron or with ``--enqueue`` to let the task worker do it; see docs/deploy.md)."""

from django.utils.translation import gettext_lazy, gettext_noop

from territoria.core.management.task_command import TaskCommand


class Command(TaskCommand):
    help = gettext_lazy("Send the daily digests of notifications to the people who have "
                        "something to receive.")
    task = "territoria.notifications.tasks.send_digests"
    queued = gettext_noop("The digests are queued for the task worker.")
    done = gettext_noop("Digests sent: %(count)s.")
