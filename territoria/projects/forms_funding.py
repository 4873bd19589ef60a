from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.projects.models import BudgetLine, FinancingShare, FundingApplication, Risk

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCALE = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["nature", "label", "year", "planned", "actual"]


class FinancingShareForm(forms.ModelForm):
    class Meta:
        model = FinancingShare
        fields = ["funder_kind", "funder_name", "amount", "status"]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["funder", "programme", "deadline", "requested", "status", "granted"]
        widgets = {"deadline": DATE}


class RiskForm(forms.ModelForm):
    probability = forms.TypedChoiceField(label=_("Probability (1–4)"), choices=SCALE,
                                         coerce=int, initial=2)
    impact = forms.TypedChoiceField(label=_("Impact (1–4)"), choices=SCALE, coerce=int,
                                    initial=2)

    class Meta:
        model = Risk
        fields = ["title", "description", "probability", "impact", "owner", "mitigation",
                  "status", "review_on"]
        widgets = {"review_on": DATE, "description": forms.Textarea(attrs={"rows": 2}),
                   "mitigation": forms.Textarea(attrs={"rows": 2})}
