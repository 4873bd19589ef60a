import rules

from territoria.accounts.permissions import (
    is_administrator,
    is_member,
    is_platform_operator,
    territory_of,
)


@rules.predicate
def is_public_territory(user, obj) -> bool:
    territory = territory_of(obj)
    return bool(territory and territory.is_public)


@rules.predicate
def started_the_job(user, job) -> bool:
    return job is not None and job.started_by_id is not None and job.started_by_id == user.pk


can_view_territory = is_public_territory | is_member | is_platform_operator
can_manage_territory = is_administrator | is_platform_operator

rules.add_perm("core.view_territory", can_view_territory)
rules.add_perm("core.change_territory", can_manage_territory)
rules.add_perm("core.view_history", can_manage_territory)
rules.add_perm("core.view_job", started_the_job | is_platform_operator)
