from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from territoria.projects.models import Project
from territoria.projects.selectors import ProjectFilters, project_filter_choices


class ProjectFilterForm(forms.Form):
    """Filters of the portfolio, read from the query string. A value the territory does not
    offer (another territory's actor, a made-up code) is an error of that field, shown beside
    it, and the list is drawn without it."""

    orientation = forms.ChoiceField(label=_("Orientation"), required=False)
    ambition = forms.ChoiceField(label=_("Ambition"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    carrier = forms.ChoiceField(label=_("Carrying organisation"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)

    ALL = {"orientation": _("All orientations"), "ambition": _("All ambitions"),
           "commune": _("All communes"), "carrier": _("All carrying organisations"),
           "stage": _("All stages")}

    def __init__(self, data, *, territory):
        super().__init__(data)
        for name, choices in project_filter_choices(territory=territory).items():
            self.fields[name].choices = [("", self.ALL[name]), *choices]

    def filters(self) -> ProjectFilters:
        """The valid filters (invalid ones dropped: ``errors`` says which and why)."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) or None for name in self.fields
                  if name not in self.errors}
        for name in ("orientation", "ambition", "carrier"):
            if values.get(name) is not None:
                values[name] = int(values[name])
        return ProjectFilters(**values)

    def labels(self) -> list[str]:
        """The applied filters in words, e.g. "Stage: running"."""
        applied = self.filters().as_query()
        return [f"{self.fields[name].label}: {dict(self.fields[name].choices).get(value, value)}"
                for name, value in applied.items()]


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("What the project does, for whom, in a few lines."))
    objectives = forms.CharField(label=_("Objectives"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    ambitions = forms.ModelMultipleChoiceField(
        label=_("Ambitions served"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The ambitions of the strategy this project helps reach."))
    carrier = forms.ModelChoiceField(label=_("Carrying organisation"), required=False,
                                     queryset=None)
    lead = forms.ModelChoiceField(label=_("Project lead"), required=False, queryset=None,
                                  help_text=_("A member of the territory."))
    communes = forms.ModelMultipleChoiceField(
        label=_("Communes"), required=False, queryset=None,
        help_text=_("Where the project takes place; none for the whole territory."))

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        from territoria.actors.models import Actor
        from territoria.strategy.models import Ambition, OrientationVersion

        live = (OrientationVersion.Status.DRAFT, OrientationVersion.Status.SUBMITTED,
                OrientationVersion.Status.ADOPTED)
        self.fields["ambitions"].queryset = (
            Ambition.objects.filter(territory=territory, version__status__in=live)
            .select_related("version__orientation")
            .order_by("version__orientation__number", "pk"))
        self.fields["ambitions"].label_from_instance = (
            lambda a: f"{a.version.orientation.number}. {a.title}")
        self.fields["carrier"].queryset = Actor.objects.filter(territory=territory)
        self.fields["lead"].queryset = (get_user_model().objects
                                        .filter(memberships__territory=territory)
                                        .order_by("email"))
        self.fields["lead"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["communes"].queryset = territory.communes.order_by("name")


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Recorded in the project's history, with the date "
                                         "and your name."))

    def __init__(self, *args, moves: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        labels, kinds = dict(Project.Stage.choices), {
            "advance": _("move forward"), "reframing": _("re-framing"),
            "arbitration": _("arbitration")}
        self.fields["to_stage"].choices = [(stage, f"{labels[stage]} ({kinds[kind]})")
                                           for stage, kind in moves]
