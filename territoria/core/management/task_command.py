"""A management command that runs one background task now, or queues it for the task worker
(``--enqueue``): the daily jobs that cron or a timer starts (digests, funding alerts,
reminders of reports) are all this."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class TaskCommand(BaseCommand):
    task = ""  # "package.module.task_name"
    queued = ""  # a msgid: said when the task is queued
    done = ""  # a msgid with %(count)s: said when it has run

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help=_("Queue the work for the task worker instead of doing it "
                                   "now."))

    def handle(self, *args, enqueue: bool, **options):
        module, name = self.task.rsplit(".", 1)
        task = getattr(import_module(module), name)
        if enqueue:
            task.enqueue()
            self.stdout.write(_(self.queued))
            return
        self.stdout.write(_(self.done) % {"count": task.call()})
