"""Who may do what with the strategy.

Anyone who can see the territory reads the adopted strategy. The team (administrators,
elected officials, staff, PMO) drafts orientations and ambitions, records cross-effects,
submits drafts and reads the balance check; platform operators may help. Adoption records a
decision of the governance committee: only the territory's administrators and elected
officials record it.
"""

import rules

from territoria.accounts.permissions import (
    is_administrator,
    is_elected,
    is_platform_operator,
    is_team,
)
from territoria.core.permissions import can_view_territory

can_draft = is_team | is_platform_operator
can_adopt = is_administrator | is_elected

rules.add_perm("strategy.view_strategy", can_view_territory)
rules.add_perm("strategy.draft", can_draft)
# Checked with the predicate itself (``may_adopt``), not ``has_perm``: Django grants every
# permission to a superuser, and a platform operator does not record a committee's decision.
rules.add_perm("strategy.adopt", can_adopt)


def may_adopt(user, territory) -> bool:
    return can_adopt.test(user, territory)
