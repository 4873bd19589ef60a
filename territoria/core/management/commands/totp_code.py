"""``territoria totp_code <email>``: the current two-factor code of a demo account.

Demo only: it answers for the demo accounts, and refuses where ``DEMO_COMMANDS`` is off.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from territoria.core.demo import DEMO_ACCOUNTS, demo_account, demo_allowed, totp_code_now


class Command(BaseCommand):
    help = _("Print the current TOTP code of a demo account (demo settings only).")

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import decrypt

        if not demo_allowed():
            raise CommandError(_("totp_code is a demo command; these settings disable it."))
        account = demo_account(email)
        if account is None or not account.needs_totp:
            raise CommandError(
                _("Only these demo accounts log in with a TOTP code: %(emails)s.")
                % {"emails": ", ".join(a.email for a in DEMO_ACCOUNTS if a.needs_totp)})
        authenticator = Authenticator.objects.filter(
            user__email__iexact=account.email, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(_("%(email)s has no TOTP authenticator; run the demo first.")
                               % {"email": email})
        code, seconds = totp_code_now(decrypt(authenticator.data["secret"]))
        self.stdout.write(code)
        if options["verbosity"] >= 1:
            self.stderr.write(_("(valid for %(seconds)d more seconds; a code is accepted "
                                "once)") % {"seconds": seconds})
