"""Writes of projects: creating and editing a project, moving it between stages."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.accounts.models import Membership
from territoria.notifications.services import follow, notify_on_commit
from territoria.search.index import on_commit_index
from territoria.projects.domain.stages import StageError, may_move
from territoria.projects.models import Project, ProjectMember, StageMove
from territoria.projects.selectors import authority_of

TITLE_MAX = 200


def _scoped_fields(*, territory, carrier, lead, ambitions: Iterable, communes: Iterable,
                   proposal) -> tuple[list, list]:
    """Check that everything a project points to belongs to its territory; the error names
    the field, so the form shows it beside the right input."""
    from territoria.strategy.models import Ambition

    errors = {}
    if carrier is not None and carrier.territory_id != territory.pk:
        errors["carrier"] = _("This organisation is not one of the territory's actors.")
    if lead is not None and not Membership.objects.filter(territory=territory,
                                                          user=lead).exists():
        errors["lead"] = _("The project lead must be a member of the territory.")
    ambitions = list(ambitions)
    if any(getattr(a, "territory_id", None) != territory.pk for a in ambitions) or (
            Ambition.objects.filter(pk__in=[a.pk for a in ambitions])
            .exclude(territory=territory).exists()):
        errors["ambitions"] = _("These ambitions are not all in the territory's strategy.")
    communes = list(communes)
    perimeter = set(territory.communes.filter(pk__in=[c.pk for c in communes])
                    .values_list("pk", flat=True))
    if len(perimeter) != len({c.pk for c in communes}):
        errors["communes"] = _("These communes are not all in the territory's perimeter.")
    if proposal is not None and proposal.territory_id != territory.pk:
        errors["proposal"] = _("This proposal is not one of the territory's.")
    if errors:
        raise ValidationError(errors)
    return ambitions, communes


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the project a title.")})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": _("At most %(limit)s characters.") % {
            "limit": TITLE_MAX}})
    return title


def _set_lead(project: Project) -> None:
    """The lead is a member of the project's community with the role of lead (and the former
    lead, if any, stays as a contributor)."""
    project.members.filter(role=ProjectMember.Role.LEAD).exclude(user_id=project.lead_id) \
        .update(role=ProjectMember.Role.CONTRIBUTOR)
    if project.lead_id:
        ProjectMember.objects.update_or_create(
            project=project, user_id=project.lead_id,
            defaults={"role": ProjectMember.Role.LEAD, "status": ProjectMember.Status.ACTIVE})


@transaction.atomic
def project_create(*, actor, territory, title: str, summary: str = "", objectives: str = "",
                   ambitions: Iterable = (), carrier=None, lead=None,
                   communes: Iterable = (), proposal=None) -> Project:
    """Put a project in the territory's portfolio, at the idea stage. Everything it points to
    (ambitions, carrying organisation, lead, communes, the proposal it comes from) must be
    of the same territory; its lead joins its community as lead and follows it."""
    title = _clean_title(title)
    ambitions, communes = _scoped_fields(territory=territory, carrier=carrier, lead=lead,
                                         ambitions=ambitions, communes=communes,
                                         proposal=proposal)
    if proposal is not None and Project.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("A project already carries this proposal."))
    project = Project.objects.create(
        territory=territory, title=title, summary=(summary or "").strip(),
        objectives=(objectives or "").strip(), carrier=carrier, lead=lead,
        proposal=proposal, created_by=actor, stage=Project.Stage.IDEA,
        stage_changed_at=timezone.now())
    project.ambitions.set(ambitions)
    project.communes.set(communes)
    _set_lead(project)
    if lead is not None:
        follow(user=lead, target=project, territory=territory)
    on_commit_index(project)
    return project


@transaction.atomic
def project_update(*, actor, project: Project, title: str, summary: str = "",
                   objectives: str = "", ambitions: Iterable = (), carrier=None, lead=None,
                   communes: Iterable = ()) -> Project:
    """Edit what a project is; its stage moves only through ``project_stage_move``."""
    title = _clean_title(title)
    ambitions, communes = _scoped_fields(territory=project.territory, carrier=carrier,
                                         lead=lead, ambitions=ambitions, communes=communes,
                                         proposal=None)
    project.title, project.carrier, project.lead = title, carrier, lead
    project.summary, project.objectives = (summary or "").strip(), (objectives or "").strip()
    project.save()
    project.ambitions.set(ambitions)
    project.communes.set(communes)
    _set_lead(project)
    if lead is not None:
        follow(user=lead, target=project, territory=project.territory)
    on_commit_index(project)
    return project


@transaction.atomic
def project_stage_move(*, actor, project: Project, to_stage: str, reason: str,
                       authority=None) -> StageMove:
    """Move ``project`` to ``to_stage`` for ``reason``, dated and logged with its kind
    (advance, re-framing, arbitration: ``domain.stages``). Refused when the actor's role may
    not make that move (``authority`` overrides the actor's, for a published decision of the
    governance); followers are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the project changes stage.")})
    project = Project.objects.select_for_update().get(pk=project.pk)
    try:
        verdict = may_move(authority or authority_of(actor, project), project.stage, to_stage)
    except StageError as error:
        raise ValidationError({"to_stage": _("Choose another stage than the current one.")}
                              ) from error
    if not verdict.allowed:
        labels = dict(Project.Stage.choices)
        raise PermissionDenied(_("Your role may not move a project from “%(from)s” to "
                                 "“%(to)s”: that is a decision of the governance committee.")
                               % {"from": labels[project.stage], "to": labels[to_stage]})
    now = timezone.now()
    move = StageMove.objects.create(project=project, from_stage=project.stage,
                                    to_stage=to_stage, kind=str(verdict.kind), reason=reason,
                                    moved_by=actor if getattr(actor, "pk", None) else None,
                                    moved_at=now)
    project.stage, project.stage_changed_at = to_stage, now
    project.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    notify_on_commit(territory=project.territory, target=project,
                     verb="projects.stage_moved", actor=actor)
    on_commit_index(project)
    return move
