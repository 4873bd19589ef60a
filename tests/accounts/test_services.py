"""Services of accounts and roles: the rules they enforce, without the web layer."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.conftest import give_totp
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory
from territoria.accounts import selectors, services
from territoria.accounts.models import Invitation, Membership, Role, User


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Pays de Forez", slug="forez")


@pytest.fixture
def admin(territory):
    return MembershipFactory(territory=territory, role=Role.ADMINISTRATOR).user


def invite(territory, admin, email="new@example.org", role=Role.STAFF, **kwargs):
    return services.invitation_create(territory=territory, invited_by=admin, email=email,
                                      role=role, **kwargs)


# Invitations ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invitation_is_valid_14_days_and_emailed_after_commit(
        territory, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = invite(territory, admin, email=" New@Example.org ")
        assert mail.outbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1
    assert invitation.email == "new@example.org"
    assert invitation.expires_at - timezone.now() == pytest.approx(
        timedelta(days=14), abs=timedelta(minutes=1))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "Pays de Forez" in message.subject
    assert f"/invitations/{invitation.token}/" in message.body
    assert "staff" in message.body


@pytest.mark.django_db
def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(territory, admin):
    first = invite(territory, admin, role=Role.RESIDENT)
    second = invite(territory, admin, email="NEW@example.org", role=Role.PMO)
    assert list(Invitation.objects.filter(territory=territory)) == [second]
    assert not Invitation.objects.filter(token=first.token).exists()


@pytest.mark.django_db
def test_invitations_of_other_territories_are_left_alone(territory, admin):
    other = invite(TerritoryFactory(), admin)
    invite(territory, admin)
    assert Invitation.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_inviting_an_existing_member_is_refused(territory, admin):
    member = MembershipFactory(territory=territory, user=UserFactory(email="m@example.org"))
    with pytest.raises(ValidationError) as error:
        invite(territory, admin, email="M@example.org")
    assert error.value.code == "already_member"
    assert "already a member" in error.value.messages[0]
    # … also through one of their additional addresses.
    EmailAddress.objects.create(user=member.user, email="other@example.org", verified=True)
    with pytest.raises(ValidationError):
        invite(territory, admin, email="other@example.org")


@pytest.mark.django_db
def test_the_organisation_is_kept_for_a_local_actor_only(territory, admin):
    actor = invite(territory, admin, email="a@example.org", role=Role.LOCAL_ACTOR,
                   organisation=" Coop du Forez ")
    staff = invite(territory, admin, email="b@example.org", role=Role.STAFF,
                   organisation="Coop du Forez")
    assert actor.organisation == "Coop du Forez"
    assert staff.organisation == ""


@pytest.mark.django_db
def test_an_unknown_role_is_refused(territory, admin):
    with pytest.raises(ValidationError):
        invite(territory, admin, role="mayor")


@pytest.mark.django_db
def test_a_replaced_or_revoked_invitation_sends_nothing(territory, admin):
    from territoria.accounts.tasks import send_invitation_email

    invitation = invite(territory, admin)
    services.invitation_revoke(invitation=invitation)
    send_invitation_email.call(invitation_id=invitation.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_accepting_creates_the_membership_with_the_role(territory, admin):
    invitation = invite(territory, admin, role=Role.LOCAL_ACTOR, organisation="Coop")
    user = UserFactory(email="new@example.org")
    membership = services.invitation_accept(invitation=invitation, user=user)
    assert (membership.territory, membership.user, membership.role, membership.organisation) == (
        territory, user, Role.LOCAL_ACTOR, "Coop")
    invitation.refresh_from_db()
    assert invitation.is_accepted and invitation.accepted_by == user


@pytest.mark.django_db
def test_accepting_changes_the_role_of_an_existing_member(territory, admin):
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT)
    invitation = invite(territory, admin, email="someone-else@example.org", role=Role.ELECTED)
    services.invitation_accept(invitation=invitation, user=resident.user)
    resident.refresh_from_db()
    assert resident.role == Role.ELECTED
    assert Membership.objects.filter(territory=territory, user=resident.user).count() == 1


@pytest.mark.django_db
def test_an_invitation_works_once(territory, admin):
    invitation = invite(territory, admin)
    services.invitation_accept(invitation=invitation, user=UserFactory())
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert error.value.code == "used"


@pytest.mark.django_db
def test_an_expired_invitation_cannot_be_accepted(territory, admin):
    invitation = invite(territory, admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, user=user)
    assert error.value.code == "expired"
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_an_accepted_invitation_cannot_be_revoked(territory, admin):
    invitation = invite(territory, admin)
    services.invitation_accept(invitation=invitation, user=UserFactory())
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_revoke(invitation=invitation)


# The last administrator ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_demoted(territory, admin):
    membership = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError) as error:
        services.membership_update(membership=membership, role=Role.STAFF)
    assert error.value.code == "last_administrator"
    assert "last administrator" in error.value.messages[0]
    membership.refresh_from_db()
    assert membership.role == Role.ADMINISTRATOR


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_removed(territory, admin):
    with pytest.raises(ValidationError):
        services.membership_remove(membership=Membership.objects.get(user=admin))
    assert Membership.objects.filter(user=admin).exists()


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_demoted_by_accepting_an_invitation(territory, admin):
    invitation = invite(territory, admin, email="x@example.org", role=Role.RESIDENT)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=admin)
    assert Membership.objects.get(user=admin).role == Role.ADMINISTRATOR


@pytest.mark.django_db
def test_an_administrator_can_step_down_when_another_remains(territory, admin):
    MembershipFactory(territory=territory, role=Role.ADMINISTRATOR)
    membership = Membership.objects.get(user=admin)
    services.membership_update(membership=membership, role=Role.PMO)
    assert Membership.objects.get(user=admin).role == Role.PMO
    other_admin = Membership.objects.get(territory=territory, role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError):
        services.membership_remove(membership=other_admin)


@pytest.mark.django_db
def test_administrators_of_another_territory_do_not_count(territory, admin):
    MembershipFactory(role=Role.ADMINISTRATOR)  # in another territory
    with pytest.raises(ValidationError):
        services.membership_remove(membership=Membership.objects.get(user=admin))


@pytest.mark.django_db
def test_members_of_other_roles_are_changed_and_removed_freely(territory, admin):
    member = MembershipFactory(territory=territory, role=Role.RESIDENT)
    services.membership_update(membership=member, role=Role.LOCAL_ACTOR, organisation="Coop")
    member.refresh_from_db()
    assert (member.role, member.organisation) == (Role.LOCAL_ACTOR, "Coop")
    services.membership_remove(membership=member)
    assert not Membership.objects.filter(pk=member.pk).exists()


# Self-service join -----------------------------------------------------------------------


@pytest.mark.django_db
def test_joining_a_public_territory_makes_a_resident_and_keeps_an_existing_role(territory):
    user = UserFactory()
    assert services.membership_join(user=user, territory=territory).role == Role.RESIDENT
    staff = MembershipFactory(territory=territory, role=Role.STAFF)
    assert services.membership_join(user=staff.user, territory=territory).role == Role.STAFF


@pytest.mark.django_db
def test_a_private_territory_cannot_be_joined_without_invitation():
    with pytest.raises(PermissionDenied):
        services.membership_join(user=UserFactory(), territory=TerritoryFactory(is_public=False))


# Personal data -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_an_account_erases_personal_data_and_keeps_the_history(territory, admin):
    user = UserFactory(email="leaving@example.org", display_name="Léa Martin")
    membership = MembershipFactory(territory=territory, user=user, role=Role.STAFF)
    give_totp(user)
    services.account_delete(user=user)

    user.refresh_from_db()
    assert user.email.endswith("@deleted.invalid") and "leaving" not in user.email
    assert user.display_name == ""
    assert not user.is_active and not user.has_usable_password()
    assert str(user) == "deleted account"
    assert not Membership.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    # The audit trail still holds the membership, now deleted.
    kinds = list(Membership.history.filter(id=membership.pk).values_list("history_type",
                                                                          flat=True))
    assert sorted(kinds) == ["+", "-"]
    # The address is free for a new account.
    UserFactory(email="leaving@example.org")


@pytest.mark.django_db
def test_deleted_accounts_get_distinct_placeholders(db):
    first, second = UserFactory(), UserFactory()
    services.account_delete(user=first)
    services.account_delete(user=second)
    assert User.objects.filter(email__endswith="@deleted.invalid").count() == 2


@pytest.mark.django_db
def test_the_last_administrator_cannot_delete_their_account(territory, admin):
    with pytest.raises(ValidationError) as error:
        services.account_delete(user=admin)
    assert "Pays de Forez" in error.value.messages[0]
    admin.refresh_from_db()
    assert admin.is_active and Membership.objects.filter(user=admin).exists()


@pytest.mark.django_db
def test_the_export_holds_account_memberships_and_accepted_invitations(territory, admin):
    user = UserFactory(email="me@example.org", display_name="Me")
    invitation = invite(territory, admin, email="me@example.org", role=Role.LOCAL_ACTOR,
                        organisation="Coop")
    services.invitation_accept(invitation=invitation, user=user)
    data = selectors.account_export(user=user)
    assert data["account"]["email"] == "me@example.org"
    assert data["account"]["display_name"] == "Me"
    assert data["account"]["email_addresses"] == [
        {"email": "me@example.org", "verified": True, "primary": True}]
    assert data["memberships"] == [{
        "territory": "Pays de Forez", "territory_slug": "forez", "role": "local_actor",
        "organisation": "Coop", "since": data["memberships"][0]["since"]}]
    assert data["invitations_accepted"][0]["invited_email"] == "me@example.org"
    assert data["invitations_accepted"][0]["role"] == "local_actor"


def test_an_administrator_cannot_send_more_than_the_hourly_number_of_invitations(db):
    from territoria.accounts import services as account_services

    membership = MembershipFactory(role=Role.ADMINISTRATOR)
    for n in range(account_services.INVITATIONS_PER_HOUR):
        account_services.invitation_create(territory=membership.territory,
                                           invited_by=membership.user,
                                           email=f"guest{n}@example.org", role=Role.RESIDENT)
    with pytest.raises(ValidationError) as refused:
        account_services.invitation_create(territory=membership.territory,
                                           invited_by=membership.user,
                                           email="one-more@example.org", role=Role.RESIDENT)
    assert refused.value.code == "rate_limited"
    assert not Invitation.objects.filter(email="one-more@example.org").exists()
