"""``build_referential <package .tgz or directory>``: rebuild geo/data/referential.json.gz."""

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territoria.geo.domain.etalab import read_etalab_package, referential_from_etalab
from territoria.geo.domain.referential import (
    ReferentialError,
    decode_referential,
    encode_referential,
)
from territoria.geo.services import DEFAULT_REFERENTIAL_PATH, translated


class Command(BaseCommand):
    help = _("Rebuild the referential file from Etalab's @etalab/decoupage-administratif npm "
             "package (its .tgz from `npm pack`, or an extracted directory).")

    def add_arguments(self, parser):
        parser.add_argument("package", help=_("Path to the package .tgz or directory."))
        parser.add_argument("--output", default=str(DEFAULT_REFERENTIAL_PATH),
                            help=_("Where to write the referential file (default: %(default)s)."))

    def handle(self, *args, package, output, **options):
        output = Path(output)
        try:
            referential = referential_from_etalab(read_etalab_package(package))
            raw = encode_referential(referential)
            # The file must be one the loader accepts: read it back with the loader's checks.
            decode_referential(raw)
        except ReferentialError as error:
            raise CommandError(str(translated(error))) from None

        previous = output.read_bytes() if output.exists() else None
        if previous == raw:
            self.stdout.write(_("%(path)s is already up to date (%(source)s).")
                              % {"path": output, "source": referential.source})
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target then rename, so that a failure never leaves half a file.
        descriptor, temporary = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(raw)
            os.chmod(temporary, 0o644)  # mkstemp creates it private; it is a public file
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        counts = referential.counts()
        self.stdout.write(self.style.SUCCESS(
            _("Wrote %(path)s from %(source)s: %(size)s KB, SHA-256 %(checksum)s.")
            % {"path": output, "source": referential.source, "size": len(raw) // 1024,
               "checksum": hashlib.sha256(raw).hexdigest()}))
        self.stdout.write(", ".join(f"{name} {n}" for name, n in counts.items()))
        self.stdout.write(_("Now update the version and the SHA-256 in geo/data/SOURCE.md and "
                            "the version in docs/data-sources.md, then load the file with "
                            "`load_referential`."))
