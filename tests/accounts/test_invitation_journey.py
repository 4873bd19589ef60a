"""The invitation journey through the pages: invite, receive the e-mail, accept.

The URL names, paths, field names and button labels used here are a contract with the
browser test "an administrator invites a member with a role".
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.conftest import PASSWORD
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts.models import Invitation, Membership, Role


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_contract_paths():
    assert reverse("accounts:member-list", args=["forez"]) == "/t/forez/members/"
    assert reverse("accounts:invitation-create", args=["forez"]) == "/t/forez/members/invite/"
    assert reverse("accounts:invitation-accept", args=["abc"]) == "/invitations/abc/"


@pytest.mark.django_db
def test_the_invite_form_has_email_role_and_organisation(admin_client, territory):
    html = admin_client.get(reverse("accounts:invitation-create", args=[territory.slug])
                            ).content.decode()
    assert '<input type="email" name="email"' in html
    assert re.search(r'<select name="role"[^>]*id="id_role"', html)
    assert 'name="organisation"' in html
    assert '<label for="id_organisation">Organisation</label>' in html  # optional: no "(required)"
    assert ">Send the invitation</button>" in html


def accept_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_an_administrator_invites_a_member_who_accepts(
        client, administrator, territory, django_capture_on_commit_callbacks):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation-create", args=[territory.slug]),
            {"email": "elu@example.org", "role": Role.ELECTED, "organisation": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/t/forez/members/"
    html = response.content.decode()
    assert "The invitation is sent to elu@example.org" in html
    assert "Pending invitations" in html and "elu@example.org" in html

    link = accept_link(mail.outbox[0])
    client.logout()
    # The invited person opens the link without an account: they are offered to log in or
    # to sign up, and come back here afterwards.
    page = client.get(link).content.decode()
    assert "You are invited to join Pays de Forez as elected official" in page
    assert f'href="/accounts/login/?next={link.replace("/", "%2F")}"' in page
    assert f'href="/accounts/signup/?next={link.replace("/", "%2F")}"' in page

    UserFactory(email="elu@example.org")
    response = client.post("/accounts/login/", {"login": "elu@example.org", "password": PASSWORD,
                                                "next": link})
    assert response.url == link
    page = client.get(link).content.decode()
    assert ">Accept the invitation</button>" in page
    assert "This invitation was sent to" not in page  # same address: no warning

    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == "/t/forez/"
    assert "you now take part in Pays de Forez as elected official" in response.content.decode()
    membership = Membership.objects.get(territory=territory, user__email="elu@example.org")
    assert membership.role == Role.ELECTED
    assert Invitation.objects.get(email="elu@example.org").accepted_by == membership.user


@pytest.mark.django_db
def test_a_new_person_signs_up_from_the_invitation_and_comes_back(
        client, administrator, territory):
    from territoria.accounts import services

    invitation = services.invitation_create(territory=territory, invited_by=administrator,
                                            email="new@example.org", role=Role.STAFF)
    link = reverse("accounts:invitation-accept", args=[invitation.token])
    client.post("/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD,
                                      "password2": PASSWORD, "next": link})
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)",
                        mail.outbox[-1].body).group(1)
    response = client.post(confirm)
    assert response.url == link
    client.post(link)
    assert Membership.objects.get(user__email="new@example.org").role == Role.STAFF


@pytest.mark.django_db
def test_an_anonymous_post_goes_to_the_login_page_and_changes_nothing(
        client, administrator, territory):
    from territoria.accounts import services

    invitation = services.invitation_create(territory=territory, invited_by=administrator,
                                            email="new@example.org", role=Role.STAFF)
    link = f"/invitations/{invitation.token}/"
    response = client.post(link)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    invitation.refresh_from_db()
    assert not invitation.is_accepted


@pytest.mark.django_db
def test_a_different_address_is_warned_but_may_accept(client, administrator, territory):
    from territoria.accounts import services

    invitation = services.invitation_create(territory=territory, invited_by=administrator,
                                            email="work@example.org", role=Role.PMO)
    user = UserFactory(email="home@example.org")
    client.force_login(user)
    link = f"/invitations/{invitation.token}/"
    page = client.get(link).content.decode()
    assert ("This invitation was sent to work@example.org, but you are logged in as "
            "home@example.org") in page
    client.post(link)
    assert Membership.objects.get(user=user, territory=territory).role == Role.PMO


@pytest.mark.django_db
def test_a_member_accepting_gets_the_new_role(client, administrator, territory):
    from territoria.accounts import services

    resident = MembershipFactory(territory=territory, role=Role.RESIDENT)
    invitation = services.invitation_create(territory=territory, invited_by=administrator,
                                            email="other@example.org", role=Role.PROJECT_LEAD)
    client.force_login(resident.user)
    link = f"/invitations/{invitation.token}/"
    assert "accepting changes your role" in client.get(link).content.decode()
    client.post(link)
    resident.refresh_from_db()
    assert resident.role == Role.PROJECT_LEAD


@pytest.mark.django_db
def test_unknown_used_and_expired_links_answer_clearly(client, administrator, territory):
    from territoria.accounts import services

    assert client.get("/invitations/no-such-token/").status_code == 404

    used = services.invitation_create(territory=territory, invited_by=administrator,
                                      email="a@example.org", role=Role.STAFF)
    services.invitation_accept(invitation=used, user=UserFactory())
    response = client.get(f"/invitations/{used.token}/")
    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()
    client.force_login(UserFactory())
    assert client.post(f"/invitations/{used.token}/").status_code == 410

    expired = services.invitation_create(territory=territory, invited_by=administrator,
                                         email="b@example.org", role=Role.STAFF)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    response = client.post(f"/invitations/{expired.token}/")
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not Membership.objects.filter(user__email="b@example.org").exists()


@pytest.mark.django_db
def test_a_private_territory_invitation_is_accepted_and_opens_the_territory(
        client, administrator):
    from territoria.accounts import services

    private = TerritoryFactory(slug="private", is_public=False)
    MembershipFactory(territory=private, user=administrator, role=Role.ADMINISTRATOR)
    invitation = services.invitation_create(territory=private, invited_by=administrator,
                                            email="n@example.org", role=Role.RESIDENT)
    user = UserFactory(email="n@example.org")
    client.force_login(user)
    assert client.get("/t/private/").status_code == 404
    assert client.get(f"/invitations/{invitation.token}/").status_code == 200
    client.post(f"/invitations/{invitation.token}/")
    assert client.get("/t/private/").status_code == 200


@pytest.mark.django_db
def test_inviting_a_member_shows_a_clear_message(admin_client, territory):
    MembershipFactory(territory=territory, user=UserFactory(email="m@example.org"),
                      role=Role.STAFF)
    response = admin_client.post(reverse("accounts:invitation-create", args=[territory.slug]),
                                 {"email": "m@example.org", "role": Role.PMO})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert "m@example.org is already a member of this territory (staff)" in html
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_inviting_the_same_address_again_replaces_the_invitation(admin_client, territory):
    url = reverse("accounts:invitation-create", args=[territory.slug])
    admin_client.post(url, {"email": "x@example.org", "role": Role.RESIDENT})
    admin_client.post(url, {"email": "x@example.org", "role": Role.STAFF})
    assert list(Invitation.objects.values_list("role", flat=True)) == [Role.STAFF]


@pytest.mark.django_db
def test_an_administrator_revokes_a_pending_invitation(admin_client, administrator, territory):
    from territoria.accounts import services

    invitation = services.invitation_create(territory=territory, invited_by=administrator,
                                            email="x@example.org", role=Role.STAFF)
    url = reverse("accounts:invitation-revoke", args=[territory.slug, invitation.pk])
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, follow=True)
    assert "The invitation to x@example.org is revoked" in response.content.decode()
    assert not Invitation.objects.exists()
    assert admin_client.get(f"/invitations/{invitation.token}/").status_code == 404
