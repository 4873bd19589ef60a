from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.moderation.domain.rules import THRESHOLD_RANGE
from territoria.moderation.models import Reason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why do you report it?"), choices=Reason.choices,
                               widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("Details (optional)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the moderators should know. They read it; the author does not."))


class HideForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason shown in place of the content"),
                               choices=Reason.choices)
    note = forms.CharField(label=_("Note for the log (optional)"), required=False,
                           max_length=500)


class RestoreForm(forms.Form):
    note = forms.CharField(label=_("Note for the log (optional)"), required=False,
                           max_length=500)


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The person reads it when they try to take part."))
    ends_on = forms.DateField(label=_("Until (optional)"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Leave empty to block until the block is lifted."))


class ThresholdForm(forms.Form):
    report_threshold = forms.IntegerField(
        label=_("Reports before content is hidden pending review"),
        min_value=THRESHOLD_RANGE[0], max_value=THRESHOLD_RANGE[1],
        help_text=_("From 1 to 20. The default is 3."))


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.TypedChoiceField(label=_("By"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, kinds=(), actors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all actions"))] + list(kinds)
        self.fields["actor"].choices = [("", _("everyone"))] + [(u.pk, str(u)) for u in actors]
