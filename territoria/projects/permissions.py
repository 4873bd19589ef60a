"""Who may do what with projects.

The team (administrators, elected officials, staff, PMO) steers the portfolio. A project's
lead — the person named lead of the project, whatever their role in the territory — manages
that project. Anyone who can see the territory reads its projects' public parts.
"""

import rules

from territoria.accounts.permissions import is_pmo, is_platform_operator, is_team
from territoria.core.permissions import can_view_territory


@rules.predicate
def leads_project(user, project) -> bool:
    if not getattr(user, "is_authenticated", False) or project is None:
        return False
    return project.lead_id == user.pk


@rules.predicate
def contributes_to_project(user, project) -> bool:
    if not getattr(user, "is_authenticated", False) or project is None:
        return False
    from .models import ProjectMember

    return project.members.filter(
        user=user, status=ProjectMember.Status.ACTIVE,
        role__in=[ProjectMember.Role.LEAD, ProjectMember.Role.CONTRIBUTOR]).exists()


@rules.predicate
def steers_portfolio_of(user, project) -> bool:
    """The territory's team, checked against the project's territory."""
    return project is not None and is_team.test(user, project.territory)


@rules.predicate
def is_pmo_of(user, project) -> bool:
    return project is not None and is_pmo.test(user, project.territory)


can_steer = is_team | is_platform_operator  # on a territory
can_manage_project = steers_portfolio_of | leads_project  # on a project

rules.add_perm("projects.view_project_list", can_view_territory)
rules.add_perm("projects.view_project", can_view_territory)  # on a project: its public parts
rules.add_perm("projects.manage_project", can_manage_project)
rules.add_perm("projects.steer", can_steer)
