"""Writes on memberships and invitations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership, Role


@transaction.atomic
def membership_join(*, user, territory) -> Membership:
    """A signed-in user joins a public territory as a resident (self-service)."""
    if not territory.is_public:
        raise PermissionDenied
    existing = Membership.objects.filter(user=user, territory=territory).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Membership.objects.create(user=user, territory=territory, role=Role.RESIDENT)
    except IntegrityError as exc:
        raise ValidationError(_("You are already a member of this territory.")) from exc


@transaction.atomic
def membership_set(*, territory, user, role: str, organisation: str = "") -> Membership:
    """Give ``user`` the ``role`` in ``territory`` (creating or changing the membership)."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    membership, _created = Membership.objects.update_or_create(
        territory=territory, user=user, defaults={"role": role, "organisation": organisation})
    return membership
