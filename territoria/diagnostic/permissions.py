"""Who may do what on the diagnostic board.

Anyone who can see the territory reads the board and the report. Any signed-in person may
contribute and support on a public territory (they join it as a resident on the way), and
members may on a private one. The territory's team decides on the data proposals,
moderates, merges duplicates, links evidence and produces the report.
"""

import rules

from territoria.accounts.permissions import is_member, is_platform_operator, is_team
from territoria.core.permissions import can_view_territory, is_public_territory

can_take_part = rules.is_authenticated & (is_member | is_public_territory)
can_manage = is_team | is_platform_operator

rules.add_perm("diagnostic.view_board", can_view_territory)
rules.add_perm("diagnostic.contribute", can_take_part)
rules.add_perm("diagnostic.support", can_take_part)
rules.add_perm("diagnostic.manage", can_manage)
