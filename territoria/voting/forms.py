from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.voting.models import Vote
from territoria.voting.services import OptionSpec

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class VoteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: which orientations come first for the "
                                        "next six years?"))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.ChoiceField(
        label=_("Voting method"), choices=Vote.Method.choices, widget=forms.RadioSelect,
        help_text=_("Majority judgment: every voter grades every option from “Excellent” to "
                    "“To reject”, and the options are ranked by their majority grade. "
                    "Approval voting: every voter ticks the options they approve of."))
    options = forms.CharField(
        label=_("Options"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One option per line, at least two. To add a description, write it "
                    "after a vertical bar: “Bike lanes | from every village to the station”."))
    opens_at = forms.DateTimeField(label=_("Opens on"), widget=DateTimeLocalInput,
                                   input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"])
    closes_at = forms.DateTimeField(label=_("Closes on"), widget=DateTimeLocalInput,
                                    input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"])
    requires_verification = forms.BooleanField(
        label=_("Verified residents only"), required=False,
        help_text=_("Only members the team has verified as residents (by hand or by the "
                    "census) may vote."))
    results_visible = forms.ChoiceField(label=_("Show the results"),
                                        choices=Vote.ResultsVisible.choices,
                                        widget=forms.RadioSelect)

    def clean_options(self) -> list[OptionSpec]:
        specs = []
        for line in self.cleaned_data["options"].splitlines():
            title, _bar, description = line.partition("|")
            if title.strip():
                specs.append(OptionSpec(title=title.strip(), description=description.strip()))
        return specs

    @staticmethod
    def options_text(vote: Vote) -> str:
        return "\n".join(f"{o.title} | {o.description}" if o.description else o.title
                         for o in vote.options.all())
