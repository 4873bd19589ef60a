"""Reads of accounts, memberships and invitations; each scoped to a territory or a user."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from territoria.accounts.models import Invitation, Membership, Role


def membership_role(*, user, territory) -> Role | None:
    if not user.is_authenticated:
        return None
    role = Membership.objects.filter(user=user, territory=territory).values_list(
        "role", flat=True).first()
    return Role(role) if role else None


def membership_list(*, territory) -> QuerySet[Membership]:
    return Membership.objects.filter(territory=territory).select_related("user").order_by(
        "role", "user__email")


def membership_get(*, territory, membership_id: int) -> Membership:
    """A membership of this territory; any other answers 404, whoever it belongs to."""
    membership = (Membership.objects.filter(territory=territory, pk=membership_id)
                  .select_related("user", "territory").first())
    if membership is None:
        raise Http404("No such member")
    return membership


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("territory").order_by(
        "territory__name")


def invitation_list_pending(*, territory) -> QuerySet[Invitation]:
    """Invitations of the territory not accepted yet, expired ones included (they show as
    expired, so that an administrator sees who never answered)."""
    return (Invitation.objects.filter(territory=territory, accepted_at__isnull=True)
            .select_related("invited_by").order_by("-created_at"))


def invitation_get_pending(*, territory, invitation_id: int) -> Invitation:
    invitation = (Invitation.objects.filter(territory=territory, pk=invitation_id,
                                            accepted_at__isnull=True)
                  .select_related("territory").first())
    if invitation is None:
        raise Http404("No such invitation")
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation:
    """The invitation that a link points to; an unknown token answers 404."""
    invitation = (Invitation.objects.filter(token=token)
                  .select_related("territory", "invited_by", "accepted_by").first())
    if invitation is None:
        raise Http404("No such invitation")
    return invitation


def user_has_email(*, user, email: str) -> bool:
    """Whether the address is one of the user's (main or additional, per allauth)."""
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    return (user.email.lower() == email
            or EmailAddress.objects.filter(user=user, email__iexact=email).exists())


_export_providers: dict = {}


def register_account_export(key: str, provider) -> None:
    """Let an app add what it holds about a person to their export: ``provider(user)``
    returns JSON-ready data, shown under ``key``."""
    _export_providers[key] = provider


def account_export(*, user) -> dict:
    """Everything the platform holds about a person, as JSON-ready data (GDPR, art. 15 and 20):
    the account, its e-mail addresses, its roles and the invitations it accepted."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    def when(value):
        return value.isoformat() if value else None

    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("email")],
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        },
        "memberships": [
            {"territory": m.territory.name, "territory_slug": m.territory.slug,
             "role": m.role, "organisation": m.organisation, "since": when(m.created_at)}
            for m in membership_list_for_user(user=user)],
        "invitations_accepted": [
            {"territory": i.territory.name, "territory_slug": i.territory.slug,
             "invited_email": i.email, "role": i.role, "organisation": i.organisation,
             "accepted_at": when(i.accepted_at)}
            for i in Invitation.objects.filter(accepted_by=user).select_related("territory")
            .order_by("accepted_at")],
        "resident_verifications": [
            {"territory": v.territory.name, "method": v.method, "verified_at": when(v.verified_at)}
            for v in user.resident_verifications.select_related("territory")
            .order_by("verified_at")],
        **{key: provider(user) for key, provider in sorted(_export_providers.items())},
    }


def verification_map(*, territory) -> dict:
    """The territory's resident verifications by user id."""
    from territoria.accounts.models import ResidentVerification

    return {v.user_id: v for v in ResidentVerification.objects.filter(territory=territory)
            .select_related("verified_by")}


def census_size(*, territory) -> int:
    from territoria.accounts.models import CensusEntry

    return CensusEntry.objects.filter(territory=territory).count()
