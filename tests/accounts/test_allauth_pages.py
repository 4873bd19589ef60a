"""allauth's pages inside the site's layout, with our accessible form components."""

import re

import pytest
from django.urls import reverse

from tests.accounts.conftest import give_totp, log_in, reauthenticate
from tests.factories import UserFactory


def assert_site_page(html: str) -> None:
    """What every page of the site has: language, main landmark, one h1, labelled inputs."""
    assert re.search(r'<html lang="(fr|en)">', html)
    assert '<main id="main"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1, "one h1 per page"
    assert "site-header" in html and "site-footer" in html
    for match in re.finditer(r"<(input|select|textarea)\b([^>]*)>", html):
        attributes = match.group(2)
        if re.search(r'type="(hidden|submit)"', attributes):
            continue
        input_id = re.search(r'id="([^"]+)"', attributes)
        assert input_id, f"input without id: {match.group(0)}"
        assert f'for="{input_id.group(1)}"' in html, f"input without label: {match.group(0)}"


ANONYMOUS_PAGES = ["account_login", "account_signup", "account_reset_password",
                   "account_reset_password_done", "account_email_verification_sent"]
SIGNED_IN_PAGES = ["account_email", "account_change_password", "account_logout", "mfa_index",
                   "mfa_activate_totp", "account_reauthenticate"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ANONYMOUS_PAGES)
def test_entrance_pages_use_the_site_layout(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_site_page(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", SIGNED_IN_PAGES)
def test_account_pages_use_the_site_layout(client, url_name):
    log_in(client, UserFactory())
    reauthenticate(client)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_site_page(response.content.decode())


@pytest.mark.django_db
def test_pages_of_a_user_with_two_factor_use_the_site_layout(client):
    user = UserFactory()
    log_in(client, user)
    reauthenticate(client)
    give_totp(user)
    for url_name in ["mfa_index", "mfa_view_recovery_codes", "mfa_generate_recovery_codes",
                     "mfa_deactivate_totp", "mfa_reauthenticate"]:
        response = client.get(reverse(url_name))
        assert response.status_code == 200, url_name
        assert_site_page(response.content.decode())


@pytest.mark.django_db
def test_login_form_labels_its_fields_and_keeps_autocomplete(client):
    html = client.get(reverse("account_login")).content.decode()
    assert re.search(r'<label for="id_login">[^<]*<span class="required">', html)
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html
    assert 'aria-describedby="id_password_helptext"' in html  # "Forgot your password?"


@pytest.mark.django_db
def test_signup_errors_are_tied_to_their_field(client):
    response = client.post(reverse("account_signup"), {
        "email": "not-an-address", "password1": "short", "password2": "other"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_email_error', html)
    assert re.search(r'<input[^>]*aria-invalid="true"', html)
    assert 'autocomplete="new-password"' in html


@pytest.mark.django_db
def test_password_rules_are_plain_text_tied_to_the_field(client):
    html = client.get(reverse("account_signup")).content.decode()
    help_text = re.search(r'<p class="help" id="id_password1_helptext">(.*?)</p>', html, re.S)
    assert help_text and "<ul>" not in help_text.group(1)
    assert "10" in help_text.group(1)  # the minimum length of AUTH_PASSWORD_VALIDATORS


@pytest.mark.django_db
def test_totp_activation_shows_the_qr_code_and_the_secret_within_the_csp(client):
    log_in(client, UserFactory())
    reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    secret = client.session["mfa.totp.secret"]
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="[^"]+"', html)
    assert f'<code id="authenticator_secret">{secret}</code>' in html
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in csp
    # No inline script or style without the nonce.
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    assert " style=" not in html


@pytest.mark.django_db
def test_too_many_requests_page_is_clear(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.get(reverse("account_login"))
    client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
