from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.axes import Axis
from territoria.core.models import Job, TerritoryScopedModel
from territoria.core.storage import private_storage
from territoria.diagnostic.domain.board import ItemKind


class DiagnosticItem(TerritoryScopedModel):
    """A strength, weakness, opportunity or threat of the territory on one axis of life.

    It comes either from the data (a proposal computed from an indicator's position among
    comparable areas, which staff accept or dismiss) or from a contribution of a resident or
    a local actor, which others can support.
    """

    class Kind(models.TextChoices):
        STRENGTH = ItemKind.STRENGTH.value, _("Strength")
        WEAKNESS = ItemKind.WEAKNESS.value, _("Weakness")
        OPPORTUNITY = ItemKind.OPPORTUNITY.value, _("Opportunity")
        THREAT = ItemKind.THREAT.value, _("Threat")

    class Origin(models.TextChoices):
        DATA = "data", _("official data")
        CONTRIBUTION = "contribution", _("contribution")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed, awaiting a decision")
        PUBLISHED = "published", _("published")
        DISMISSED = "dismissed", _("dismissed")
        MERGED = "merged", _("merged into another item")
        HIDDEN = "hidden", _("hidden by moderation")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    axis = models.CharField(_("axis of life"), max_length=20, choices=Axis.choices)
    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"))
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="diagnostic_items")
    # The role the author held when writing, shown beside the item ("resident", "local
    # actor", …) and kept when the account is deleted.
    author_role = models.CharField(_("author's role"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="diagnostic_items")
    period = models.CharField(_("period"), max_length=10, blank=True)
    # What the data said when the proposal was made: value, references, position among
    # peers. A snapshot, so that the evidence an item was accepted on stays readable.
    evidence = models.JSONField(_("evidence from the data"), default=dict, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="merged_items")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["axis", "kind", "-created_at"]
        verbose_name = _("diagnostic item")
        verbose_name_plural = _("diagnostic items")
        constraints = [
            # One data proposal per indicator: refreshing the proposals updates it.
            models.UniqueConstraint(fields=["territory", "indicator"],
                                    condition=models.Q(origin="data"),
                                    name="one_data_item_per_indicator"),
        ]
        indexes = [models.Index(fields=["territory", "status", "axis"])]

    def __str__(self) -> str:
        return self.title

    @property
    def from_data(self) -> bool:
        return self.origin == self.Origin.DATA

    @property
    def display_title(self) -> str:
        """Data items are named after their indicator, in the reader's language."""
        if self.from_data and self.indicator_id:
            return gettext(self.indicator.name)
        return self.title

    @property
    def data_explanation(self) -> list[str]:
        """The plain-language reading of the evidence, in the reader's language: values with
        the indicator's unit and precision, counts and ranks as whole numbers."""
        from django.utils.formats import number_format

        from territoria.core.formats import format_quantity

        indicator = self.indicator
        unit = indicator.unit if indicator else ""
        precision = indicator.precision if indicator else 2

        def shown(name: str, value):
            if name in ("indicator", "reference"):
                # Names are stored in the source language: the catalogue's msgids.
                return gettext(value)
            if value is None:
                return gettext("no data")
            if name in ("value", "peer_median", "reference_value"):
                return format_quantity(value, precision=precision, unit=gettext(unit))
            return number_format(value, force_grouping=True)

        return [gettext(m["template"]) % {k: shown(k, v) for k, v in m["params"].items()}
                for m in self.evidence.get("messages", [])]


class Support(models.Model):
    """A person says an item rings true to them. One support per person and item."""

    item = models.ForeignKey(DiagnosticItem, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="diagnostic_supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"],
                                               name="one_support_per_person")]


class Evidence(models.Model):
    """What backs an item: an indicator of the catalogue, or a document (title and link)."""

    item = models.ForeignKey(DiagnosticItem, on_delete=models.CASCADE, related_name="evidence_links")
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(indicator__isnull=False, url="")
                           | models.Q(indicator__isnull=True) & ~models.Q(url="")),
                name="evidence_is_an_indicator_or_a_document"),
        ]

    def __str__(self) -> str:
        return self.title or (self.indicator.name if self.indicator else self.url)

    @property
    def territory(self):
        return self.item.territory


class DiagnosticReport(TerritoryScopedModel):
    """A PDF of the diagnostic report, drawn by the task worker."""

    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    pdf = models.FileField(_("PDF"), upload_to="diagnostic/reports/", blank=True,
                           storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("diagnostic report")
        verbose_name_plural = _("diagnostic reports")


class PeerSelection(TerritoryScopedModel):
    """The comparable areas the team picked (neighbours, sister territories) instead of the
    automatic peer group. Codes of areas of the territory's own kind (INSEE codes of
    communes, SIREN of EPCI)."""

    codes = models.JSONField(_("areas picked"), default=list)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["territory"],
                                               name="one_peer_selection_per_territory")]
        verbose_name = _("choice of comparable areas")
        verbose_name_plural = _("choices of comparable areas")
