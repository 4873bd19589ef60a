from django.db.models import QuerySet

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


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("territory").order_by(
        "territory__name")


def invitation_list_pending(*, territory) -> QuerySet[Invitation]:
    return Invitation.objects.filter(territory=territory, accepted_at__isnull=True).order_by(
        "-created_at")
