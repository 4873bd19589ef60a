"""Who may report, moderate and block, and the predicate other apps import:
``is_blocked(user, territory)``.

Anyone signed in who may take part in a territory (a member, or anyone on a public
territory) reports content there, unless blocked. The territory's team (administrators,
elected officials, staff, PMO) reviews the queue, hides, restores, blocks and reads the
log; administrators set the number of reports that hides content.
"""

import rules
from django.utils import timezone

from territoria.accounts.permissions import (
    is_administrator,
    is_member,
    is_platform_operator,
    is_team,
    territory_of,
)
from territoria.core.permissions import is_public_territory


@rules.predicate
def is_blocked(user, obj) -> bool:
    """Whether ``user`` is blocked in the territory of ``obj`` (a territory, or an object
    with a ``territory``). Apps refuse contributions of a blocked person with it."""
    territory = territory_of(obj)
    if territory is None or not getattr(user, "is_authenticated", False):
        return False
    from django.db.models import Q

    from territoria.moderation.models import Block

    now = timezone.now()
    return Block.objects.filter(territory=territory, user=user, lifted_at__isnull=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)).exists()


can_take_part = rules.is_authenticated & (is_member | is_public_territory)
can_moderate = is_team | is_platform_operator

rules.add_perm("moderation.report", can_take_part)
rules.add_perm("moderation.moderate", can_moderate)
rules.add_perm("moderation.change_settings", is_administrator | is_platform_operator)
