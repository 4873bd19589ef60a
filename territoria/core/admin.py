"""The operators' back office (/operator/): territories and background jobs.

Platform operators (superusers) create territories here. Creation goes through
``territory_create`` so that the perimeter is set exactly as everywhere else; afterwards the
slug and the anchor are read-only (addresses must not break, and the perimeter is a snapshot).
"""

import re

from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from territoria.core import services
from territoria.core.forms import TerritorySettingsForm
from territoria.core.models import Job, Territory
from territoria.geo.models import Commune, Epci

# Operators log in through allauth, so that their second factor is asked for here too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Territoria — platform operation")
admin.site.site_title = _("Territoria operation")
admin.site.index_title = _("Platform operation")

# Where each error of territory_create belongs in the creation form.
_ERROR_FIELDS = {
    "slug_required": "name",
    "slug_taken": "slug",
    "commune_required": "commune_code",
    "epci_required": "epci_siren",
    "epci_empty": "epci_siren",
    "communes_required": "commune_codes",
    "communes_not_current": "commune_codes",
}


class TerritoryCreationForm(forms.ModelForm):
    """Create a territory from INSEE codes and a SIREN, the identifiers operators are given."""

    slug = forms.SlugField(label=_("slug"), max_length=60, required=False,
                           help_text=_("Used in the territory's addresses: /t/<slug>/. "
                                       "Leave empty to make it from the name."))
    commune_code = forms.CharField(
        label=_("INSEE code of the commune"), max_length=5, required=False,
        help_text=_("For a territory anchored to a commune."))
    epci_siren = forms.CharField(
        label=_("SIREN of the EPCI"), max_length=9, required=False,
        help_text=_("For an intercommunality: its current member communes make the perimeter."))
    commune_codes = forms.CharField(
        label=_("INSEE codes of the communes"), required=False, widget=forms.Textarea,
        help_text=_("For a custom perimeter (pays, PETR…): INSEE codes separated by spaces, "
                    "commas or new lines."))

    class Meta:
        model = Territory
        fields = ["name", "slug", "kind", "main_colour", "description", "is_public"]

    def clean_commune_code(self) -> Commune | None:
        code = self.cleaned_data["commune_code"].strip().upper()
        if not code:
            return None
        commune = Commune.objects.filter(insee_code=code, kind=Commune.Kind.CURRENT).first()
        if commune is None:
            raise ValidationError(_("No current commune has the INSEE code %(code)s.")
                                  % {"code": code})
        return commune

    def clean_epci_siren(self) -> Epci | None:
        siren = self.cleaned_data["epci_siren"].strip()
        if not siren:
            return None
        epci = Epci.objects.filter(siren=siren).first()
        if epci is None:
            raise ValidationError(_("No EPCI has the SIREN %(siren)s.") % {"siren": siren})
        return epci

    def clean_commune_codes(self) -> list[Commune]:
        text = self.cleaned_data["commune_codes"].upper()
        codes = list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text) if code))
        found = {c.insee_code: c for c in Commune.objects.filter(
            insee_code__in=codes, kind=Commune.Kind.CURRENT)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise ValidationError(_("No current commune has these INSEE codes: %(codes)s.")
                                  % {"codes": ", ".join(missing)})
        return [found[code] for code in codes]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["slug"] = services.territory_slug_check(name=data["name"],
                                                         slug=data.get("slug", ""))
            services.territory_perimeter_for(
                kind=data["kind"], commune=data.get("commune_code"),
                epci=data.get("epci_siren"), communes=data.get("commune_codes"))
        except ValidationError as error:
            self.add_error(_ERROR_FIELDS.get(error.code), error)
        return data

    def save(self, commit=True) -> Territory:
        data = self.cleaned_data
        self.instance = services.territory_create(
            name=data["name"], slug=data["slug"], kind=data["kind"],
            commune=data.get("commune_code"), epci=data.get("epci_siren"),
            communes=data.get("commune_codes"), main_colour=data["main_colour"],
            description=data["description"], is_public=data["is_public"])
        return self.instance

    def save_m2m(self) -> None:
        """The perimeter is set by ``territory_create``."""


@admin.register(Territory)
class TerritoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "commune_count", "is_public", "created_at"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    history_list_display = ["name", "main_colour", "is_public"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_commune_count=Count("communes"))

    @admin.display(description=_("communes"), ordering="_commune_count")
    def commune_count(self, territory: Territory) -> int:
        return territory._commune_count

    @admin.display(description=_("perimeter"))
    def perimeter(self, territory: Territory):
        communes = list(territory.communes.order_by("name").only("name", "insee_code"))
        return format_html(
            "<p>{}</p><p>{}</p>",
            ngettext("%(count)d commune:", "%(count)d communes:", len(communes))
            % {"count": len(communes)},
            format_html_join(", ", "{} ({})", ((c.name, c.insee_code) for c in communes)))

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = TerritorySettingsForm if obj else TerritoryCreationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "slug", "kind", "commune_code", "epci_siren", "commune_codes",
                    "main_colour", "description", "is_public"]
        return ["name", "slug", "kind", "commune", "epci", "perimeter", "description", "logo",
                "main_colour", "is_public", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["slug", "kind", "commune", "epci", "perimeter", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            return  # territory_create saved it in the form's save()
        services.territory_update(territory=obj, **{
            name: form.cleaned_data[name] for name in form.changed_data})

    def has_delete_permission(self, request, obj=None):
        # Deleting a territory deletes all its content; operators do it from a shell, on purpose.
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "percent", "territory", "started_by", "created_at",
                    "finished_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
