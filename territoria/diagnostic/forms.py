from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.core.axes import Axis
from territoria.diagnostic.models import DiagnosticItem


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"), choices=DiagnosticItem.Kind.choices, widget=forms.RadioSelect,
        help_text=_("Strengths and weaknesses describe the territory itself; opportunities and "
                    "threats come from outside (a new railway line, a plant closing nearby)."))
    axis = forms.ChoiceField(label=_("Axis of life"), choices=Axis.choices)
    title = forms.CharField(label=_("In a few words"), max_length=200)
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
        help_text=_("What you see or live, and why it matters. Plain text."))


class MergeForm(forms.Form):
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int,
                                  help_text=_("Its supporters and evidence move to that item."))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [
            (item.pk, f"{item.get_kind_display()} · {item.get_axis_display()} · {item.title}")
            for item in items]


class EvidenceForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("An indicator"), coerce=int, required=False,
                                       empty_value=None)
    title = forms.CharField(label=_("or a document: its title"), max_length=200, required=False)
    url = forms.URLField(label=_("and its web address"), max_length=500, required=False,
                         assume_scheme="https")

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—")] + [(i.pk, i.name) for i in indicators]

    def clean(self):
        data = super().clean()
        if not data.get("indicator") and not data.get("url"):
            raise forms.ValidationError(_("Choose an indicator, or give a document's title and "
                                          "web address."))
        if data.get("indicator") and data.get("url"):
            raise forms.ValidationError(_("Link either an indicator or a document, one at a "
                                          "time."))
        if data.get("url") and not data.get("title"):
            self.add_error("title", _("Give the document a title."))
        return data
