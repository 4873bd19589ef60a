"""Who may follow what: anyone signed in who can see the territory follows its public
objects (the view checks, through the target's own app, that the object is visible)."""

import rules

from territoria.core.permissions import can_view_territory

rules.add_perm("notifications.follow", rules.is_authenticated & can_view_territory)
