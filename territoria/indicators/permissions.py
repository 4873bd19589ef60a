"""Who may do what with indicators.

The catalogue and the values are public wherever the territory is readable. Imports write
national values and are run by the territory's staff: administrators and staff members,
and platform operators.
"""

import rules

from territoria.accounts.permissions import (
    is_administrator,
    is_platform_operator,
    is_staff_member,
)
from territoria.core.permissions import can_view_territory

can_manage_imports = is_administrator | is_staff_member | is_platform_operator

rules.add_perm("indicators.view_indicators", can_view_territory)
rules.add_perm("indicators.manage_imports", can_manage_imports)
