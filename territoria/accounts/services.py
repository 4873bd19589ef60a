"""Writes on accounts, memberships and invitations."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from territoria.accounts.census import read_census
from territoria.accounts.models import (
    DELETED_EMAIL_DOMAIN,
    CensusEntry,
    Invitation,
    Membership,
    ResidentVerification,
    Role,
    User,
)

INVITATION_VALIDITY = timedelta(days=14)


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def _organisation_for(role: str, organisation: str) -> str:
    # Only a local actor speaks for an organisation; other roles are people of the authority
    # or residents.
    return organisation.strip() if role == Role.LOCAL_ACTOR else ""


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role}, code="role")


def _ensure_an_administrator_remains(*, membership: Membership) -> None:
    """Refuse to take the administrator role away from the last administrator of a territory.

    Without an administrator nobody could manage the territory's members any more. The
    administrators' rows are locked so that two simultaneous demotions cannot both pass.
    """
    if membership.role != Role.ADMINISTRATOR:
        return
    others = (Membership.objects.select_for_update()
              .filter(territory_id=membership.territory_id, role=Role.ADMINISTRATOR)
              .exclude(pk=membership.pk))
    if not list(others):
        raise ValidationError(
            _("%(user)s is the last administrator of %(territory)s. Name another "
              "administrator first.")
            % {"user": membership.user, "territory": membership.territory},
            code="last_administrator")


@transaction.atomic
def membership_join(*, user, territory) -> Membership:
    """A signed-in user joins a public territory as a resident (self-service).

    A private territory is joined by invitation only. Joining again keeps the existing role.
    """
    if not territory.is_public:
        raise PermissionDenied
    existing = Membership.objects.filter(user=user, territory=territory).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, territory=territory,
                                                   role=Role.RESIDENT)
    except IntegrityError as exc:
        raise ValidationError(_("You are already a member of this territory.")) from exc
    _verify_from_census(membership=membership)
    return membership


@transaction.atomic
def membership_set(*, territory, user, role: str, organisation: str = "") -> Membership:
    """Give ``user`` the ``role`` in ``territory`` (creating or changing the membership).

    One role per person and territory; the last administrator keeps the role.
    """
    _check_role(role)
    existing = Membership.objects.filter(territory=territory, user=user).first()
    if existing is not None and role != Role.ADMINISTRATOR:
        _ensure_an_administrator_remains(membership=existing)
    membership, created = Membership.objects.update_or_create(
        territory=territory, user=user,
        defaults={"role": role, "organisation": _organisation_for(role, organisation)})
    if created:
        _verify_from_census(membership=membership)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, role: str, organisation: str = "") -> Membership:
    """Change a member's role (and organisation, for a local actor).

    The last administrator of a territory cannot be given another role.
    """
    _check_role(role)
    if role != Role.ADMINISTRATOR:
        _ensure_an_administrator_remains(membership=membership)
    membership.role = role
    membership.organisation = _organisation_for(role, organisation)
    membership.save(update_fields=["role", "organisation"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a person from a territory; their contributions stay.

    The last administrator of a territory cannot be removed.
    """
    _ensure_an_administrator_remains(membership=membership)
    ResidentVerification.objects.filter(territory_id=membership.territory_id,
                                        user_id=membership.user_id).delete()
    membership.delete()


def _member_with_email(*, territory, email: str) -> Membership | None:
    from allauth.account.models import EmailAddress

    users = User.objects.filter(
        Q(email__iexact=email)
        | Q(pk__in=EmailAddress.objects.filter(email__iexact=email).values("user_id")))
    return (Membership.objects.filter(territory=territory, user__in=users)
            .select_related("user").first())


INVITATIONS_PER_HOUR = 50


