"""Who may read and write comments.

Anyone who can see the territory reads the comments of its pages. Anyone signed in who may
take part there (a member, or anyone on a public territory) writes, unless blocked by the
moderators (``moderation.permissions.is_blocked``) or unless the object's own predicate,
given when it was registered, says commenting is closed (``services.comment_refusal``
gives the message). Authors edit their comments within the edit window and delete them.
"""

import rules

from territoria.accounts.permissions import is_member
from territoria.core.permissions import can_view_territory, is_public_territory

can_take_part = rules.is_authenticated & (is_member | is_public_territory)

rules.add_perm("comments.view", can_view_territory)
rules.add_perm("comments.take_part", can_take_part)
