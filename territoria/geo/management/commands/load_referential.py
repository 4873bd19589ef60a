"""``load_referential [path]``: load the referential file (default: the committed one)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territoria.geo.services import DEFAULT_REFERENTIAL_PATH, ReferentialError, referential_load


class Command(BaseCommand):
    help = _("Load the French administrative referential (régions, départements, EPCI, "
             "communes) from a referential file; only what changed is written.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_REFERENTIAL_PATH),
                            help=_("A referential .json.gz file (default: %(default)s)."))
        parser.add_argument("--force", action="store_true",
                            help=_("Compare with the database even when this file was the "
                                   "last one loaded."))

    def handle(self, *args, path, force, **options):
        verbosity = options["verbosity"]

        def progress(done: int, total: int, message: str) -> None:
            if verbosity >= 2:
                self.stdout.write(f"{message} {done}/{total}")

        try:
            report = referential_load(path=path, progress=progress, force=force)
        except ReferentialError as error:
            raise CommandError(str(error)) from None
        if verbosity:
            style = self.style.SUCCESS if not report.skipped else (lambda text: text)
            self.stdout.write(style(report.summary()))
