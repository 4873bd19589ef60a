"""The people of the journeys and what they do to get in: log in, two-factor code."""

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from playwright.sync_api import expect

from tests.e2e.text import in_language, label

PASSWORD = "correct horse battery"  # the password tests.factories.UserFactory gives


def give_authenticator_app(user) -> str:
    """Activate a TOTP authenticator for ``user``, as the set-up page does; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str, period: int = 30) -> str:
    """The code the authenticator app shows now, never one about to expire."""
    if period - time.time() % period < 2:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def log_in(page, email: str, password: str = PASSWORD, *, language: str = "fr",
           authenticator_secret: str | None = None) -> None:
    """Fill allauth's login form on the current page (and the two-factor step when asked)."""
    page.get_by_label(label("E-mail address", language)).fill(email)
    password_field = page.get_by_label(label("Password", language))
    password_field.fill(password)
    password_field.press("Enter")
    if authenticator_secret is not None:
        code = page.get_by_label(label("Code", language))
        expect(code).to_be_visible()
        code.fill(current_code(authenticator_secret))
        code.press("Enter")
    account_nav = page.get_by_role("navigation", name=in_language(language, "Account"))
    expect(account_nav.get_by_role("button", name=in_language(language, "Log out"))
           ).to_be_visible()


def sign_in_directly(page, user, base_url: str) -> None:
    """Give the page's browser a session of ``user`` without going through the login pages.

    For journeys about something else than logging in; ``log_in`` is the real thing.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                               "url": base_url}])
