"""The French administrative referential: régions, départements, EPCI and communes.

It is shared by every territory (not tenant data) and loaded from a compact file derived
from Etalab's ``@etalab/decoupage-administratif`` package (see ``geo/data/SOURCE.md``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WITHDRAWN_HELP = _("No longer in the referential, kept because something still refers to it.")


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)
    chief_town_code = models.CharField(_("chief town (INSEE code)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=8)
    withdrawn = models.BooleanField(_("withdrawn"), default=False, help_text=WITHDRAWN_HELP)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    chief_town_code = models.CharField(_("chief town (INSEE code)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=8)
    withdrawn = models.BooleanField(_("withdrawn"), default=False, help_text=WITHDRAWN_HELP)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    """An établissement public de coopération intercommunale à fiscalité propre."""

    class Kind(models.TextChoices):
        CC = "CC", _("communauté de communes")
        CA = "CA", _("communauté d'agglomération")
        CU = "CU", _("communauté urbaine")
        METRO = "METRO", _("métropole")
        MET69 = "MET69", _("Métropole de Lyon")

    siren = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Not indexed: a search matches the start of any word of the name (LIKE '% word%'),
    # which no B-tree index serves; scanning the names takes a few milliseconds.
    search_name = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    financing = models.CharField(_("tax regime"), max_length=8, blank=True)
    population = models.PositiveIntegerField(_("municipal population"), null=True, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False, help_text=WITHDRAWN_HELP)

    class Meta:
        ordering = ["name"]
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune of the Code officiel géographique.

    Current communes, associated and delegated communes (which keep their own INSEE code,
    sometimes the same as their chief town's) and municipal arrondissements (Paris, Lyon,
    Marseille) are kept distinct by ``kind``. Only current communes have a SIREN and an EPCI;
    current communes and arrondissements have a population and postal codes.
    """

    class Kind(models.TextChoices):
        CURRENT = "current", _("commune")
        ASSOCIATED = "associated", _("associated commune")
        DELEGATED = "delegated", _("delegated commune")
        ARRONDISSEMENT = "arrondissement", _("municipal arrondissement")

    # Looked up through the (insee_code, kind) unique index, which starts with it.
    insee_code = models.CharField(_("INSEE code"), max_length=5)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CURRENT)
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False)  # see Epci.search_name
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="communes", null=True, blank=True
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="communes", null=True, blank=True
    )
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, related_name="communes", null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
        help_text=_("The current commune an associated or delegated commune or an "
                    "arrondissement belongs to."),
    )
    population = models.PositiveIntegerField(_("municipal population"), null=True, blank=True)
    postal_codes = models.CharField(_("postal codes"), max_length=200, blank=True)
    former_codes = models.CharField(_("former INSEE codes"), max_length=400, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False, help_text=WITHDRAWN_HELP)

    class Meta:
        ordering = ["name", "insee_code"]
        constraints = [
            models.UniqueConstraint(fields=["insee_code", "kind"], name="geo_commune_code_kind"),
        ]
        # A plain index: SIREN lookups are exact (db_index would add a LIKE index on PostgreSQL).
        indexes = [models.Index(fields=["siren"], name="geo_commune_siren")]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.name} ({self.insee_code})"


class ReferentialVersion(models.Model):
    """One load of the referential file: which file (by checksum), from which source, when.

    The latest row is the referential currently in the database; loading a file whose
    checksum equals the latest one is skipped.
    """

    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    source = models.CharField(_("source"), max_length=200)
    format_version = models.PositiveSmallIntegerField(_("format version"))
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)
    counts = models.JSONField(_("records in the file"), default=dict)
    changes = models.JSONField(_("changes made by the load"), default=dict)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        get_latest_by = ["loaded_at", "id"]
        verbose_name = _("referential version")
        verbose_name_plural = _("referential versions")

    def __str__(self) -> str:
        return f"{self.source} ({self.checksum[:12]})"
