"""Role predicates: who holds which role in a territory.

Every predicate takes ``(user, obj)`` where ``obj`` is a territory or an object that has a
``territory``; other apps combine these into their own permission rules.
"""

import rules

from territoria.accounts.models import Membership, Role


def territory_of(obj):
    from territoria.core.models import Territory

    if isinstance(obj, Territory):
        return obj
    return getattr(obj, "territory", None)


def role_in(user, territory) -> str | None:
    """The user's role in the territory, cached on the user object for the request."""
    if territory is None or not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__.setdefault("_territoria_roles", {})
    if territory.pk not in cache:
        cache[territory.pk] = (
            Membership.objects.filter(user=user, territory=territory)
            .values_list("role", flat=True)
            .first()
        )
    return cache[territory.pk]


def has_role(*roles: str):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj) -> bool:
        return role_in(user, territory_of(obj)) in roles

    return predicate


@rules.predicate
def is_platform_operator(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_member(user, obj) -> bool:
    return role_in(user, territory_of(obj)) is not None


is_administrator = has_role(Role.ADMINISTRATOR)
is_elected = has_role(Role.ELECTED)
is_staff_member = has_role(Role.STAFF)
is_pmo = has_role(Role.PMO)
is_project_lead = has_role(Role.PROJECT_LEAD)
is_local_actor = has_role(Role.LOCAL_ACTOR)
is_resident = has_role(Role.RESIDENT)
# The people who run the territory's project on behalf of the authority.
is_team = has_role(Role.ADMINISTRATOR, Role.ELECTED, Role.STAFF, Role.PMO)

@rules.predicate
def is_public_territory(user, obj) -> bool:
    territory = territory_of(obj)
    return bool(territory and territory.is_public)


@rules.predicate
def invitation_is_open(user, invitation) -> bool:
    """Neither accepted yet nor expired."""
    return invitation is not None and not invitation.is_accepted and not invitation.is_expired


can_manage_members = is_administrator | is_platform_operator

rules.add_perm("accounts.manage_members", can_manage_members)
rules.add_perm("accounts.view_members", can_manage_members | is_team)
# Self-service: anyone with an account may take part in a public territory as a resident;
# a private territory is joined by invitation only.
rules.add_perm("accounts.join_territory", rules.is_authenticated & is_public_territory)
# The token in the link is the proof of invitation: any signed-in person holding it may
# accept, whatever their address (the page warns when it differs from the invited one).
rules.add_perm("accounts.accept_invitation", rules.is_authenticated & invitation_is_open)


def forget_roles(user) -> None:
    """Drop the roles cached on the user object, after a write that changed them."""
    # request.user is a lazy proxy: the cache lives on the user object it wraps.
    for target in (user, getattr(user, "_wrapped", None)):
        getattr(target, "__dict__", {}).pop("_territoria_roles", None)
        getattr(target, "__dict__", {}).pop("_territoria_verified", None)


def verified_in(user, territory) -> bool:
    """Whether ``user`` is a verified resident of ``territory``, cached on the user object
    for the request (like the roles)."""
    if territory is None or not getattr(user, "is_authenticated", False):
        return False
    from territoria.accounts.models import ResidentVerification

    cache = user.__dict__.setdefault("_territoria_verified", {})
    if territory.pk not in cache:
        cache[territory.pk] = ResidentVerification.objects.filter(
            user=user, territory=territory).exists()
    return cache[territory.pk]


@rules.predicate
def is_verified_resident(user, obj) -> bool:
    """A member checked as a resident of the territory, by hand or by the census
    (``accounts.services.resident_verify``, ``census_upload``)."""
    territory = territory_of(obj)
    return is_member(user, territory) and verified_in(user, territory)


rules.add_perm("accounts.verify_residents",
               is_administrator | is_staff_member | is_platform_operator)
