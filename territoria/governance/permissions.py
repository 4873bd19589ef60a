"""Who may do what in the governance.

The governance committee is the elected officials' (and the administrator's): they manage it
and publish its decisions. The other bodies (steering committees, the PMO, project teams) are
managed by the territory's team (staff, PMO too). The members of a body, and the team, read
its confidential decisions; everyone who can see the territory reads what is published and
not confidential.
"""

import rules

from territoria.accounts.permissions import (
    has_role,
    is_platform_operator,
    is_team,
    territory_of,
)
from territoria.core.permissions import can_view_territory

is_governing = has_role("administrator", "elected")


@rules.predicate
def manages_body(user, body) -> bool:
    if body is None:
        return False
    if is_platform_operator.test(user):
        return True
    if body.kind == "governance":
        return is_governing.test(user, body.territory)
    return is_team.test(user, body.territory)


@rules.predicate
def manages_body_of(user, obj) -> bool:
    """For a meeting or a decision: whoever manages its body."""
    return obj is not None and manages_body.test(user, obj.body)


@rules.predicate
def sits_on_body_of(user, obj) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    return obj.body.members.filter(user=user).exists()


@rules.predicate
def is_public_decision(user, decision) -> bool:
    return decision is not None and decision.status == "published"


@rules.predicate
def sees_territory_of(user, obj) -> bool:
    return can_view_territory.test(user, territory_of(obj))


can_read_confidential = manages_body_of | sits_on_body_of | (
    rules.predicate(lambda user, obj: is_team.test(user, territory_of(obj))))

rules.add_perm("governance.view", can_view_territory)  # on a territory
rules.add_perm("governance.create_body", is_team | is_platform_operator)  # on a territory
rules.add_perm("governance.manage_body", manages_body)  # on a body
rules.add_perm("governance.manage_meeting", manages_body_of)  # on a meeting
rules.add_perm("governance.manage_decision", manages_body_of)  # on a decision
rules.add_perm("governance.view_decision",
               (is_public_decision & sees_territory_of) | manages_body_of | sits_on_body_of)
rules.add_perm("governance.read_confidential", can_read_confidential)  # on a decision
