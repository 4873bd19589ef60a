"""The local actors of a territory: companies, associations, public bodies, State services,
co-financers and groups of residents. They carry projects, fund them, and form alliances."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel


class Actor(TerritoryScopedModel):
    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        ASSOCIATION = "association", _("association")
        LOCAL_AUTHORITY = "local_authority", _("local authority")
        STATE_SERVICE = "state_service", _("State service")
        PUBLIC_BODY = "public_body", _("other public body")
        RESIDENTS = "residents", _("group of residents")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True,
                             help_text=_("The nine digits of its SIREN number, if it has one."))
    commune = models.ForeignKey("geo.Commune", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("commune"))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"],
                                               name="actor_unique_name_per_territory")]

    def __str__(self) -> str:
        return self.name
