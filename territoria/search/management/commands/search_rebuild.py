"""``territoria search_rebuild``: rewrite the search index from the content itself."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Rebuild the search index from the content (every kind, or those named).")

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=_("Kinds to rebuild, e.g. opinion.statement"))

    def handle(self, *args, kinds, **options):
        from territoria.search.index import index_rebuild

        started = time.perf_counter()
        try:
            counts = index_rebuild(kinds=kinds or None)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for key, count in counts.items():
            self.stdout.write(_("  %(kind)s: %(count)s entries") % {"kind": key, "count": count})
        self.stdout.write(_("Search index rebuilt: %(count)s entries in %(seconds).1f s.") % {
            "count": sum(counts.values()), "seconds": time.perf_counter() - started})
