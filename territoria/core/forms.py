from django import forms
from django.utils.translation import gettext_lazy as _

from territoria.core.models import Territory
from territoria.core.validators import validate_logo


class TerritorySettingsForm(forms.ModelForm):
    logo = forms.FileField(
        label=_("Logo"), required=False, help_text=_("PNG, JPEG or WebP, 512 KB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}))

    class Meta:
        model = Territory
        fields = ["name", "description", "main_colour", "is_public", "logo"]
        widgets = {"main_colour": forms.TextInput(attrs={"type": "color"})}
        help_texts = {"main_colour": _("Text drawn in this colour is darkened where needed to "
                                       "stay readable (WCAG AA contrast).")}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_logo(logo)
        return logo
