"""Importing an existing action plan: upload → choose the columns → preview and report →
apply → (undo)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from territoria.core.decorators import territory_view
from territoria.projects import services_import as services
from territoria.projects.domain.action_plan import FIELDS, REQUIRED, guess_mapping
from territoria.projects.models import PlanImport, Project

FIELD_LABELS = {
    "title": gettext_lazy("Title"), "summary": gettext_lazy("Summary"),
    "objectives": gettext_lazy("Objectives"), "stage": gettext_lazy("Stage or status"),
    "carrier": gettext_lazy("Carrying organisation"),
    "lead": gettext_lazy("Project lead (e-mail)"), "communes": gettext_lazy("Communes"),
    "ambition": gettext_lazy("Ambition served"), "budget": gettext_lazy("Budget (€)"),
    "start": gettext_lazy("Start date"), "end": gettext_lazy("End date")}


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Your action plan (CSV or Excel .xlsx)"))


class MappingForm(forms.Form):
    def __init__(self, *args, header, initial_mapping, samples, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [
            (str(index), f"{name} ({samples[index]})" if samples[index] else name)
            for index, name in enumerate(header)]
        for name in FIELDS:
            value = initial_mapping.get(name)
            self.fields[name] = forms.ChoiceField(
                label=FIELD_LABELS[name], choices=choices, required=name in REQUIRED,
                initial="" if value is None else str(value))

    def mapping(self) -> dict:
        return {name: (int(value) if value != "" else None)
                for name, value in self.cleaned_data.items()}


def _record(territory, import_id) -> PlanImport:
    return get_object_or_404(PlanImport, territory=territory, pk=import_id)


@territory_view("projects.steer")
def import_start(request, territory):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.plan_import_upload(actor=request.user, territory=territory,
                                                 upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("projects:import-map", territory.slug, record.pk)
    return render(request, "projects/import/start.html", {
        "form": form, "imports": PlanImport.objects.filter(territory=territory)[:20]})


@territory_view("projects.steer")
def import_map(request, territory, import_id):
    record = _record(territory, import_id)
    if record.status != PlanImport.Status.UPLOADED:
        return redirect("projects:import-result", territory.slug, record.pk)
    try:
        table, _reading = services.plan_import_read(record=record, mapping={})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects:import-start", territory.slug)
    first = table.rows[0][1] if table.rows else []
    samples = [(first[i][:40] if i < len(first) else "") for i in range(len(table.header))]
    initial = record.mapping or guess_mapping(table.header)
    form = MappingForm(request.POST or None, header=table.header, initial_mapping=initial,
                       samples=samples)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_import_map(actor=request.user, record=record,
                                     mapping=form.mapping())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("projects:import-preview", territory.slug, record.pk)
    return render(request, "projects/import/map.html", {"form": form, "record": record,
                                                        "rows": len(table.rows)})


@territory_view("projects.steer")
def import_preview(request, territory, import_id):
    record = _record(territory, import_id)
    if record.status != PlanImport.Status.UPLOADED:
        return redirect("projects:import-result", territory.slug, record.pk)
    table, reading = services.plan_import_read(record=record)
    if request.method == "POST":
        try:
            services.plan_import_apply(actor=request.user, record=record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action plan is imported."))
            return redirect("projects:import-result", territory.slug, record.pk)
    problems = [(p, _(p.message) % p.params if p.params else _(p.message))
                for p in reading.problems]
    valid = reading.valid_drafts()
    return render(request, "projects/import/preview.html", {
        "record": record, "reading": reading, "valid": valid,
        "skipped": len(reading.rows_with_errors()),
        "errors": [(p, text) for p, text in problems if p.blocking],
        "warnings": [(p, text) for p, text in problems if not p.blocking],
        "new_actors": sorted({d.carrier for d in valid if d.carrier}),
        "stage_labels": dict(Project.Stage.choices)})


@territory_view("projects.steer")
def import_result(request, territory, import_id):
    record = _record(territory, import_id)
    if request.method == "POST":
        try:
            kept = services.plan_import_undo(actor=request.user, record=record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if kept:
                messages.warning(request, _("Undone, except projects changed since, which "
                                            "stay: %(titles)s.") % {"titles": ", ".join(kept)})
            else:
                messages.success(request, _("The import is undone."))
        return redirect(request.path)
    return render(request, "projects/import/result.html", {
        "record": record, "projects": Project.objects.filter(
            territory=territory, pk__in=record.created_projects).order_by("title")})
