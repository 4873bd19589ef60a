"""The territory's strategy: orientations (in versions), their ambitions, cross-effects.

An ``Orientation`` is what stays the same across revisions (its number in the strategy, its
address, the subject of a prioritisation vote); its wording lives in ``OrientationVersion``
rows: a draft is written, submitted, adopted by a decision of the governance committee, and
superseded when a later version of the same orientation is adopted. Every version is kept
with its ambitions (a revision copies them), so that what was adopted stays readable.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.axes import Axis
from territoria.core.models import TerritoryScopedModel
from territoria.strategy.domain.balance import Effect as DomainEffect
from territoria.strategy.domain.balance import Principle as DomainPrinciple


class Principle(models.TextChoices):
    """The development principles an orientation serves (``domain/balance.py``)."""

    RESPONSIBLE = DomainPrinciple.RESPONSIBLE.value, _("Responsible (sustainable)")
    ENDOGENOUS = DomainPrinciple.ENDOGENOUS.value, _("Sovereign (endogenous)")
    WELL_BEING = DomainPrinciple.WELL_BEING.value, _("Well-being and happiness")
    CITIZEN = DomainPrinciple.CITIZEN.value, _("Citizen-driven")


class Orientation(TerritoryScopedModel):
    """One orientation of the strategy, whatever its version."""

    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        constraints = [models.UniqueConstraint(fields=["territory", "number"],
                                               name="one_orientation_number_per_territory")]

    def __str__(self) -> str:
        return f"{self.number}"


class OrientationVersion(TerritoryScopedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the governance committee")
        ADOPTED = "adopted", _("adopted")
        SUPERSEDED = "superseded", _("superseded by a later version")

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE,
                                    related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("rationale"))
    principles = models.JSONField(_("development principles"), default=list, blank=True)
    axes = models.JSONField(_("axes of life"), default=list, blank=True)
    diagnostic_items = models.ManyToManyField(
        "diagnostic.DiagnosticItem", blank=True, related_name="orientation_versions",
        verbose_name=_("diagnostic items it answers"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    change_note = models.TextField(_("what this revision changes, and why"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The decision of the governance committee, as recorded by an administrator or an
    # elected official.
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_body = models.CharField(_("body that decided"), max_length=200, blank=True)
    decision_reference = models.CharField(_("reference of the decision"), max_length=200,
                                          blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    adopted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["orientation__number", "number"]
        verbose_name = _("version of an orientation")
        verbose_name_plural = _("versions of orientations")
        constraints = [
            models.UniqueConstraint(fields=["orientation", "number"],
                                    name="one_version_number_per_orientation"),
            # At most one adopted version and one version in progress per orientation.
            models.UniqueConstraint(fields=["orientation"], condition=models.Q(status="adopted"),
                                    name="one_adopted_version_per_orientation"),
            models.UniqueConstraint(fields=["orientation"],
                                    condition=models.Q(status__in=["draft", "submitted"]),
                                    name="one_version_in_progress_per_orientation"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)

    @property
    def principle_labels(self) -> list[str]:
        labels = dict(Principle.choices)
        return [str(labels[p]) for p in self.principles if p in labels]

    @property
    def axis_labels(self) -> list[str]:
        labels = dict(Axis.choices)
        return [str(labels[a]) for a in self.axes if a in labels]


class Ambition(TerritoryScopedModel):
    """A measurable objective under an orientation: an indicator of the catalogue, where the
    territory starts from (baseline), where it wants to be (target) and by when, with
    optional milestones in between. Without an indicator the ambition is qualitative: allowed,
    but flagged as not measurable."""

    version = models.ForeignKey(OrientationVersion, on_delete=models.CASCADE,
                                related_name="ambitions")
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="copies")
    # The same for an ambition and every copy made of it by revisions.
    lineage = models.PositiveIntegerField(_("lineage"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="ambitions",
                                  verbose_name=_("indicator"))
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_unit = models.CharField(_("unit of the target"), max_length=40, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # [{"date": "2027-12-31", "value": 7.5}, …], in date order.
    milestones = models.JSONField(_("milestones"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_measurable(self) -> bool:
        return self.indicator_id is not None

    @property
    def unit_label(self) -> str:
        return self.indicator.unit_label if self.indicator_id else ""

    def quantity(self, value: float | None) -> str:
        """A value of this ambition written as the indicator's values are (unit, decimals)."""
        from territoria.core.formats import format_quantity

        if value is None:
            return ""
        indicator = self.indicator
        return format_quantity(value, precision=indicator.precision if indicator else 2,
                               unit=self.unit_label)

    @property
    def baseline_text(self) -> str:
        return self.quantity(self.baseline_value)

    @property
    def target_text(self) -> str:
        return self.quantity(self.target_value)

    @property
    def milestone_texts(self) -> list[tuple]:
        return [(when, self.quantity(value)) for when, value in self.milestone_points()]

    def milestone_points(self) -> list[tuple]:
        from datetime import date

        return [(date.fromisoformat(m["date"]), float(m["value"])) for m in self.milestones]


class CrossEffect(TerritoryScopedModel):
    """The expected effect of an ambition on one axis of life (scoped to the ambition's
    territory, so that the territory's audit trail shows it)."""

    class Effect(models.TextChoices):
        POSITIVE = DomainEffect.POSITIVE.value, _("positive")
        NEUTRAL = DomainEffect.NEUTRAL.value, _("neutral")
        NEGATIVE = DomainEffect.NEGATIVE.value, _("negative")

    class Source(models.TextChoices):
        STAFF = "staff", _("entered by the team")
        WORKSHOP = "workshop", _("from a workshop")

    ambition = models.ForeignKey(Ambition, on_delete=models.CASCADE, related_name="effects")
    axis = models.CharField(_("axis of life"), max_length=20, choices=Axis.choices)
    effect = models.CharField(_("expected effect"), max_length=10, choices=Effect.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.STAFF)
    source_detail = models.CharField(_("workshop"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["ambition", "axis"]
        verbose_name = _("cross-effect")
        verbose_name_plural = _("cross-effects")
        constraints = [models.UniqueConstraint(fields=["ambition", "axis"],
                                               name="one_effect_per_ambition_and_axis")]

    @property
    def sign(self) -> str:
        return {"positive": "+", "neutral": "=", "negative": "−"}[self.effect]

    @property
    def source_text(self) -> str:
        if self.source == self.Source.WORKSHOP and self.source_detail:
            return gettext("from the workshop “%(name)s”") % {"name": self.source_detail}
        return str(self.get_source_display())
