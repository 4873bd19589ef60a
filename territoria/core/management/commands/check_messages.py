import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from territoria.core.pofile import read_po


def catalog_problems(language: str = "fr") -> list[str]:
    """Source strings missing from the catalog, untranslated, or fuzzy.

    The catalog is regenerated from the sources into a temporary folder (merging the
    committed translations), so a string added to the code and not yet translated counts.
    """
    committed = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    if not committed.exists():
        return [f"no catalog at {committed}"]
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(committed, target / "django.po")
        cwd = os.getcwd()
        os.chdir(settings.PACKAGE_DIR)
        try:
            with override_settings(LOCALE_PATHS=[Path(tmp) / "locale"]):
                call_command("makemessages", locale=[language], verbosity=0, no_obsolete=True)
        finally:
            os.chdir(cwd)
        problems = []
        for entry in read_po(target / "django.po"):
            label = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}|{entry.msgid}"
            if entry.fuzzy:
                problems.append(f"fuzzy: {label!r}")
            elif not entry.translated:
                problems.append(f"untranslated: {label!r}")
        return problems


class Command(BaseCommand):
    help = "Fail when a source string has no reviewed French translation (missing or fuzzy)."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="fr")

    def handle(self, *args, language, **options):
        problems = catalog_problems(language)
        if problems:
            raise CommandError(
                f"The {language} catalog is incomplete ({len(problems)} entries). Run "
                "`make messages-update`, translate, then commit locale/.\n  "
                + "\n  ".join(problems[:200]))
        self.stdout.write(self.style.SUCCESS(f"The {language} catalog is complete."))
