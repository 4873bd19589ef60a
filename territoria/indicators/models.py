"""The indicator catalogue, indicator values for every area of France, and data imports.

The catalogue and the values are national and shared by every territory: a value is the
value of an area of the referential (a commune, an EPCI, a département, a région, France)
for a period, whoever imported it. An import is started by the staff of one territory
(``DataImport`` is territory-scoped) and keeps what it changed, so that it can be undone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from territoria.core.axes import Axis as LifeAxis
from territoria.core.models import Job, TerritoryScopedModel
from territoria.core.storage import private_storage  # noqa: F401  (named by migrations)
from territoria.indicators.domain.aggregation import AggregationKind
from territoria.indicators.domain.comparison import Direction as DomainDirection
from territoria.indicators.domain.values import Missing


# The catalogue's axes: the axes of life of every diagnostic (core/axes.py, one list for the
# board, the opinion maps and the strategy), and first the territory's profile (population,
# area, households), which describes the territory without being a function of life on it.
Axis = models.TextChoices("Axis", [("PROFILE", ("profile", _("Territory profile")))]
                          + [(axis.name, (axis.value, axis.label)) for axis in LifeAxis])


class Principle(models.TextChoices):
    """The development principles an indicator informs."""

    RESPONSIBLE = "responsible", _("responsible")
    ENDOGENOUS = "endogenous", _("endogenous and sovereign")
    WELL_BEING = "well_being", _("well-being of the greatest number")
    CITIZEN = "citizen", _("citizen-driven")


class Level(models.TextChoices):
    COMMUNE = "commune", _("commune")
    EPCI = "epci", _("EPCI")
    DEPARTMENT = "department", _("département")
    REGION = "region", _("région")
    COUNTRY = "country", _("France")


class MissingReason(models.TextChoices):
    """Why a stored value is missing: reasons of the source, then of the computations."""

    SECRET = "secret", _("withheld by the source (statistical secrecy)")
    NOT_AVAILABLE = "not_available", _("not published by the source")
    NO_MEMBERS = Missing.NO_MEMBERS.value, _("the area has no member areas")
    NO_DATA = Missing.NO_DATA.value, _("none of the member areas has a value")
    INCOMPLETE = Missing.INCOMPLETE.value, _("some member areas have no value")
    NOT_AGGREGABLE = Missing.NOT_AGGREGABLE.value, _("cannot be computed for a group of areas")
    DIVISION_BY_ZERO = Missing.DIVISION_BY_ZERO.value, _("division by zero")
    MISSING_INPUT = Missing.MISSING_INPUT.value, _("a value it is computed from is missing")
    UNDEFINED = Missing.UNDEFINED.value, _("not defined for these values")


class Indicator(models.Model):
    """An indicator of the national catalogue (``data/catalogue.json``).

    Names, descriptions and texts are English source strings, shown translated
    (``label``, ``help``…); ``load_indicator_catalogue`` keeps them up to date.
    A derived indicator has a ``formula`` (``domain/formula.py``) and is computed at every
    level, never imported. ``aggregation`` says how a base indicator known for communes is
    computed for a group of them (``domain/aggregation.py``).
    """

    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = DomainDirection.HIGHER_IS_BETTER.value, _("higher is better")
        LOWER_IS_BETTER = DomainDirection.LOWER_IS_BETTER.value, _("lower is better")
        NEUTRAL = DomainDirection.NEUTRAL.value, _("neutral")

    class Aggregation(models.TextChoices):
        SUM = AggregationKind.SUM.value, _("sum")
        RATIO_OF_SUMS = AggregationKind.RATIO_OF_SUMS.value, _("ratio of sums")
        WEIGHTED_MEAN = AggregationKind.WEIGHTED_MEAN.value, _("weighted mean")
        NOT_AGGREGABLE = AggregationKind.NOT_AGGREGABLE.value, _("not aggregable")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    precision = models.PositiveSmallIntegerField(_("decimals shown"), default=0)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices,
                                 default=Direction.NEUTRAL)
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices)
    principles = models.JSONField(_("principles"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    methodology = models.TextField(_("methodology"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    aggregation = models.CharField(_("aggregation"), max_length=20,
                                   choices=Aggregation.choices, default=Aggregation.SUM)
    numerator = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("numerator"))
    denominator = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("denominator"))
    weight = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("weight"))
    scale = models.FloatField(_("scale"), default=1.0)
    formula = models.CharField(_("formula"), max_length=1000, blank=True)
    insee_variable = models.CharField(
        _("INSEE variable"), max_length=40, blank=True,
        help_text=_("Column of the INSEE file with its vintage written {yy}: P{yy}_POP "
                    "reads P18_POP as 2018 and P13_POP as 2013."))
    minimum = models.FloatField(_("smallest valid value"), null=True, blank=True)
    maximum = models.FloatField(_("largest valid value"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.code

    @property
    def is_derived(self) -> bool:
        return bool(self.formula)

    # The catalogue's texts are English msgids of the French catalog.
    @property
    def label(self) -> str:
        return gettext(self.name)

    @property
    def help(self) -> str:
        return gettext(self.description) if self.description else ""

    @property
    def methodology_text(self) -> str:
        return gettext(self.methodology) if self.methodology else ""

    @property
    def unit_label(self) -> str:
        return gettext(self.unit) if self.unit else ""

    @property
    def source_text(self) -> str:
        return gettext(self.source) if self.source else ""

    @property
    def licence_text(self) -> str:
        return gettext(self.licence) if self.licence else ""


class Status(models.TextChoices):
    OBSERVED = "observed", _("observed")
    ESTIMATED = "estimated", _("estimated")
    TARGET = "target", _("target")


class Origin(models.TextChoices):
    IMPORTED = "imported", _("imported")
    AGGREGATED = "aggregated", _("aggregated from member areas")
    DERIVED = "derived", _("computed by formula")


class IndicatorValue(models.Model):
    """The value of one indicator for one area and period, or why it is missing.

    A missing value has ``value`` None and a ``missing`` reason: it is never zero.
    Imported values win over computed ones: the recomputation never overwrites them.
    ``coverage`` is the share of the population of the area living in member areas that
    have a value, for aggregated values (1 when complete).
    """

    # Not indexed on its own: the unique key and the (indicator, level, period) index start
    # with it, and every index costs time on the million rows of a national import. Neither
    # foreign key is a database constraint: PostgreSQL checks deferred constraints row by
    # row at commit, 25 s for a national import. Only the services write these rows (the
    # catalogue never deletes an indicator) and Django still cascades on delete. Nor is the
    # import indexed: only undo looks values up by import, and a scan serves it.
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  db_index=False, db_constraint=False)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    area_code = models.CharField(_("area code"), max_length=12)
    period = models.CharField(_("period"), max_length=12)
    value = models.FloatField(_("value"), null=True, blank=True)
    missing = models.CharField(_("why it is missing"), max_length=20, blank=True,
                               choices=MissingReason.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OBSERVED)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices,
                              default=Origin.IMPORTED)
    coverage = models.FloatField(_("coverage"), null=True, blank=True)
    data_import = models.ForeignKey("DataImport", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="values",
                                    verbose_name=_("import"), db_constraint=False,
                                    db_index=False)

    class Meta:
        # The key, ordered (indicator, level, period, area code), is also the index of
        # "one indicator at one level for one period" (a column of values): a separate
        # index on (indicator, level, period) would only cost time on every write.
        constraints = [
            models.UniqueConstraint(fields=["indicator", "level", "period", "area_code"],
                                    name="indicators_value_key"),
        ]
        indexes = [
            models.Index(fields=["level", "area_code"], name="indicators_value_area"),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.level}:{self.area_code} {self.period} = {self.value}"


class DataImport(TerritoryScopedModel):
    """A data file uploaded by a territory's staff: validated, previewed, applied, undone.

    The values it writes are national. ``report`` holds the validation report (counts, and
    problems by category with examples and their line and column).
    """

    class Kind(models.TextChoices):
        INSEE = "insee", _("INSEE Comparateur de territoires")
        LONG = "long", _("long format (area, indicator, period, value)")
        DEMO = "demo", _("demonstration values")

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        VALIDATING = "validating", _("being checked")
        PREVIEWED = "previewed", _("checked, ready to apply")
        APPLYING = "applying", _("being applied")
        APPLIED = "applied", _("applied")
        UNDONE = "undone", _("undone")
        FAILED = "failed", _("refused")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="indicators/imports/",
                            max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=State.choices,
                              default=State.UPLOADED)
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    values_created = models.PositiveIntegerField(_("values created"), default=0)
    values_updated = models.PositiveIntegerField(_("values changed"), default=0)
    values_unchanged = models.PositiveIntegerField(_("values unchanged"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")

    def __str__(self) -> str:
        return self.original_name


class ValueChange(models.Model):
    """What an applied import replaced: the value that was there before, to restore it.

    Only values that existed are recorded; a value the import created is known by its
    ``data_import`` and is deleted on undo.
    """

    data_import = models.ForeignKey(DataImport, on_delete=models.CASCADE,
                                    related_name="changes")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=12, choices=Level.choices)
    area_code = models.CharField(max_length=12)
    period = models.CharField(max_length=12)
    previous_value = models.FloatField(null=True, blank=True)
    previous_missing = models.CharField(max_length=20, blank=True)
    previous_status = models.CharField(max_length=10, blank=True)
    previous_origin = models.CharField(max_length=10, blank=True)
    previous_coverage = models.FloatField(null=True, blank=True)
    previous_import = models.ForeignKey(DataImport, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")

    class Meta:
        verbose_name = _("value change")
        verbose_name_plural = _("value changes")
