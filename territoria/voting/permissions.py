"""Who may do what with votes.

Anyone who can see the territory reads its votes and, when they are visible, their results.
Voting is for signed-in people who are members of the territory, or anyone signed in on a
public territory (as the diagnostic's contributions); a vote that requires it accepts only
verified residents (``accounts.permissions.is_verified_resident``). The territory's team
(administrators, elected officials, staff, PMO) prepares, opens and closes votes.
"""

import rules

from territoria.accounts.permissions import (
    is_member,
    is_platform_operator,
    is_team,
    is_verified_resident,
)
from territoria.core.permissions import can_view_territory, is_public_territory

can_manage = is_team | is_platform_operator
can_take_part = rules.is_authenticated & (is_member | is_public_territory)

rules.add_perm("voting.view_vote", can_view_territory)
rules.add_perm("voting.take_part", can_take_part)
rules.add_perm("voting.manage", can_manage)


def may_vote_in(user, vote) -> bool:
    """Whether ``user`` may cast a ballot in ``vote`` (its dates aside)."""
    if not can_take_part(user, vote.territory):
        return False
    return not vote.requires_verification or bool(is_verified_resident(user, vote.territory))
