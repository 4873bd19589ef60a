from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.projects.models import Campaign, Framing, Report

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FramingForm(forms.ModelForm):
    class Meta:
        model = Framing
        fields = ["context", "objectives", "scope_in", "scope_out", "deliverables", "team",
                  "budget_envelope", "start_on", "end_on", "success_indicators"]
        widgets = {"start_on": DATE, "end_on": DATE,
                   **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                       "context", "objectives", "scope_in", "scope_out", "deliverables",
                       "team", "success_indicators")}}


class SignForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200)
    signatory_quality = forms.CharField(label=_("Signatory's quality"), max_length=200,
                                        required=False,
                                        help_text=_("e.g. chair of the steering committee."))
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "period_start", "period_end", "due_on"]
        widgets = {"period_start": DATE, "period_end": DATE, "due_on": DATE}


class ReportForm(forms.ModelForm):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)

    class Meta:
        model = Report
        fields = ["status", "progress", "highlights", "issues", "needs_decision",
                  "decision_needed"]
        widgets = {"status": forms.RadioSelect,
                   "highlights": forms.Textarea(attrs={"rows": 3}),
                   "issues": forms.Textarea(attrs={"rows": 3}),
                   "decision_needed": forms.Textarea(attrs={"rows": 2})}
