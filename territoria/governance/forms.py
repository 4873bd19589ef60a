from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from territoria.governance.models import Attendance, Body, Decision


def _members(territory):
    users = (get_user_model().objects.filter(memberships__territory=territory)
             .order_by("email"))
    return users


class BodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Role"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    chair = forms.ModelChoiceField(label=_("Chair"), required=False, queryset=None)
    project = forms.ModelChoiceField(label=_("Project (for a project team)"), required=False,
                                     queryset=None)

    def __init__(self, *args, territory, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        from territoria.projects.models import Project

        self.fields["kind"].choices = [c for c in Body.Kind.choices if c[0] in kinds]
        self.fields["chair"].queryset = _members(territory)
        self.fields["project"].queryset = Project.objects.filter(territory=territory)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Member of the territory"), queryset=None)
    quality = forms.CharField(label=_("Quality"), max_length=200, required=False,
                              help_text=_("Their function, e.g. deputy mayor for town "
                                          "planning."))

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _members(territory)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    reason = forms.CharField(label=_("Why"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False,
                              widget=forms.Textarea(attrs={"rows": 10}))


class AttendanceForm(forms.Form):
    def __init__(self, *args, members, current, **kwargs):
        super().__init__(*args, **kwargs)
        for member in members:
            self.fields[f"user_{member.user_id}"] = forms.ChoiceField(
                label=str(member.user), choices=Attendance.Status.choices,
                initial=current.get(member.user_id, Attendance.Status.PRESENT))

    def statuses(self) -> dict[int, str]:
        return {int(name.removeprefix("user_")): value
                for name, value in self.cleaned_data.items()}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 6}))
    decided_on = forms.DateField(label=_("Decided on"),
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    projects = forms.ModelMultipleChoiceField(label=_("Projects concerned"), required=False,
                                              queryset=None)
    stage_to = forms.ChoiceField(label=_("Moves the project to"), required=False,
                                 help_text=_("For an arbitration, a re-framing or a go / "
                                             "no-go: the stage the project goes to when the "
                                             "decision is published."))
    confidential = forms.BooleanField(label=_("Confidential"), required=False)
    confidential_reason = forms.CharField(
        label=_("Why it is confidential"), max_length=300, required=False,
        help_text=_("Shown to the public instead of the decision's text."))

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        from territoria.projects.models import Project

        self.fields["projects"].queryset = Project.objects.filter(territory=territory)
        self.fields["stage_to"].choices = [("", _("no change of stage")),
                                           *Project.Stage.choices]
