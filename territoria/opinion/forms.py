from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.core.axes import Axis
from territoria.diagnostic.models import DiagnosticItem
from territoria.opinion.models import Conversation
from territoria.opinion.services import STATEMENT_MAX_LENGTH


class ConversationForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=200,
                            help_text=_("For example: what are the strengths and weaknesses of "
                                        "our territory for young families?"))
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    axis = forms.ChoiceField(label=_("Axis of life"), required=False,
                             choices=[("", _("None"))] + list(Axis.choices))
    consultation = forms.ModelChoiceField(
        label=_("Consultation"), required=False, queryset=None, empty_label=_("None"),
        help_text=_("The Agorapolis consultation this opinion map belongs to, if any: it is "
                    "listed on the consultation's page, and its consensus statements can "
                    "become proposals."))
    participation = forms.ChoiceField(label=_("Who may take part"),
                                      choices=Conversation.Participation.choices,
                                      widget=forms.RadioSelect)
    moderation = forms.ChoiceField(label=_("New statements are moderated"),
                                   choices=Conversation.Moderation.choices,
                                   widget=forms.RadioSelect)
    seed_statements = forms.CharField(
        label=_("Seed statements"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One statement per line, published at once. Short, one idea each, that "
                    "people can agree or disagree with."))

    def __init__(self, *args, territory=None, **kwargs):
        super().__init__(*args, **kwargs)
        from territoria.agora.models import Consultation

        self.fields["consultation"].queryset = (
            Consultation.objects.filter(territory=territory) if territory is not None
            else Consultation.objects.none())

    def clean_seed_statements(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["seed_statements"].splitlines()
                if line.strip()]


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Your statement"), max_length=STATEMENT_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("One idea that others can agree or disagree with. "
                                       "Plain text, at most 400 characters."))


class DiagnosticItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=DiagnosticItem.Kind.choices)
    axis = forms.ChoiceField(label=_("Axis of life"), choices=Axis.choices)


class ImportForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=200)
    comments = forms.FileField(label=_("comments.csv"))
    votes = forms.FileField(label=_("votes.csv"))
