"""``territoria send_report_reminders``: remind the project leads who have not reported in an
open campaign (run it once a day, from cron or with ``--enqueue``; see docs/deploy.md)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Remind the project leads who have not reported in an open campaign.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help=_("Queue the work for the task worker instead of doing it "
                                   "now."))

    def handle(self, *args, enqueue: bool, **options):
        from territoria.projects.tasks import send_report_reminders

        if enqueue:
            send_report_reminders.enqueue()
            self.stdout.write(_("The reminders are queued for the task worker."))
            return
        sent = send_report_reminders.call()
        self.stdout.write(_("Reminders sent: %(count)s.") % {"count": sent})
