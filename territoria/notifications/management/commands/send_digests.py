"""``territoria send_digests``: send the daily digests of notifications (run it once a day,
from cron or with ``--enqueue`` to let the task worker do it; see docs/deploy.md)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Send the daily digests of notifications to the people who have something to "
             "receive.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help=_("Queue the work for the task worker instead of doing it "
                                   "now."))

    def handle(self, *args, enqueue: bool, **options):
        from territoria.notifications.tasks import send_digests

        if enqueue:
            send_digests.enqueue()
            self.stdout.write(_("The digests are queued for the task worker."))
            return
        sent = send_digests.call()
        self.stdout.write(_("Digests sent: %(count)s.") % {"count": sent})
