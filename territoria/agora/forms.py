from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.agora.models import Argument, Event, Phase, Proposal
from territoria.core.axes import Axis


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: how should we revitalise the town "
                                        "centre?"))
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    support_limit = forms.IntegerField(label=_("Supports per person"), min_value=0,
                                       initial=0, help_text=_("0: no limit."))
    answer_threshold = forms.IntegerField(
        label=_("Supports that oblige an official answer"), min_value=0, initial=0,
        help_text=_("0: no threshold."))
    requires_verification = forms.BooleanField(label=_("Verified residents only may support"),
                                               required=False)
    is_published = forms.BooleanField(label=_("Published (visible to everyone)"),
                                      required=False)


class ConsultationCreateForm(ConsultationForm):
    standard_phases_from = forms.DateTimeField(
        label=_("Create the five usual phases from"), required=False, widget=DateTimeInput(),
        help_text=_("Information, contributions, deliberation, vote, feedback: two weeks "
                    "each, to re-date afterwards. Leave empty to add phases one by one."))


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Phase.Kind.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=120,
                            help_text=_("Leave empty to use the kind's name."))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    starts_at = forms.DateTimeField(label=_("Start"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=DateTimeInput())
    allows_submit = forms.BooleanField(label=_("Proposals may be submitted"), required=False)
    allows_comment = forms.BooleanField(label=_("Comments and arguments are open"),
                                        required=False)
    allows_support = forms.BooleanField(label=_("Proposals may be supported"), required=False)
    allows_vote = forms.BooleanField(label=_("Votes are open"), required=False)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(label=_("Your proposal"), max_length=6000,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("What you propose, why, and for whom. Plain text."))
    axis = forms.ChoiceField(label=_("Axis of life"), required=False,
                             choices=[("", _("None"))] + list(Axis.choices))
    commune = forms.ModelChoiceField(label=_("Commune concerned"), required=False,
                                     queryset=None, empty_label=_("The whole territory"))

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = territory.communes.order_by("name")


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Official answer"), max_length=8000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    estimated_cost = forms.DecimalField(label=_("Estimated cost (€)"), required=False,
                                        min_value=0, max_digits=14, decimal_places=2)
    publish_at = forms.DateTimeField(label=_("Publish on"), required=False,
                                     widget=DateTimeInput(),
                                     help_text=_("Hidden from the public until then. Leave "
                                                 "empty to publish now."))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Proposal.Status.choices)


class MergeForm(forms.Form):
    kept = forms.IntegerField(label=_("Number of the proposal to keep"), min_value=1,
                              help_text=_("This proposal's supports move to it."))


class CoauthorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the co-author"))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (image or PDF, at most 5 MB)"))


class DebateForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=6000,
                                  widget=forms.Textarea(attrs={"rows": 4}))


class ArgumentForm(forms.Form):
    side = forms.ChoiceField(label=_("Your argument is"), choices=Argument.Side.choices,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("Argument"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), max_length=8000,
                                 widget=forms.Textarea(attrs={"rows": 5}))


class PageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Address"), max_length=80, required=False,
                           help_text=_("Letters, digits and hyphens; made from the title when "
                                       "empty."))
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    axis = forms.ChoiceField(label=_("Axis of life"), required=False,
                             choices=[("", _("None"))] + list(Axis.choices))
    body = forms.CharField(label=_("Body"), max_length=40000,
                           widget=forms.Textarea(attrs={"rows": 16}),
                           help_text=_("A blank line between paragraphs; “## ” starts a "
                                       "heading, “- ” a list item; **bold**, *emphasis*, "
                                       "[text](https://address). A line [[chart:code]] shows "
                                       "the territory's live chart of that indicator."))
    is_published = forms.BooleanField(label=_("Published"), required=False)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=6000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    format = forms.ChoiceField(label=_("Format"), choices=Event.Format.choices,
                               widget=forms.RadioSelect)
    starts_at = forms.DateTimeField(label=_("Start"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=DateTimeInput())
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    online_url = forms.URLField(label=_("Online meeting address"), required=False,
                                assume_scheme="https")
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1,
                                  help_text=_("Leave empty for no limit."))
    registration_open = forms.BooleanField(label=_("Registration open"), required=False,
                                           initial=True)
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=6000,
                             widget=forms.Textarea(attrs={"rows": 4}))
    consultation = forms.ModelChoiceField(label=_("Consultation"), required=False,
                                          queryset=None)

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        from territoria.agora.models import Consultation

        self.fields["consultation"].queryset = Consultation.objects.filter(territory=territory)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 10}))
