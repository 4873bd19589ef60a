"""Importing an existing action plan: upload, choice of the columns, check, application in one
transaction, undo."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territoria.actors.models import Actor
from territoria.indicators.domain.files import FileProblem, TextTable, read_table
from territoria.projects import services, services_funding, services_planning
from territoria.projects.domain.action_plan import (
    FIELDS,
    Lookups,
    PlanReading,
    plain,
    read_plan,
)
from territoria.projects.domain.stages import Authority
from territoria.projects.models import PlanImport, Project
from territoria.search.index import index_remove


def merged_cells(raw: bytes) -> list[str]:
    """The merged ranges of an .xlsx workbook's first sheet ("A3:A5"): a merged cell holds its
    value in one row only, and the rows below would silently lose it."""
    if not raw.startswith(b"PK"):
        return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw))
    except Exception:  # not a workbook: read_table says why
        return []
    return [str(cell_range) for cell_range in book.worksheets[0].merged_cells.ranges]


def plan_table(raw: bytes) -> TextTable:
    """The plan's table; a clear ``ValidationError`` for a file that cannot be one."""
    if len(raw) > settings.PLAN_IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is larger than %(size)s MB.") % {
            "size": settings.PLAN_IMPORT_MAX_BYTES // (1024 * 1024)})
    merged = merged_cells(raw)
    if merged:
        raise ValidationError(_("Cells %(cells)s are merged: unmerge them and fill each row, "
                                "then upload the file again.") % {"cells": ", ".join(merged[:10])})
    try:
        table = read_table(raw)
    except FileProblem as problem:
        raise ValidationError(problem.message(_)) from problem
    if not table.rows:
        raise ValidationError(_("The file has a header but no row."))
    if len(table.rows) > settings.PLAN_IMPORT_MAX_ROWS:
        raise ValidationError(_("The file has more than %(limit)s rows.") % {
            "limit": settings.PLAN_IMPORT_MAX_ROWS})
    return table


@transaction.atomic
def plan_import_upload(*, actor, territory, upload) -> PlanImport:
    """Keep the uploaded plan (private storage) once it reads as a table."""
    raw = upload.read()
    plan_table(raw)
    record = PlanImport(territory=territory, filename=upload.name[:255], created_by=actor)
    record.file.save(f"plan-{territory.pk}.bin", ContentFile(raw), save=False)
    record.save()
    return record


def lookups_for(territory) -> Lookups:
    from django.contrib.auth import get_user_model

    from territoria.strategy.models import Ambition

    communes = {}
    for commune in territory.communes.all():
        communes[plain(commune.name)] = commune
        communes[commune.insee_code] = commune
    members = {u.email.lower(): u for u in get_user_model().objects.filter(
        memberships__territory=territory)}
    ambitions = {plain(a.title): a for a in Ambition.objects.filter(
        territory=territory, version__status="adopted")}
    titles = {plain(t) for t in Project.objects.filter(territory=territory)
              .values_list("title", flat=True)}
    return Lookups(commune=lambda text: communes.get(plain(text)) or communes.get(text.strip()),
                   member=lambda email: members.get(email.strip().lower()),
                   ambition=lambda text: ambitions.get(plain(text)),
                   existing_titles=titles)


def plan_import_read(*, record: PlanImport, mapping: dict | None = None
                     ) -> tuple[TextTable, PlanReading]:
    with record.file.open("rb") as handle:
        table = plan_table(handle.read())
    chosen = mapping if mapping is not None else record.mapping
    chosen = {name: chosen.get(name) for name in FIELDS}
    return table, read_plan(table.header, table.rows, chosen, lookups_for(record.territory))


@transaction.atomic
def plan_import_map(*, actor, record: PlanImport, mapping: dict) -> PlanImport:
    if record.status != PlanImport.Status.UPLOADED:
        raise ValidationError(_("This import was already applied."))
    indexes = [index for index in mapping.values() if index is not None]
    if len(indexes) != len(set(indexes)):
        raise ValidationError(_("A column is chosen for two fields."))
    record.mapping = mapping
    record.save(update_fields=["mapping"])
    return record


@transaction.atomic
def plan_import_apply(*, actor, record: PlanImport) -> PlanImport:
    """Create the valid rows' projects (and the carrying organisations not known yet) in one
    transaction: rows with errors are skipped, as the preview said. Each project reaches its
    stage through a logged move, "imported from <file>"."""
    record = PlanImport.objects.select_for_update().get(pk=record.pk)
    if record.status != PlanImport.Status.UPLOADED:
        raise ValidationError(_("This import was already applied."))
    territory = record.territory
    _table, reading = plan_import_read(record=record)
    drafts = reading.valid_drafts()
    if not drafts:
        raise ValidationError(_("No row can be imported: see the report."))
    actors = {plain(a.name): a for a in Actor.objects.filter(territory=territory)}
    created_actors, created_projects = [], []
    reason = _("Imported from %(file)s") % {"file": record.filename}
    for draft in drafts:
        carrier = None
        if draft.carrier:
            carrier = actors.get(plain(draft.carrier))
            if carrier is None:
                carrier = Actor.objects.create(territory=territory, name=draft.carrier[:200],
                                               kind=Actor.Kind.OTHER)
                actors[plain(draft.carrier)] = carrier
                created_actors.append(carrier.pk)
        project = services.project_create(
            actor=actor, territory=territory, title=draft.title, summary=draft.summary,
            objectives=draft.objectives, carrier=carrier, lead=draft.lead,
            communes=draft.communes, ambitions=draft.ambitions)
        if draft.stage != "idea":
            services.project_stage_move(actor=actor, project=project, to_stage=draft.stage,
                                        reason=reason, authority=Authority.GOVERNANCE)
        if draft.budget:
            services_funding.budget_line_save(
                actor=actor, project=project, nature="investment", label=_("Budget"),
                year=(draft.start or timezone.localdate()).year, planned=draft.budget)
        if draft.start or draft.end:
            start = draft.start or timezone.localdate()
            services_planning.plan_update(actor=actor, project=project, start=start)
            if draft.end:
                services_planning.task_create(actor=actor, project=project,
                                              title=_("Planned end"), kind="milestone",
                                              not_before=max(draft.end, start))
        created_projects.append(project.pk)
    record.status, record.applied_at = PlanImport.Status.APPLIED, timezone.now()
    record.created_projects, record.created_actors = created_projects, created_actors
    record.save()
    return record


@transaction.atomic
def plan_import_undo(*, actor, record: PlanImport) -> list[str]:
    """Remove what the import created, unless changed since: those projects stay, and are
    named in the answer."""
    record = PlanImport.objects.select_for_update().get(pk=record.pk)
    if record.status != PlanImport.Status.APPLIED:
        raise ValidationError(_("Only an applied import can be undone."))
    limit = record.applied_at  # what the application itself wrote is older
    kept = []
    for project in Project.objects.filter(territory=record.territory,
                                          pk__in=record.created_projects):
        changed = (project.updated_at > limit
                   or project.stage_moves.filter(moved_at__gt=limit).exists()
                   or project.decisions.exists() or project.reports.exists())
        if changed:
            kept.append(project.title)
        else:
            index_remove(project)
            project.delete()
    Actor.objects.filter(territory=record.territory, pk__in=record.created_actors,
                         projects__isnull=True).delete()
    record.status = PlanImport.Status.UNDONE
    record.save(update_fields=["status"])
    return kept
