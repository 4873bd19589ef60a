"""``territoria load_indicator_catalogue``: create or update the national indicator catalogue.

Run it after ``load_referential``; it is idempotent and never deletes a value.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territoria.indicators.catalogue import CATALOGUE_PATH, CatalogueError
from territoria.indicators.services import catalogue_load


class Command(BaseCommand):
    help = _("Create or update the indicator catalogue from its file (idempotent; never "
             "deletes a value).")

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(CATALOGUE_PATH),
                            help=_("Catalogue file (default: the one shipped with Territoria)."))

    def handle(self, *args, file: str, **options):
        try:
            report = catalogue_load(path=file)
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Indicator catalogue: %(created)d created, %(updated)d updated, "
                            "%(unchanged)d unchanged.") % {
            "created": len(report.created), "updated": len(report.updated),
            "unchanged": report.unchanged})
        if report.not_in_file:
            self.stdout.write(_("Kept, no longer in the file: %(codes)s") % {
                "codes": ", ".join(report.not_in_file)})
