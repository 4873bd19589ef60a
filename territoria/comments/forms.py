from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.comments.domain.text import MAX_LENGTH

HELP = _("A blank line starts a new paragraph; lines starting with “- ” make a list; "
         "*emphasis*, **strong**; web addresses become links.")


class CommentForm(forms.Form):
    # The length is checked by the service, with a message that says by how much: the
    # browser's maxlength would cut a pasted text without a word.
    body = forms.CharField(label=_("Your comment"), strip=False,
                           widget=forms.Textarea(attrs={"rows": 4}), help_text=HELP)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    max_length = MAX_LENGTH