def _check_invitation_rate(*, invited_by) -> None:
    """At most ``INVITATIONS_PER_HOUR`` invitations sent by one person in an hour.

    Counted on the audit history, so invitations replaced or revoked since still count: the
    limit is on e-mails sent, which is what protects the addresses and the mail server.
    """
    if invited_by is None:
        return
    since = timezone.now() - timedelta(hours=1)
    sent = Invitation.history.filter(invited_by=invited_by, history_type="+",
                                     history_date__gte=since).count()
    if sent >= INVITATIONS_PER_HOUR:
        raise ValidationError(
            _("You have sent %(count)s invitations in the last hour, the most allowed. "
              "Please wait before sending more.") % {"count": sent}, code="rate_limited")


@transaction.atomic
def invitation_create(*, territory, invited_by, email: str, role: str,
                      organisation: str = "") -> Invitation:
    """Invite someone by e-mail to join ``territory`` with ``role``; valid 14 days.

    A new invitation to an address replaces the pending one (only the latest link works);
    inviting a person who is already a member is refused: change their role instead. The
    e-mail with the link is sent by a task once the transaction is committed.
    """
    from territoria.accounts.tasks import send_invitation_email

    _check_role(role)
    _check_invitation_rate(invited_by=invited_by)
    email = _normalise_email(email)
    member = _member_with_email(territory=territory, email=email)
    if member is not None:
        raise ValidationError(
            _("%(email)s is already a member of this territory (%(role)s). To give them "
              "another role, change it in the list of members.")
            % {"email": email, "role": member.get_role_display()},
            code="already_member")
    Invitation.objects.filter(territory=territory, email__iexact=email,
                              accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(
        territory=territory, invited_by=invited_by, email=email, role=role,
        organisation=_organisation_for(role, organisation),
        expires_at=timezone.now() + INVITATION_VALIDITY)
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working. The audit history keeps it."""
    if invitation.is_accepted:
        raise ValidationError(_("This invitation has already been accepted."), code="used")
    invitation.delete()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Accept an invitation: ``user`` gets the invited role in the territory.

    The link is the proof of invitation, so the signed-in address may differ from the
    invited one. A person who is already a member has their role changed (the last
    administrator keeps theirs). An invitation works once, before it expires.
    """
    invitation = Invitation.objects.select_for_update().select_related("territory").get(
        pk=invitation.pk)
    if invitation.is_accepted:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."), code="expired")
    membership = membership_set(territory=invitation.territory, user=user, role=invitation.role,
                                organisation=invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase an account at its owner's request (GDPR, right to erasure).

    The person's data goes: e-mail addresses (replaced by a unique placeholder that can
    receive no mail, also on the invitations they accepted), display name, password,
    two-factor devices, memberships. The user row
    stays, deactivated and shown as "deleted account", so that contributions and the audit
    history stay readable without naming anyone. Refused while the person is the last
    administrator of a territory, which would leave it without anyone to manage it.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    memberships = list(user.memberships.select_related("territory"))
    orphaned = []
    for membership in memberships:
        try:
            _ensure_an_administrator_remains(membership=membership)
        except ValidationError:
            orphaned.append(membership.territory.name)
    if orphaned:
        raise ValidationError(
            _("You are the last administrator of %(territories)s. Name another administrator "
              "there before you delete your account.") % {"territories": ", ".join(orphaned)},
            code="last_administrator")
    for membership in memberships:
        membership.delete()
    ResidentVerification.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    from territoria.notifications.services import forget_user

    forget_user(user=user)
    user.email = f"{uuid.uuid4().hex}@{DELETED_EMAIL_DOMAIN}"
    # The invitations they accepted stay (who let whom in), without their address.
    Invitation.objects.filter(accepted_by=user).update(email=user.email)
    user.display_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()


# Verified residents ---------------------------------------------------------------------

def _user_emails(user) -> set[str]:
    from allauth.account.models import EmailAddress

    emails = {user.email.lower()}
    emails |= {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True)
               .values_list("email", flat=True)}
    return emails


