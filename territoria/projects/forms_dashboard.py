from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.projects.selectors_dashboard import DashboardFilters, dashboard_choices


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string. A value the territory does not
    offer (another territory's actor, a made-up code) is an error of that field, shown beside
    it, and the dashboard is drawn without it."""

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
        for name, choices in dashboard_choices(territory=territory).items():
            self.fields[name].choices = [("", self.ALL[name]), *choices]

    def filters(self) -> DashboardFilters:
        """The valid filters (invalid ones dropped: ``errors`` says which and why)."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) or None for name in self.fields
                  if name not in self.errors}
        for name in ("orientation", "ambition", "carrier"):
            if values.get(name) is not None:
                values[name] = int(values[name])
        return DashboardFilters(**values)
