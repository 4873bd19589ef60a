"""Writes of a project's community: residents and actors ask to join, the lead or the team
accepts or refuses, members leave."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from territoria.accounts.permissions import is_member
from territoria.notifications.services import follow, notify_on_commit
from territoria.projects.models import Project, ProjectMember

MESSAGE_MAX = 2000


@transaction.atomic
def project_join_request(*, actor, project: Project, message: str = "") -> ProjectMember:
    """``actor`` asks to join the project's community as a contributor; the lead (or the
    team) is told and decides. The asker follows the project meanwhile."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to ask to join a project."))
    if project.stage in (Project.Stage.CLOSED, Project.Stage.ABANDONED):
        raise ValidationError(_("This project is over: its community no longer grows."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": _("At most %(limit)s characters.") % {
            "limit": MESSAGE_MAX}})
    existing = project.members.filter(user=actor).first()
    if existing is not None and existing.role != ProjectMember.Role.FOLLOWER:
        raise ValidationError(_("You are already in this project's community, or your "
                                "request waits for an answer."))
    if existing is None:
        existing = ProjectMember(project=project, user=actor)
    existing.role, existing.status = ProjectMember.Role.CONTRIBUTOR, ProjectMember.Status.REQUESTED
    existing.message = message
    existing.save()
    follow(user=actor, target=project, territory=project.territory)
    recipients = [project.lead_id] if project.lead_id else []
    if recipients:
        notify_on_commit(territory=project.territory, target=project,
                         verb="projects.join_requested", actor=actor, recipients=recipients)
    return existing


@transaction.atomic
def project_member_accept(*, actor, member: ProjectMember) -> ProjectMember:
    if member.status != ProjectMember.Status.REQUESTED:
        raise ValidationError(_("This request was already answered."))
    member.status = ProjectMember.Status.ACTIVE
    member.save(update_fields=["status"])
    project = member.project
    if not is_member.test(member.user, project.territory):
        # Joining a project of a public territory makes a resident of it, as taking part does.
        from territoria.accounts.models import Membership, Role

        Membership.objects.get_or_create(user=member.user, territory=project.territory,
                                         defaults={"role": Role.RESIDENT})
    notify_on_commit(territory=project.territory, target=project,
                     verb="projects.join_accepted", actor=actor, recipients=[member.user_id])
    return member


@transaction.atomic
def project_member_remove(*, actor, member: ProjectMember) -> None:
    """Refuse a request, or remove a member; the lead stays (change the lead first)."""
    if member.role == ProjectMember.Role.LEAD:
        raise ValidationError(_("Name another lead before removing this one."))
    member.delete()


@transaction.atomic
def project_leave(*, actor, project: Project) -> None:
    member = project.members.filter(user=actor).first()
    if member is None:
        return
    project_member_remove(actor=actor, member=member)
