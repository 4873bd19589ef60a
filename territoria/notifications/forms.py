from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.notifications.models import Preference


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(label=_("Notifications by e-mail"), choices=Preference.Email.choices,
                              widget=forms.RadioSelect)
