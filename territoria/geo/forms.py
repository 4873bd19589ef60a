from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from territoria.geo.services import MAX_FILE_BYTES


class ReferentialUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Referential file"),
        help_text=_("A .json.gz file in Territoria's referential format, as written by the "
                    "build_referential command. It is checked completely before anything "
                    "is changed."),
        widget=forms.ClearableFileInput(attrs={"accept": ".gz,application/gzip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".gz"):
            raise ValidationError(_("Choose a .json.gz file."), code="extension")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file weighs %(size)s; the limit is %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_FILE_BYTES)},
                code="too_large")
        return upload
