from django import forms

from territoria.actors.models import Actor


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["name", "kind", "siren", "commune", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = territory.communes.order_by("name")

    siren = forms.CharField(label=Actor._meta.get_field("siren").verbose_name, required=False,
                            max_length=20, help_text=Actor._meta.get_field("siren").help_text)

    def clean_siren(self):
        return self.cleaned_data["siren"].replace(" ", "").replace("\u00a0", "")

    def _post_clean(self):  # uniqueness and the rest are the service's
        pass
