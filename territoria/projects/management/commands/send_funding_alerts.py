"""``territoria send_funding_alerts``: alert the project leads and the PMO before the deadlines
of their applications to calls for projects (run it once a day, from cron or with
``--enqueue`` to let the task worker do it; see docs/deploy.md)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Alert project leads and the PMO before the deadlines of their funding "
             "applications.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help=_("Queue the work for the task worker instead of doing it "
                                   "now."))

    def handle(self, *args, enqueue: bool, **options):
        from territoria.projects.tasks import send_funding_alerts

        if enqueue:
            send_funding_alerts.enqueue()
            self.stdout.write(_("The funding alerts are queued for the task worker."))
            return
        sent = send_funding_alerts.call()
        self.stdout.write(_("Funding alerts sent: %(count)s.") % {"count": sent})
