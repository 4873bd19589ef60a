"""Administrators manage the members of their territory; people manage their own account."""

import json

import pytest
from django.urls import reverse

from tests.accounts.conftest import PASSWORD
from tests.factories import MembershipFactory, UserFactory
from territoria.accounts.models import Invitation, Membership, Role, User


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.mark.django_db
def test_the_member_list_shows_members_and_pending_invitations(admin_client, territory):
    MembershipFactory(territory=territory, role=Role.LOCAL_ACTOR, organisation="Coop du Forez",
                      user=UserFactory(email="actor@example.org"))
    from territoria.accounts import services
    services.invitation_create(territory=territory, invited_by=None, email="p@example.org",
                               role=Role.PMO)
    html = admin_client.get(reverse("accounts:member-list", args=[territory.slug])
                            ).content.decode()
    assert "actor@example.org" in html and "Coop du Forez" in html and "local actor" in html
    assert "p@example.org" in html and "PMO" in html
    assert ">Invite someone</a>" in html
    assert "Change the role" in html and ">Revoke" in html


@pytest.mark.django_db
def test_team_members_see_the_list_without_the_management_actions(client, territory):
    staff = MembershipFactory(territory=territory, role=Role.STAFF)
    client.force_login(staff.user)
    html = client.get(reverse("accounts:member-list", args=[territory.slug])).content.decode()
    assert staff.user.email in html
    assert "Invite someone" not in html and "Change the role" not in html


@pytest.mark.django_db
def test_an_administrator_changes_a_member_role(admin_client, territory):
    member = MembershipFactory(territory=territory, role=Role.RESIDENT)
    url = reverse("accounts:member-update", args=[territory.slug, member.pk])
    page = admin_client.get(url).content.decode()
    assert '<option value="resident" selected>' in page
    response = admin_client.post(url, {"role": Role.LOCAL_ACTOR, "organisation": "Coop"},
                                 follow=True)
    assert response.redirect_chain[-1][0] == "/t/forez/members/"
    assert "now takes part as local actor" in response.content.decode()
    member.refresh_from_db()
    assert (member.role, member.organisation) == (Role.LOCAL_ACTOR, "Coop")


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_demoted_with_a_clear_message(
        admin_client, administrator, territory):
    mine = Membership.objects.get(user=administrator)
    response = admin_client.post(reverse("accounts:member-update", args=[territory.slug, mine.pk]),
                                 {"role": Role.RESIDENT})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is the last administrator of Pays de Forez. Name another administrator first." in html
    assert 'id="id_role_error"' in html
    mine.refresh_from_db()
    assert mine.role == Role.ADMINISTRATOR


@pytest.mark.django_db
def test_removing_a_member_asks_for_confirmation(admin_client, territory):
    member = MembershipFactory(territory=territory, role=Role.STAFF)
    url = reverse("accounts:member-remove", args=[territory.slug, member.pk])
    page = admin_client.get(url).content.decode()
    assert "Remove from the territory" in page
    assert Membership.objects.filter(pk=member.pk).exists()
    response = admin_client.post(url, follow=True)
    assert "no longer takes part in Pays de Forez" in response.content.decode()
    assert not Membership.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_removed_with_a_clear_message(
        admin_client, administrator, territory):
    mine = Membership.objects.get(user=administrator)
    response = admin_client.post(reverse("accounts:member-remove", args=[territory.slug, mine.pk]))
    assert response.status_code == 409
    assert "is the last administrator of Pays de Forez" in response.content.decode()
    assert Membership.objects.filter(pk=mine.pk).exists()


@pytest.mark.django_db
def test_an_administrator_who_steps_down_lands_on_the_territory(
        admin_client, administrator, territory):
    MembershipFactory(territory=territory, role=Role.ADMINISTRATOR)
    mine = Membership.objects.get(user=administrator)
    response = admin_client.post(reverse("accounts:member-update", args=[territory.slug, mine.pk]),
                                 {"role": Role.RESIDENT})
    assert response.url == "/t/forez/"


@pytest.mark.django_db
def test_joining_a_public_territory_as_a_resident(client, territory):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:territory-join", args=[territory.slug]), follow=True)
    assert "you now take part in Pays de Forez as resident" in response.content.decode()
    assert Membership.objects.get(user=user).role == Role.RESIDENT


# My space: personal data ---------------------------------------------------------------


@pytest.mark.django_db
def test_my_space_links_to_export_and_deletion(client):
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'href="/me/export/"' in html and 'href="/me/delete/"' in html


@pytest.mark.django_db
def test_exporting_my_data_downloads_json(client, territory):
    user = UserFactory(email="me@example.org")
    MembershipFactory(territory=territory, user=user, role=Role.RESIDENT)
    client.force_login(user)
    response = client.get(reverse("accounts:account-export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.org"
    assert data["memberships"][0]["territory_slug"] == "forez"


@pytest.mark.django_db
def test_deleting_my_account_needs_my_password(client, territory):
    user = UserFactory(email="me@example.org")
    MembershipFactory(territory=territory, user=user, role=Role.RESIDENT)
    client.force_login(user)
    url = reverse("accounts:account-delete")
    assert 'autocomplete="current-password"' in client.get(url).content.decode()
    response = client.post(url, {"password": "not my password"})
    assert response.status_code == 200
    assert "This password is not correct." in response.content.decode()
    user.refresh_from_db()
    assert user.is_active

    response = client.post(url, {"password": PASSWORD}, follow=True)
    assert "Your account is deleted" in response.content.decode()
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert not user.is_active and user.email.endswith("@deleted.invalid")
    assert not Membership.objects.filter(user=user).exists()
    # Nobody can log in with the old address and password any more.
    response = client.post(reverse("account_login"), {"login": "me@example.org",
                                                      "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_last_administrator_is_told_why_the_account_stays(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert "You are the last administrator of Pays de Forez" in response.content.decode()
    assert User.objects.get(pk=administrator.pk).is_active


@pytest.mark.django_db
def test_a_deleted_account_shows_as_deleted_in_the_history(admin_client, territory):
    from territoria.core.history import territory_history
    from territoria.accounts import services

    invitation = services.invitation_create(territory=territory, invited_by=None,
                                            email="x@example.org", role=Role.STAFF)
    user = UserFactory(email="x@example.org")
    services.invitation_accept(invitation=invitation, user=user)
    services.account_delete(user=user)
    objects = [entry.object for entry in territory_history(territory=territory)]
    # The membership's creation and deletion stay in the audit trail, without a name.
    assert objects.count("deleted account — staff (Pays de Forez)") == 2
    accepted = Invitation.objects.get(pk=invitation.pk)
    assert accepted.accepted_by == user
    assert accepted.email == User.objects.get(pk=user.pk).email  # the placeholder
