"""Sign-up, e-mail verification, login, rate limits, password reset and two-factor login,
end to end through allauth's views with the project's settings."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, give_totp, totp_code
from tests.factories import UserFactory
from territoria.accounts.models import User

NEW_PASSWORD = "a brand new passphrase"


def link_in(message) -> str:
    """The path of the first link of the site in an e-mail."""
    url = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert url, message.body
    return url.group(1)


def sign_up(client, email="camille@example.org"):
    return client.post(reverse("account_signup"), {
        "email": email, "password1": PASSWORD, "password2": PASSWORD})


@pytest.mark.django_db
def test_sign_up_sends_a_verification_email(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@example.org"]
    assert mail.outbox[0].subject.startswith("[Territoria] ")
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not EmailAddress.objects.get(email="camille@example.org").verified


@pytest.mark.django_db
def test_login_before_verification_is_refused_with_a_clear_message(client):
    sign_up(client)
    client.logout()
    response = client.post(reverse("account_login"),
                           {"login": "camille@example.org", "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "Your e-mail address is not confirmed yet" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_following_the_verification_link_verifies_and_logs_in(client):
    sign_up(client)
    confirm_url = link_in(mail.outbox[0])
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Confirm my address" in page.content.decode()
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="camille@example.org").verified
    user = User.objects.get(email="camille@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_an_invalid_verification_link_says_so(client):
    response = client.get("/accounts/confirm-email/not-a-key/")
    assert "This confirmation link has expired or is not valid." in response.content.decode()


@pytest.mark.django_db
def test_a_verified_user_logs_in_with_email_and_password(client):
    user = UserFactory(email="dominique@example.org")
    response = client.post(reverse("account_login"),
                           {"login": "dominique@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message_tied_to_the_form(client):
    UserFactory(email="dominique@example.org")
    response = client.post(reverse("account_login"),
                           {"login": "dominique@example.org", "password": "wrong password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<div class="alert alert-error" role="alert"><p>The email address '
                     r'and/or password you specified are not correct.', html)


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited_with_a_clear_message(client):
    UserFactory(email="dominique@example.org")
    for _ in range(5):  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per 5 minutes per address
        client.post(reverse("account_login"),
                    {"login": "dominique@example.org", "password": "wrong password"})
    # Even the right password is refused until the limit is over.
    response = client.post(reverse("account_login"),
                           {"login": "dominique@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = UserFactory(email="dominique@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "dominique@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0])
    # allauth moves the key from the address into the session, then shows the form.
    form_page = client.get(reset_url, follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url
    assert 'autocomplete="new-password"' in form_page.content.decode()
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
                       follow=True)
    assert done.status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    again = client.get(reset_url, follow=True)
    assert "The password reset link was invalid" in again.content.decode()


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_tells_nothing_away(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


@pytest.mark.django_db
def test_login_asks_for_the_code_of_users_with_two_factor(client):
    user = UserFactory(email="dominique@example.org")
    secret = give_totp(user)
    response = client.post(reverse("account_login"),
                           {"login": "dominique@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert 'autocomplete="one-time-code"' in page.content.decode()

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_a_recovery_code_also_completes_the_login(client):
    from allauth.mfa.models import Authenticator

    user = UserFactory(email="dominique@example.org")
    give_totp(user)
    code = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()[0]
    client.post(reverse("account_login"), {"login": "dominique@example.org", "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_activating_totp_through_the_page(client):
    from tests.accounts.conftest import has_totp, log_in, reauthenticate

    user = UserFactory()
    log_in(client, user)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert has_totp(user)
