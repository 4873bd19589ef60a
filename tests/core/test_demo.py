"""`territoria demo` and `territoria totp_code`."""

from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from territoria.accounts.models import Membership, Role, User
from territoria.core.demo import (
    DEMO_ACCOUNTS,
    DEMO_EPCI_SIREN,
    DEMO_PASSWORD,
    DEMO_SLUG,
    DEMO_TOTP_SECRET,
)
from territoria.core.management.commands import demo as demo_command
from territoria.core.models import Territory
from territoria.geo.models import Commune
from tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COMMUNES = [("26011", "Allex", 2698), ("26166", "Livron-sur-Drôme", 9329),
                    ("26144", "Grane", 2204)]


def load_fixture_referential(command) -> None:
    """A three-commune stand-in for the referential, idempotent like the real loader."""
    if Commune.objects.filter(insee_code="26011").exists():
        return
    epci = EpciFactory(siren=DEMO_EPCI_SIREN, name="CC du Val de Drôme en Biovallée")
    for code, name, population in FIXTURE_COMMUNES:
        CommuneFactory(insee_code=code, name=name, population=population, epci=epci)


@pytest.fixture
def demo_settings(settings, monkeypatch):
    settings.DEMO_COMMANDS = True
    monkeypatch.setattr(demo_command, "load_referential", load_fixture_referential)
    return settings


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "territories": Territory.objects.count(),
        "territory history": Territory.history.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "memberships": Membership.objects.count(),
        "membership history": Membership.history.count(),
        "authenticators": Authenticator.objects.count(),
    }


def test_the_demo_builds_the_territory_on_the_epci_with_one_account_per_role(demo_settings):
    output = run_demo()
    territory = Territory.objects.get(slug=DEMO_SLUG)
    assert territory.kind == Territory.Kind.EPCI and territory.epci.siren == DEMO_EPCI_SIREN
    assert sorted(territory.communes.values_list("name", flat=True)) == [
        "Allex", "Grane", "Livron-sur-Drôme"]

    # The demo accounts: one per role (the Agorapolis adds fictitious residents who support
    # proposals, habitantN@demo.territoria.example, with no password).
    accounts = [a.email for a in DEMO_ACCOUNTS]
    roles = list(Membership.objects.filter(territory=territory, user__email__in=accounts)
                 .values_list("role", flat=True))
    assert sorted(roles) == sorted(Role.values)  # every role, once
    assert Membership.objects.get(role=Role.LOCAL_ACTOR).organisation
    operator = User.objects.get(is_superuser=True)
    assert operator.is_staff and not operator.memberships.exists()
    assert User.objects.filter(email__in=accounts).count() == len(Role.values) + 1
    assert not User.objects.exclude(email__in=accounts).filter(
        password__startswith="pbkdf2").exists()  # the residents of the demo cannot log in

    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=account.email, verified=True,
                                           primary=True).exists()
        assert Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP).exists() == account.needs_totp
        assert account.email in output
    assert "http://127.0.0.1:8000/t/val-de-drome/" in output
    assert DEMO_PASSWORD in output and DEMO_TOTP_SECRET in output
    assert "totp_code administrator@demo.territoria.example" in output


def test_running_the_demo_again_creates_nothing(demo_settings):
    run_demo()
    before = counts()
    output = run_demo()
    assert counts() == before
    assert "already there, nothing created." in output


def test_the_demo_accounts_can_log_in_with_the_published_password(demo_settings, client):
    run_demo()
    response = client.post("/accounts/login/", {"login": "resident@demo.territoria.example",
                                                 "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_the_demo_administrator_logs_in_with_the_code_totp_code_prints(demo_settings, client):
    run_demo()
    email = "administrator@demo.territoria.example"
    out = StringIO()
    call_command("totp_code", email, stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert validate_totp_code(DEMO_TOTP_SECRET, code)

    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get(f"/t/{DEMO_SLUG}/settings/").status_code == 200


def test_totp_code_answers_only_for_the_demo_accounts_that_have_a_second_factor(
        demo_settings):
    run_demo()
    for email in ("resident@demo.territoria.example", "someone@example.org"):
        with pytest.raises(CommandError, match="Only these demo accounts"):
            call_command("totp_code", email)


def test_the_demo_commands_refuse_to_run_where_settings_disable_them(demo_settings):
    demo_settings.DEMO_COMMANDS = False
    with pytest.raises(CommandError, match="disabled by these settings"):
        run_demo()
    with pytest.raises(CommandError, match="these settings disable it"):
        call_command("totp_code", "administrator@demo.territoria.example")
    assert not User.objects.exists()


def test_production_settings_disable_the_demo():
    source = (ROOT / "config" / "settings" / "prod.py").read_text(encoding="utf-8")
    assert "DEMO_COMMANDS = False" in source


def test_the_demo_says_so_when_the_epci_is_missing_from_the_referential(demo_settings,
                                                                       monkeypatch):
    monkeypatch.setattr(demo_command, "load_referential", lambda command: None)
    with pytest.raises(CommandError, match=f"no EPCI with SIREN {DEMO_EPCI_SIREN}"):
        run_demo()
    assert not Territory.objects.exists()


def test_the_readme_lists_every_demo_account_and_the_password():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for account in DEMO_ACCOUNTS:
        assert account.email in readme
    assert DEMO_PASSWORD in readme and DEMO_TOTP_SECRET in readme


REAL_REFERENTIAL = ROOT / "territoria" / "geo" / "data" / "referential.json.gz"


@pytest.mark.skipif(not REAL_REFERENTIAL.exists() or "load_referential" not in get_commands(),
                    reason="the referential file or its loader is not there")
def test_the_demo_on_the_real_referential_covers_the_29_communes_of_the_epci(settings):
    settings.DEMO_COMMANDS = True
    run_demo()
    territory = Territory.objects.get(slug=DEMO_SLUG)
    assert territory.epci.name == "CC du Val de Drôme en Biovallée"
    communes = territory.communes.all()
    assert len(communes) == 29
    assert {"Livron-sur-Drôme", "Loriol-sur-Drôme", "Allex", "Saou", "Eurre"} <= {
        c.name for c in communes}
    assert all(c.population for c in communes)


def test_the_demo_then_serves_on_the_host_and_port_given(demo_settings, monkeypatch):
    served = []
    real_call_command = demo_command.call_command

    def call_command_spy(name, *args, **kwargs):
        if name == "serve":
            served.append(kwargs)
            return None
        return real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", call_command_spy)
    out = StringIO()
    call_command("demo", "--host", "0.0.0.0", "--port", "8080", stdout=out)
    assert served == [{"host": "0.0.0.0", "port": 8080, "reload": False}]
    assert "http://127.0.0.1:8080/t/val-de-drome/" in out.getvalue()
