"""Who may search, and who finds what.

Anyone who can see a territory searches its public content; the territory's team (and
platform operators) also find what only the team sees: data proposals awaiting a
decision, contributions hidden by moderation, statements awaiting moderation or set aside.
"""

import rules

from territoria.accounts.permissions import is_platform_operator, is_team
from territoria.core.permissions import can_view_territory

rules.add_perm("search.search", can_view_territory)
rules.add_perm("search.find_team_entries", is_team | is_platform_operator)
