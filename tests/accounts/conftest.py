import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Role

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_totp(user) -> str:
    """Activate an authenticator app and recovery codes for the user, as the set-up page does;
    returns the
    secret, from which ``totp_code`` computes the current code."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Pays de Forez", slug="forez")


@pytest.fixture
def administrator(territory):
    """An administrator of ``territory`` who has set up two-factor authentication."""
    user = UserFactory(email="admin@example.org")
    MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
    give_totp(user)
    return user


def log_in(client, user, password: str = PASSWORD):
    """Log in through allauth's form, as a person does (force_login skips allauth's record
    of the authentication, which the two-factor pages require to be recent)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def reauthenticate(client, password: str = PASSWORD) -> None:
    """Confirm the password again: allauth asks for it before two-factor settings."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
