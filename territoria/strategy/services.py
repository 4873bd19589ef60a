"""Writes on the strategy: orientations and their versions, ambitions, cross-effects."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from territoria.core.axes import Axis
from territoria.core.formats import format_quantity
from territoria.core.models import Territory
from territoria.diagnostic.models import DiagnosticItem
from territoria.strategy.domain.trajectory import milestones_in_order
from territoria.strategy.models import (
    Ambition,
    CrossEffect,
    Orientation,
    OrientationVersion,
    Principle,
)

Version = OrientationVersion


def _clean_text(text: str, *, field: str, limit: int | None = None,
                required: bool = True) -> str:
    # Plain text only: templates escape it, so "<script>" shows as typed and does nothing.
    text = " ".join((text or "").split()) if limit else (text or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if limit and len(text) > limit:
        raise ValidationError({field: _("At most %(limit)s characters.") % {"limit": limit}})
    return text


def _choices(values: Iterable[str], allowed: Sequence[str], *, field: str) -> list[str]:
    values = list(dict.fromkeys(values))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError({field: _("Unknown choice: %(value)s.") % {
            "value": ", ".join(unknown)}})
    return sorted(values, key=allowed.index)


def _diagnostic_items(territory: Territory, items: Iterable) -> list[DiagnosticItem]:
    ids = {getattr(item, "pk", item) for item in items}
    found = list(DiagnosticItem.objects.filter(territory=territory, pk__in=ids,
                                               status=DiagnosticItem.Status.PUBLISHED))
    if len(found) != len(ids):
        raise ValidationError({"diagnostic_items": _(
            "Choose items of this territory's diagnostic board.")})
    return found


def _orientation_fields(*, territory, title, rationale, principles, axes, diagnostic_items):
    return {
        "title": _clean_text(title, field="title", limit=200),
        "rationale": _clean_text(rationale, field="rationale"),
        "principles": _choices(principles, Principle.values, field="principles"),
        "axes": _choices(axes, Axis.values, field="axes"),
    }, _diagnostic_items(territory, diagnostic_items)


@transaction.atomic
def orientation_create(*, actor, territory: Territory, title: str, rationale: str,
                       principles: Sequence[str] = (), axes: Sequence[str] = (),
                       diagnostic_items: Iterable = ()) -> OrientationVersion:
    """The team drafts a new orientation: its first version, a draft, answering diagnostic
    items (strengths, weaknesses…) of the territory's board."""
    fields, items = _orientation_fields(territory=territory, title=title, rationale=rationale,
                                        principles=principles, axes=axes,
                                        diagnostic_items=diagnostic_items)
    number = (Orientation.objects.select_for_update().filter(territory=territory)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    orientation = Orientation.objects.create(territory=territory, number=number)
    version = Version.objects.create(territory=territory, orientation=orientation, number=1,
                                     created_by=actor, **fields)
    version.diagnostic_items.set(items)
    return version


def _require_status(version: OrientationVersion, *statuses: str, message: str) -> None:
    if version.status not in statuses:
        raise ValidationError(message)


@transaction.atomic
def orientation_update(*, actor, version: OrientationVersion, title: str, rationale: str,
                       principles: Sequence[str] = (), axes: Sequence[str] = (),
                       diagnostic_items: Iterable = (), change_note: str = ""
                       ) -> OrientationVersion:
    """Edit a draft. A submitted or adopted version is not edited: it is withdrawn to draft,
    or revised by a new version."""
    _require_status(version, Version.Status.DRAFT, message=_(
        "Only a draft can be edited: withdraw the submission, or revise the adopted version."))
    fields, items = _orientation_fields(territory=version.territory, title=title,
                                        rationale=rationale, principles=principles, axes=axes,
                                        diagnostic_items=diagnostic_items)
    for name, value in fields.items():
        setattr(version, name, value)
    version.change_note = _clean_text(change_note, field="change_note", required=False)
    version.save()
    version.diagnostic_items.set(items)
    return version


@transaction.atomic
def orientation_submit(*, actor, version: OrientationVersion) -> OrientationVersion:
    """The team submits a draft to the governance committee; it is no longer edited."""
    _require_status(version, Version.Status.DRAFT, message=_("Only a draft can be submitted."))
    version.status = Version.Status.SUBMITTED
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at", "updated_at"])
    return version


@transaction.atomic
def orientation_withdraw(*, actor, version: OrientationVersion) -> OrientationVersion:
    """Take a submitted version back to draft, to change it before the committee decides."""
    _require_status(version, Version.Status.SUBMITTED,
                    message=_("Only a submitted version can be taken back to draft."))
    version.status = Version.Status.DRAFT
    version.submitted_at = None
    version.save(update_fields=["status", "submitted_at", "updated_at"])
    return version


@transaction.atomic
def orientation_adopt(*, actor, version: OrientationVersion, decision_date: date,
                      decision_body: str, decision_reference: str = "") -> OrientationVersion:
    """Record the governance committee's decision adopting a submitted version.

    An orientation is adopted with its ambitions: one without any is refused. The version
    it revises, if any, is superseded at the same moment, so that the public always reads
    exactly one adopted version.
    """
    _require_status(version, Version.Status.SUBMITTED, message=_(
        "Only a version submitted to the governance committee can be adopted."))
    if not version.ambitions.exists():
        raise ValidationError(_("An orientation is adopted with its ambitions: add at least "
                                "one ambition to “%(title)s” first.") % {"title": version.title})
    errors = {}
    if decision_date is None:
        errors["decision_date"] = _("Give the date of the decision.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision cannot be dated in the future.")
    body = _clean_text(decision_body, field="decision_body", limit=200, required=False)
    if not body:
        errors["decision_body"] = _("Say which body decided (the governance committee, the "
                                    "community council…).")
    if errors:
        raise ValidationError(errors)
    Version.objects.filter(orientation=version.orientation, status=Version.Status.ADOPTED) \
        .update(status=Version.Status.SUPERSEDED)
    version.status = Version.Status.ADOPTED
    version.decision_date = decision_date
    version.decision_body = body
    version.decision_reference = _clean_text(decision_reference, field="decision_reference",
                                             limit=200, required=False)
    version.adopted_by = actor
    version.adopted_at = timezone.now()
    version.save()
    return version


@transaction.atomic
def orientation_revise(*, actor, orientation: Orientation) -> OrientationVersion:
    """Open a revision of an adopted orientation: a new draft version, a copy of the adopted
    one with its ambitions and their cross-effects. The adopted version stays public until
    the new one is adopted."""
    versions = Version.objects.select_for_update().filter(orientation=orientation)
    if any(v.in_progress for v in versions):
        raise ValidationError(_("A version of this orientation is already in progress."))
    adopted = next((v for v in versions if v.status == Version.Status.ADOPTED), None)
    if adopted is None:
        raise ValidationError(_("Only an adopted orientation is revised."))
    revision = Version.objects.create(
        territory=orientation.territory, orientation=orientation,
        number=max(v.number for v in versions) + 1, title=adopted.title,
        rationale=adopted.rationale, principles=list(adopted.principles),
        axes=list(adopted.axes), created_by=actor)
    revision.diagnostic_items.set(adopted.diagnostic_items.all())
    for ambition in adopted.ambitions.prefetch_related("effects"):
        copy = Ambition.objects.create(
            territory=ambition.territory, version=revision, copied_from=ambition,
            lineage=ambition.lineage or ambition.pk, title=ambition.title,
            description=ambition.description, indicator_id=ambition.indicator_id,
            baseline_value=ambition.baseline_value, baseline_date=ambition.baseline_date,
            target_value=ambition.target_value, target_unit=ambition.target_unit,
            deadline=ambition.deadline, milestones=list(ambition.milestones),
            position=ambition.position)
        CrossEffect.objects.bulk_create([
            CrossEffect(territory=ambition.territory, ambition=copy, axis=e.axis,
                        effect=e.effect, note=e.note, source=e.source,
                        source_detail=e.source_detail, recorded_by=e.recorded_by)
            for e in ambition.effects.all()])
    return revision


# -- ambitions --------------------------------------------------------------------------------


def normalise_unit(unit: str) -> str:
    return "".join((unit or "").split()).casefold().replace("\u202f", "")


def unit_names(indicator) -> set[str]:
    """The ways the indicator's unit may be written: as in the catalogue, and translated."""
    names = {normalise_unit(indicator.unit), normalise_unit(_(indicator.unit) if indicator.unit
                                                             else "")}
    with override("fr"):
        names.add(normalise_unit(_(indicator.unit) if indicator.unit else ""))
    return names


def _number(value, *, field: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not math.isfinite(number):
        raise ValidationError({field: _("Enter a number.")})
    return number


def _ambition_terms(*, indicator, baseline_value, baseline_date, target_value, target_unit,
                    deadline, milestones) -> dict:
    """Check an ambition's measurable terms; every problem is reported at once, by field."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    baseline_value = _number(baseline_value, field="baseline_value")
    target_value = _number(target_value, field="target_value")
    milestones = [(when, _number(value, field="milestones")) for when, value in milestones]
    if indicator is None:
        if baseline_value is not None or target_value is not None or milestones:
            refuse("indicator", _("Values need an indicator to be measured by: choose one, or "
                                  "leave the values empty for a qualitative ambition."))
        if errors:
            raise ValidationError(errors)
        return {"baseline_value": None, "baseline_date": None, "target_value": None,
                "target_unit": "", "deadline": deadline, "milestones": []}
    unit = indicator.unit_label
    if target_unit and normalise_unit(target_unit) not in unit_names(indicator):
        refuse("target_unit", _(
            "“%(indicator)s” is measured in %(unit)s: a target in %(given)s cannot be compared "
            "with it. Give the target in %(unit)s.") % {
            "indicator": indicator.label, "unit": unit or _("no unit"), "given": target_unit})
    if baseline_value is None or baseline_date is None:
        refuse("baseline_value", _("Give the baseline: the value the territory starts from, "
                                   "and its date."))
    if target_value is None:
        refuse("target_value", _("Give the target value."))
    if deadline is None:
        refuse("deadline", _("Give the deadline."))
    elif baseline_date is not None and deadline <= baseline_date:
        refuse("deadline", _("The deadline must come after the baseline date (%(date)s).") % {
            "date": baseline_date.isoformat()})
    for name, value in (("baseline_value", baseline_value), ("target_value", target_value),
                        *(("milestones", v) for _when, v in milestones)):
        if value is None:
            continue
        low, high = indicator.minimum, indicator.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            refuse(name, _("A value of this indicator lies between %(low)s and %(high)s.") % {
                "low": format_quantity(low, precision=indicator.precision, unit=unit)
                if low is not None else "−∞",
                "high": format_quantity(high, precision=indicator.precision, unit=unit)
                if high is not None else "+∞"})
    if any(value is None or when is None for when, value in milestones):
        refuse("milestones", _("Give each milestone a date and a value."))
    elif baseline_date is not None and deadline is not None and deadline > baseline_date \
            and not milestones_in_order(baseline_date, [w for w, _v in milestones], deadline):
        refuse("milestones", _("Milestones must be in date order, after the baseline date and "
                               "before the deadline."))
    if errors:
        raise ValidationError(errors)
    return {"baseline_value": baseline_value, "baseline_date": baseline_date,
            "target_value": target_value, "target_unit": indicator.unit, "deadline": deadline,
            "milestones": [{"date": when.isoformat(), "value": value}
                           for when, value in milestones]}


def _editable(version: OrientationVersion) -> None:
    if not version.is_editable:
        raise ValidationError(_("The ambitions of a submitted or adopted version are not "
                                "edited: revise the orientation to change them."))


@transaction.atomic
def ambition_create(*, actor, version: OrientationVersion, title: str, description: str = "",
                    indicator=None, baseline_value=None, baseline_date: date | None = None,
                    target_value=None, target_unit: str = "", deadline: date | None = None,
                    milestones: Sequence[tuple[date, float]] = ()) -> Ambition:
    """Add an ambition to a draft orientation. With an indicator it is measurable: baseline,
    target and deadline are required, in the indicator's unit, milestones in date order."""
    _editable(version)
    title = _clean_text(title, field="title", limit=200)
    terms = _ambition_terms(indicator=indicator, baseline_value=baseline_value,
                            baseline_date=baseline_date, target_value=target_value,
                            target_unit=target_unit, deadline=deadline, milestones=milestones)
    position = (version.ambitions.aggregate(n=Max("position"))["n"] or 0) + 1
    ambition = Ambition.objects.create(
        territory=version.territory, version=version, title=title,
        description=_clean_text(description, field="description", required=False),
        indicator=indicator, position=position, **terms)
    ambition.lineage = ambition.pk
    ambition.save(update_fields=["lineage"])
    return ambition


@transaction.atomic
def ambition_update(*, actor, ambition: Ambition, title: str, description: str = "",
                    indicator=None, baseline_value=None, baseline_date: date | None = None,
                    target_value=None, target_unit: str = "", deadline: date | None = None,
                    milestones: Sequence[tuple[date, float]] = ()) -> Ambition:
    _editable(ambition.version)
    title = _clean_text(title, field="title", limit=200)
    terms = _ambition_terms(indicator=indicator, baseline_value=baseline_value,
                            baseline_date=baseline_date, target_value=target_value,
                            target_unit=target_unit, deadline=deadline, milestones=milestones)
    ambition.title = title
    ambition.description = _clean_text(description, field="description", required=False)
    ambition.indicator = indicator
    for name, value in terms.items():
        setattr(ambition, name, value)
    ambition.save()
    return ambition


@transaction.atomic
def ambition_delete(*, actor, ambition: Ambition) -> None:
    _editable(ambition.version)
    ambition.delete()


# -- cross-effects ----------------------------------------------------------------------------


@transaction.atomic
def effects_record(*, actor, territory: Territory,
                   effects: Mapping[tuple[int, str], tuple[str, str]], source: str,
                   source_detail: str = "") -> int:
    """Record the expected effects of ambitions on axes of life, in one go.

    ``effects`` maps (ambition id, axis) to (effect, note); an empty effect clears the cell.
    Only ambitions of draft versions of ``territory`` are changed (an adopted strategy's
    effects change through a revision). Cells whose effect and note are unchanged keep
    their source. Returns the number of cells changed.
    """
    if source not in CrossEffect.Source.values:
        raise ValidationError({"source": _("Say who assessed these effects.")})
    detail = _clean_text(source_detail, field="source_detail", limit=200, required=False)
    if source == CrossEffect.Source.WORKSHOP and not detail:
        raise ValidationError({"source_detail": _("Name the workshop (its title or date).")})
    ambition_ids = {key[0] for key in effects}
    ambitions = {a.pk: a for a in Ambition.objects.filter(
        territory=territory, pk__in=ambition_ids).select_related("version")}
    if set(ambitions) != ambition_ids:
        raise ValidationError(_("Some ambitions are not of this territory."))
    existing = {(e.ambition_id, e.axis): e
                for e in CrossEffect.objects.filter(ambition_id__in=ambition_ids)}
    changed = 0
    for (ambition_id, axis), (effect, note) in effects.items():
        if axis not in Axis.values or (effect and effect not in CrossEffect.Effect.values):
            raise ValidationError(_("Unknown axis or effect."))
        note = _clean_text(note, field="note", limit=300, required=False)
        current = existing.get((ambition_id, axis))
        same = (current.effect, current.note) == (effect, note) if current else not effect
        if same:
            continue
        _editable(ambitions[ambition_id].version)
        changed += 1
        if not effect:
            current.delete()
        elif current is None:
            CrossEffect.objects.create(territory=territory, ambition_id=ambition_id, axis=axis,
                                       effect=effect,
                                       note=note, source=source, source_detail=detail,
                                       recorded_by=actor)
        else:
            current.effect, current.note = effect, note
            current.source, current.source_detail = source, detail
            current.recorded_by = actor
            current.save()
    return changed
