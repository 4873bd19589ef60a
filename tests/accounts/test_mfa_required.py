"""Administrators, of the platform or of a territory, must use two-factor authentication."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.accounts.conftest import give_totp, log_in, reauthenticate, totp_code
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Role

ACTIVATE = reverse("mfa_activate_totp")


@pytest.fixture
def territory(db):
    return TerritoryFactory(slug="forez")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["territory administrator", "platform operator"])
def test_an_administrator_without_totp_is_sent_to_the_set_up_page(client, territory, who):
    user = UserFactory(is_superuser=(who == "platform operator"),
                       is_staff=(who == "platform operator"))
    if who == "territory administrator":
        MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
    client.force_login(user)
    for path in ["/", "/t/forez/", "/t/forez/settings/?tab=logo&x=1", "/me/", "/operator/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == ACTIVATE + "?" + urlencode({"next": path})


@pytest.mark.django_db
def test_the_set_up_and_account_pages_stay_reachable(client, territory):
    user = UserFactory()
    MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
    log_in(client, user)
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200
    assert client.get("/static/territoria/theme.css").status_code == 200
    reauthenticate(client)
    assert client.get(ACTIVATE).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_roles_are_not_asked_for_two_factor(client, territory, role):
    user = UserFactory()
    MembershipFactory(territory=territory, user=user, role=role)
    client.force_login(user)
    assert client.get("/t/forez/").status_code == 200
    assert client.get("/me/").status_code == 200


@pytest.mark.django_db
def test_an_administrator_with_totp_goes_through_after_giving_the_code(client, territory):
    user = UserFactory(email="admin@example.org")
    MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
    secret = give_totp(user)
    response = client.post(reverse("account_login"),
                           {"login": "admin@example.org", "password": "correct horse battery"})
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get("/t/forez/settings/").status_code == 200


@pytest.mark.django_db
def test_setting_up_totp_lifts_the_redirection(client, territory):
    user = UserFactory()
    MembershipFactory(territory=territory, user=user, role=Role.ADMINISTRATOR)
    log_in(client, user)
    assert client.get("/t/forez/").status_code == 302
    reauthenticate(client)
    client.get(ACTIVATE)
    client.post(ACTIVATE, {"code": totp_code(client.session["mfa.totp.secret"])})
    assert client.get("/t/forez/").status_code == 200
