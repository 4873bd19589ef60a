"""``territoria demo``: database, referential, demo territory and accounts, then serve.

Every step is idempotent; a second run checks and creates nothing, in a few seconds.
"""

import os
import sys
import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territoria.accounts.models import Role
from territoria.core.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    demo_allowed,
    demo_build,
    demo_indicator_catalogue,
)


def load_referential(command: BaseCommand) -> None:
    """The French administrative referential (the geo app's command; fast when loaded)."""
    call_command("load_referential", stdout=command.stdout, stderr=command.stderr)


def _program() -> str:
    """How the user called us, to print commands they can copy."""
    if os.path.basename(sys.argv[0]) == "territoria":
        path = os.path.relpath(sys.argv[0])
        return path if not path.startswith("..") else "territoria"
    return "territoria"


class Command(BaseCommand):
    help = _("Prepare the demo (database, referential, demo territory and accounts) and "
             "serve it with a task worker.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true",
                            help=_("Prepare everything, print the accounts, do not serve."))

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        if not demo_allowed():
            raise CommandError(_("The demo is disabled by these settings (DEMO_COMMANDS): it "
                                 "creates accounts whose password is public."))
        started = time.monotonic()
        self.stdout.write(_("Preparing the database…"))
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Loading the administrative referential…"))
        load_referential(self)
        self.stdout.write(_("Building the demo territory…"))
        try:
            result = demo_build()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        result.created += demo_indicator_catalogue()
        self.stdout.write(_("Preparing the demo diagnostic…"))
        from territoria.diagnostic.demo import demo_diagnostic

        result.created += demo_diagnostic(result.territory)
        from territoria.comments.demo import demo_comments

        result.created += demo_comments(result.territory)
        from territoria.strategy.demo import demo_strategy

        result.created += demo_strategy(result.territory)
        from territoria.opinion.demo import demo_opinion

        result.created += demo_opinion(result.territory)
        self.stdout.write(_("Preparing the demo Agorapolis…"))
        from territoria.agora.demo import demo_agora

        result.created += demo_agora(result.territory)
        from territoria.voting.demo import demo_voting

        result.created += demo_voting(result.territory)
        self.stdout.write(_("Preparing the demo portfolio of projects…"))
        from territoria.projects.demo import demo_projects

        result.created += demo_projects(result.territory)
        from territoria.governance.demo import demo_governance

        result.created += demo_governance(result.territory)
        # The demo writes some content directly (bulk): index everything once.
        from territoria.search.index import index_rebuild

        index_rebuild()
        for item in result.created:
            self.stdout.write(_("  created: %(item)s") % {"item": item})
        if not result.created:
            self.stdout.write(_("  already there, nothing created."))
        self._print_summary(result.territory, host, port)
        self.stdout.write(_("Ready in %(seconds).1f s.") % {
            "seconds": time.monotonic() - started})
        if not no_serve:
            call_command("serve", host=host, port=port, reload=False)

    def _print_summary(self, territory, host: str, port: int) -> None:
        # Listening on every address: print one a browser on this machine can open.
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        roles = dict(Role.choices)
        rows = [(str(roles[a.role]) if a.role else _("platform operator"), a.email,
                 a.display_name + (f" — {a.organisation}" if a.organisation else ""),
                 _("yes") if a.needs_totp else "")
                for a in DEMO_ACCOUNTS]
        header = (_("Role"), _("E-mail"), _("Name"), _("TOTP"))
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join("{:<%d}" % w for w in widths)
        write = self.stdout.write
        write("")
        write(_("Demo territory: %(name)s (%(count)d communes)") % {
            "name": territory.name, "count": territory.communes.count()})
        write(f"  {base}{territory.get_absolute_url()}")
        write(_("Operator back office: %(url)s") % {"url": f"{base}/operator/"})
        write("")
        write(line.format(*header).rstrip())
        for row in rows:
            write(line.format(*row).rstrip())
        write("")
        write(_("Password of every demo account: %(password)s") % {"password": DEMO_PASSWORD})
        write(_("Accounts marked TOTP log in with a second factor. Get the current code with:"))
        admin = next(a for a in DEMO_ACCOUNTS if a.role == Role.ADMINISTRATOR)
        write(f"  {_program()} totp_code {admin.email}")
        write(_("or add the secret %(secret)s to an authenticator app.") % {
            "secret": DEMO_TOTP_SECRET})
        write("")