def _verify_from_census(*, membership: Membership) -> None:
    """Verify a member whose address is on the territory's census (when they join)."""
    if ResidentVerification.objects.filter(territory_id=membership.territory_id,
                                           user_id=membership.user_id).exists():
        return
    if CensusEntry.objects.filter(territory_id=membership.territory_id,
                                  email__in=_user_emails(membership.user)).exists():
        ResidentVerification.objects.create(
            territory_id=membership.territory_id, user_id=membership.user_id,
            method=ResidentVerification.Method.CENSUS, verified_at=timezone.now())


@transaction.atomic
def resident_verify(*, actor, membership: Membership) -> ResidentVerification:
    """The team checks a member by hand as a resident of the territory (already verified:
    kept as it is)."""
    verification, _created = ResidentVerification.objects.get_or_create(
        territory_id=membership.territory_id, user_id=membership.user_id,
        defaults={"method": ResidentVerification.Method.MANUAL, "verified_by": actor,
                  "verified_at": timezone.now()})
    return verification


@transaction.atomic
def resident_unverify(*, membership: Membership) -> None:
    """Withdraw a member's verification (whatever its method)."""
    ResidentVerification.objects.filter(territory_id=membership.territory_id,
                                        user_id=membership.user_id).delete()


@dataclass(frozen=True)
class CensusOutcome:
    entries: int
    verified: int
    withdrawn: int
    duplicates: int


CENSUS_ERRORS = {
    "too_large": gettext_lazy("The file is larger than 5 MB."),
    "empty": gettext_lazy("The file holds no e-mail address."),
    "no_email_column": gettext_lazy("The first line must name the columns, one of them "
                                    "“email”."),
    "invalid_email": gettext_lazy("this is not an e-mail address"),
}


@transaction.atomic
def census_upload(*, actor, territory, content: bytes) -> CensusOutcome:
    """Replace the territory's census with the e-mail addresses of a CSV file (Decidim's
    ``csv_census``): members on it are verified residents, and so is anyone who joins later
    with one of its addresses; verifications by an earlier census of members no longer on
    it are withdrawn (verifications by hand stay). All or nothing: a file with an invalid
    line is refused with every invalid line's number, and nothing changes.
    """
    from django.core.validators import validate_email

    parsed = read_census(content)
    for email in parsed.emails:
        try:
            validate_email(email)
        except ValidationError:
            parsed.errors.append((0, "invalid_email"))
    if not parsed.is_valid:
        messages = []
        for number, key in parsed.errors:
            text = str(CENSUS_ERRORS[key])
            messages.append(_("Line %(line)s: %(error)s") % {"line": number, "error": text}
                            if number else text)
        raise ValidationError(messages or [str(CENSUS_ERRORS["empty"])], code="census")
    now = timezone.now()
    CensusEntry.objects.filter(territory=territory).delete()
    CensusEntry.objects.bulk_create([
        CensusEntry(territory=territory, email=email, uploaded_by=actor, uploaded_at=now)
        for email in parsed.emails])
    from allauth.account.models import EmailAddress

    census = set(parsed.emails)
    members = Membership.objects.filter(territory=territory).select_related("user")
    extra = {}
    for user_id, email in EmailAddress.objects.filter(
            user__memberships__territory=territory, verified=True).values_list("user_id", "email"):
        extra.setdefault(user_id, set()).add(email.lower())
    on_census = {m.user_id for m in members
                 if ({m.user.email.lower()} | extra.get(m.user_id, set())) & census}
    already = set(ResidentVerification.objects.filter(territory=territory)
                  .values_list("user_id", flat=True))
    ResidentVerification.objects.bulk_create([
        ResidentVerification(territory=territory, user_id=user_id,
                             method=ResidentVerification.Method.CENSUS, verified_at=now)
        for user_id in sorted(on_census - already)])
    withdrawn, _by_model = (ResidentVerification.objects
                            .filter(territory=territory,
                                    method=ResidentVerification.Method.CENSUS)
                            .exclude(user_id__in=on_census).delete())
    return CensusOutcome(entries=len(parsed.emails), verified=len(on_census - already),
                         withdrawn=withdrawn, duplicates=parsed.duplicates)
