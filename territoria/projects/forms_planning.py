from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.projects.models import Task


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Task.Kind.choices, initial="task")
    duration = forms.IntegerField(label=_("Duration (days)"), min_value=0, max_value=3650,
                                  required=False, initial=5,
                                  help_text=_("Calendar days; a milestone has none."))
    not_before = forms.DateField(label=_("Not before"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 help_text=_("The task cannot start before this day."))
    ends_on = forms.DateField(label=_("Ends on"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text=_("Instead of a duration: with “Not before”, the "
                                          "last day of the task."))
    owner = forms.CharField(label=_("Who does it"), max_length=200, required=False)
    after = forms.ModelMultipleChoiceField(
        label=_("Starts after"), required=False, queryset=Task.objects.none(),
        help_text=_("The tasks that must be finished first."))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = Task.objects.filter(project=project).order_by(
            "start", "pk")

    def clean(self):
        data = super().clean()
        from territoria.projects.services_planning import duration_between

        if data.get("ends_on"):
            if not data.get("not_before"):
                self.add_error("ends_on", _("Give the first day too (“Not before”)."))
            else:
                try:
                    data["duration"] = duration_between(data["not_before"], data["ends_on"])
                except forms.ValidationError as error:
                    self.add_error("ends_on", error.message_dict["ends_on"])
        if data.get("duration") is None:
            data["duration"] = 0 if data.get("kind") == Task.Kind.MILESTONE else 1
        return data


class TaskUpdateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Task.Kind.choices)
    duration = forms.IntegerField(label=_("Duration (days)"), min_value=0, max_value=3650)
    not_before = forms.DateField(label=_("Not before"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    owner = forms.CharField(label=_("Who does it"), max_length=200, required=False)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    done = forms.BooleanField(label=_("Done"), required=False)


class DependencyForm(forms.Form):
    before = forms.ModelChoiceField(label=_("Finished first"), queryset=Task.objects.none())
    after = forms.ModelChoiceField(label=_("Then starts"),
                                   queryset=Task.objects.none())
    lag = forms.IntegerField(label=_("Lag (days)"), initial=0, min_value=-365, max_value=365)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        tasks = Task.objects.filter(project=project).order_by("start", "pk")
        self.fields["before"].queryset = tasks
        self.fields["after"].queryset = tasks


class PlanStartForm(forms.Form):
    start = forms.DateField(label=_("The plan starts on"),
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
