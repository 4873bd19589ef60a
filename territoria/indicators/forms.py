from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from territoria.indicators.models import DataImport
from territoria.indicators.services import MAX_UPLOAD_BYTES

EXTENSIONS = (".csv", ".txt", ".zip", ".xlsx")


class DataImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=[(DataImport.Kind.INSEE, DataImport.Kind.INSEE.label),
                 (DataImport.Kind.LONG, DataImport.Kind.LONG.label)],
        widget=forms.RadioSelect, initial=DataImport.Kind.INSEE)
    file = forms.FileField(
        label=_("Data file"),
        help_text=_("INSEE's “Comparateur de territoires” file as INSEE distributes it (zip "
                    "or CSV), or a long-format CSV or Excel (.xlsx) file with the columns "
                    "area; indicator; period; value, optionally status and level. It is "
                    "checked completely, and shown to you, before anything is written."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.zip,.xlsx"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise ValidationError(_("Choose a .csv, .zip or .xlsx file."), code="extension")
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file weighs %(size)s; the limit is %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
                code="too_large")
        return upload
