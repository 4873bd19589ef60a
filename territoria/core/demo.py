"""The demo: a real intercommunality with one account per role.

The territory is the Communauté de communes du Val de Drôme en Biovallée (SIREN 242600252):
29 real communes with their names and municipal populations, taken from the referential.
The people, and anything they write, are fictitious. Everything here is built with
get-or-create, so that running the demo again creates nothing.

Demo accounts share a published password, and the two administrator accounts a published TOTP
secret: the demo refuses to run where ``settings.DEMO_COMMANDS`` is off (production).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership, Role, User
from territoria.accounts.services import membership_set
from territoria.core.models import Territory
from territoria.core.services import territory_create
from territoria.geo.models import Epci

DEMO_EPCI_SIREN = "242600252"  # CC du Val de Drôme en Biovallée (Drôme, 29 communes)
DEMO_SLUG = "val-de-drome"
DEMO_NAME = "Val de Drôme en Biovallée"
DEMO_COLOUR = "#2e7d32"
DEMO_DESCRIPTION = (
    "Territoire de démonstration. Le périmètre est réel : les 29 communes de la Communauté "
    "de communes du Val de Drôme en Biovallée, avec leurs populations légales. Les personnes "
    "et les contenus sont fictifs."
)
DEMO_PASSWORD = "territoria-demo"
# Base32, as authenticator apps expect; fixed so that the demo documents it.
DEMO_TOTP_SECRET = "TERRITORIADEMOSECRETFORTOTPCODES"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str | None  # None: the platform operator, who has no role in a territory
    organisation: str = ""
    operator: bool = False

    @property
    def needs_totp(self) -> bool:
        return self.operator or self.role == Role.ADMINISTRATOR


DEMO_ACCOUNTS = [
    DemoAccount("operator@demo.territoria.example", "Nadia Petit", None, operator=True),
    DemoAccount("administrator@demo.territoria.example", "Claire Morel", Role.ADMINISTRATOR),
    DemoAccount("elected@demo.territoria.example", "Jean Fabre", Role.ELECTED),
    DemoAccount("staff@demo.territoria.example", "Sophie Garnier", Role.STAFF),
    DemoAccount("pmo@demo.territoria.example", "Karim Benali", Role.PMO),
    DemoAccount("project-lead@demo.territoria.example", "Léa Roux", Role.PROJECT_LEAD),
    DemoAccount("local-actor@demo.territoria.example", "Marc Dumas", Role.LOCAL_ACTOR,
                organisation="Atelier vélo du Val (association)"),
    DemoAccount("resident@demo.territoria.example", "Paul Girard", Role.RESIDENT),
]


@dataclass
class DemoResult:
    territory: Territory
    created: list[str]  # what this run created, in words; empty on a second run


def demo_allowed() -> bool:
    """Demo commands run where settings say so; by default only with DEBUG on."""
    return bool(getattr(settings, "DEMO_COMMANDS", settings.DEBUG))


def demo_account(email: str) -> DemoAccount | None:
    return next((a for a in DEMO_ACCOUNTS if a.email == email.strip().lower()), None)


@transaction.atomic
def demo_build() -> DemoResult:
    """Build the demo territory and its accounts if they are missing; change nothing else."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not demo_allowed():
        raise ImproperlyConfigured(_("The demo is disabled by these settings (DEMO_COMMANDS)."))
    created: list[str] = []
    territory = Territory.objects.filter(slug=DEMO_SLUG).first()
    if territory is None:
        epci = Epci.objects.filter(siren=DEMO_EPCI_SIREN).first()
        if epci is None:
            raise ImproperlyConfigured(
                _("The referential has no EPCI with SIREN %(siren)s: load it first "
                  "(territoria load_referential).") % {"siren": DEMO_EPCI_SIREN})
        territory = territory_create(name=DEMO_NAME, slug=DEMO_SLUG, kind=Territory.Kind.EPCI,
                                     epci=epci, main_colour=DEMO_COLOUR,
                                     description=DEMO_DESCRIPTION, is_public=True)
        created.append(_("territory %(name)s") % {"name": territory.name})

    password_hash = None  # hashed once, and only when an account has to be created
    existing = {u.email: u for u in User.objects.filter(
        email__in=[a.email for a in DEMO_ACCOUNTS])}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.email)
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User(email=account.email, display_name=account.display_name,
                        password=password_hash, is_staff=account.operator,
                        is_superuser=account.operator)
            user.save()
            created.append(_("account %(email)s") % {"email": account.email})
        EmailAddress.objects.get_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True})
        if account.needs_totp and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            created.append(_("TOTP authenticator of %(email)s") % {"email": account.email})
        if account.role and not Membership.objects.filter(user=user,
                                                          territory=territory).exists():
            membership_set(territory=territory, user=user, role=account.role,
                           organisation=account.organisation)
            created.append(_("membership of %(email)s") % {"email": account.email})
    return DemoResult(territory=territory, created=created)


def totp_code_now(secret: str) -> tuple[str, int]:
    """The TOTP code valid now for ``secret`` and the seconds it stays valid (RFC 6238)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    now = int(time.time())
    period = app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, now // period)), period - now % period


def demo_indicator_catalogue() -> list[str]:
    """The national indicator catalogue (idempotent): what this run created, in words."""
    from territoria.indicators.services import catalogue_load

    report = catalogue_load()
    if report.created:
        return [_("%(count)d indicators of the catalogue") % {"count": len(report.created)}]
    return []
