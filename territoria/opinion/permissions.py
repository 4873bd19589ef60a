"""Who may do what with opinion maps.

Anyone who can see the territory reads its conversations and their maps, and downloads
them in Polis's format. Taking part (voting, submitting a statement) is open to anyone who
can see the territory: whether an account is needed is the conversation's choice, checked
by the view (``can_take_part_in``). The territory's team creates, moderates, closes,
recomputes, imports, and turns consensus statements into diagnostic items.
"""

import rules

from territoria.accounts.permissions import is_member, is_platform_operator, is_team
from territoria.core.permissions import can_view_territory, is_public_territory

can_manage = is_team | is_platform_operator
can_take_part_signed_in = rules.is_authenticated & (is_member | is_public_territory)

rules.add_perm("opinion.view_conversation", can_view_territory)
rules.add_perm("opinion.take_part", can_view_territory)
rules.add_perm("opinion.manage", can_manage)


def can_take_part_in(user, conversation) -> bool:
    """Whether ``user`` may vote and submit statements in ``conversation`` (open or not):
    anonymous visitors only where the conversation allows them."""
    if conversation.allows_anonymous:
        return can_view_territory(user, conversation.territory)
    return bool(can_take_part_signed_in(user, conversation.territory))
