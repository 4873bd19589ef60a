"""Who may do what with the administrative referential.

Reading it is open to anyone; loading a new version is for platform operators only, since
the referential is shared by every territory of the deployment.
"""

import rules

from territoria.accounts.permissions import is_platform_operator

rules.add_perm("geo.load_referential", is_platform_operator)
