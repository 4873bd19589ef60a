from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.core.axes import Axis
from territoria.strategy.models import CrossEffect, Principle

MILESTONES = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrientationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000,
        help_text=_("Why this priority: what the diagnostic shows, what the territory wants."))
    diagnostic_items = forms.TypedMultipleChoiceField(
        label=_("Diagnostic items it answers"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The strengths to build on and the weaknesses to remedy."))
    principles = forms.MultipleChoiceField(
        label=_("Development principles it serves"), choices=Principle.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    axes = forms.MultipleChoiceField(label=_("Axes of life it touches"), choices=Axis.choices,
                                     required=False, widget=forms.CheckboxSelectMultiple)
    change_note = forms.CharField(
        label=_("What this revision changes, and why"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), revision=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diagnostic_items"].choices = [
            (item.pk, f"{item.get_kind_display()} · {item.get_axis_display()} · "
                      f"{item.display_title}") for item in items]
        if not revision:
            del self.fields["change_note"]


class AmbitionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    indicator = forms.TypedChoiceField(
        label=_("Indicator"), coerce=int, required=False, empty_value=None,
        help_text=_("The indicator of the catalogue that measures it. Without one, the "
                    "ambition is qualitative and flagged as not measurable."))
    baseline_value = forms.FloatField(label=_("Baseline value"), required=False, localize=True)
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, widget=DateInput())
    target_value = forms.FloatField(label=_("Target value"), required=False, localize=True)
    target_unit = forms.CharField(
        label=_("Unit of the target"), required=False, max_length=40,
        help_text=_("Leave empty for the indicator's unit; a different unit is refused."))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for indicator in indicators:
            unit = f" ({indicator.unit_label})" if indicator.unit else ""
            groups.setdefault(str(indicator.get_axis_display()), []).append(
                (indicator.pk, f"{indicator.label}{unit}"))
        self.fields["indicator"].choices = [("", _("— none: a qualitative ambition —")),
                                            *groups.items()]
        for n in range(1, MILESTONES + 1):
            self.fields[f"milestone_{n}_date"] = forms.DateField(
                label=_("Date of milestone %(n)s") % {"n": n}, required=False,
                widget=DateInput())
            self.fields[f"milestone_{n}_value"] = forms.FloatField(
                label=_("Value of milestone %(n)s") % {"n": n}, required=False, localize=True)

    @property
    def milestone_fields(self):
        return [(self[f"milestone_{n}_date"], self[f"milestone_{n}_value"])
                for n in range(1, MILESTONES + 1)]

    @property
    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith("milestone_")]

    def clean(self):
        data = super().clean()
        milestones = []
        for n in range(1, MILESTONES + 1):
            when, value = data.get(f"milestone_{n}_date"), data.get(f"milestone_{n}_value")
            if when is None and value is None:
                continue
            if when is None or value is None:
                if not self.has_error(f"milestone_{n}_date") and \
                        not self.has_error(f"milestone_{n}_value"):
                    self.add_error(f"milestone_{n}_date" if when is None
                                   else f"milestone_{n}_value",
                                   _("Give this milestone both a date and a value."))
                continue
            milestones.append((when, value))
        data["milestones"] = milestones
        return data

    def service_arguments(self, indicator) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "description": data.get("description", ""),
                "indicator": indicator, "baseline_value": data.get("baseline_value"),
                "baseline_date": data.get("baseline_date"),
                "target_value": data.get("target_value"),
                "target_unit": data.get("target_unit", ""), "deadline": data.get("deadline"),
                "milestones": data["milestones"]}


class AdoptForm(forms.Form):
    decision_date = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    decision_body = forms.CharField(label=_("Body that decided"), max_length=200,
                                    initial=_("Governance committee"))
    decision_reference = forms.CharField(
        label=_("Reference of the decision"), max_length=200, required=False,
        help_text=_("The number of the deliberation or of the minutes, if any."))


class EffectsForm(forms.Form):
    """The matrix of expected effects: one select (and an optional note) per ambition and
    axis of life."""

    source = forms.ChoiceField(label=_("Who assessed these effects?"),
                               choices=CrossEffect.Source.choices, widget=forms.RadioSelect,
                               initial=CrossEffect.Source.STAFF)
    source_detail = forms.CharField(label=_("Workshop (title or date)"), required=False,
                                    max_length=200)

    CHOICES = [("", "—"), ("positive", "+"), ("neutral", "="), ("negative", "−")]

    def __init__(self, *args, matrix=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        labels = dict(Axis.choices)
        for ambition, effects in matrix:
            cells = []
            for axis in Axis.values:
                effect = effects.get(axis)
                name = f"effect_{ambition.pk}_{axis}"
                where = {"ambition": ambition.title, "axis": labels[axis]}
                self.fields[name] = forms.ChoiceField(
                    label=_("Effect of “%(ambition)s” on %(axis)s") % where,
                    choices=self.CHOICES, required=False,
                    initial=effect.effect if effect else "")
                self.fields[f"note_{ambition.pk}_{axis}"] = forms.CharField(
                    label=_("Note on the effect of “%(ambition)s” on %(axis)s") % where,
                    required=False, max_length=300, initial=effect.note if effect else "")
                cells.append((axis, name, f"note_{ambition.pk}_{axis}"))
            self.rows.append((ambition, cells))

    def bound_rows(self):
        return [(ambition, [(axis, self[effect], self[note]) for axis, effect, note in cells])
                for ambition, cells in self.rows]

    def clean(self):
        data = super().clean()
        for _ambition, cells in self.rows:
            for _axis, effect, note in cells:
                if data.get(note) and not data.get(effect):
                    self.add_error(note, _("Choose the effect this note explains."))
        if data.get("source") == CrossEffect.Source.WORKSHOP and not data.get("source_detail"):
            self.add_error("source_detail", _("Name the workshop (its title or date)."))
        return data

    def effects(self) -> dict:
        data = self.cleaned_data
        return {(ambition.pk, axis): (data.get(effect, ""), data.get(note, ""))
                for ambition, cells in self.rows for axis, effect, note in cells}


class PrioritiesVoteForm(forms.Form):
    """Candidate priorities put to a vote of residents and actors."""

    orientations = forms.TypedMultipleChoiceField(
        label=_("Orientations put to the vote"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple)
    ambitions = forms.TypedMultipleChoiceField(
        label=_("Ambitions put to the vote"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Title of the vote"), max_length=200,
                            initial=_("Which priorities first?"))
    description = forms.CharField(
        label=_("What the vote is for"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Grade each candidate priority: the governance committee will weigh the "
                  "ranking before adopting the strategy."))
    method = forms.ChoiceField(label=_("Voting method"), widget=forms.RadioSelect)
    opens_at = forms.DateTimeField(label=_("Opens on"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label=_("Closes on"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    requires_verification = forms.BooleanField(
        label=_("Verified residents only"), required=False)

    def __init__(self, *args, versions=(), ambitions=(), methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orientations"].choices = [
            (v.orientation_id, _("Orientation %(n)s: %(title)s") % {
                "n": v.orientation.number, "title": v.title}) for v in versions]
        self.fields["ambitions"].choices = [(a.pk, a.title) for a in ambitions]
        self.fields["method"].choices = methods
        if methods:
            self.fields["method"].initial = methods[0][0]

    def clean(self):
        data = super().clean()
        if len(data.get("orientations", [])) + len(data.get("ambitions", [])) < 2:
            raise forms.ValidationError(_("Choose at least two candidate priorities."))
        return data
