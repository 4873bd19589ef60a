"""Tenancy: a territory is the workspace of one local authority's development project."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.geo.models import Commune, Epci

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class Territory(models.Model):
    """A local authority's workspace, anchored to a commune, an EPCI or a custom perimeter.

    ``communes`` always holds the perimeter (the anchor's communes, or the custom list), so
    that every later aggregation reads one relation whatever the kind of anchor.
    """

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune")
        EPCI = "epci", _("intercommunality (EPCI)")
        CUSTOM = "custom", _("custom perimeter (pays, PETR…)")

    slug = models.SlugField(_("slug"), max_length=60, unique=True,
                            help_text=_("Used in the territory's addresses: /t/<slug>/."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("commune"))
    epci = models.ForeignKey(Epci, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="territories", verbose_name=_("EPCI"))
    communes = models.ManyToManyField(Commune, related_name="territories",
                                      verbose_name=_("communes of the perimeter"), blank=True)
    description = models.TextField(_("presentation"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    main_colour = models.CharField(_("main colour"), max_length=7, default="#1f5f8b",
                                   validators=[hex_colour])
    is_public = models.BooleanField(_("public"), default=True,
                                    help_text=_("Readable by anyone without an account."))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:territory-home", kwargs={"territory_slug": self.slug})


class TerritoryScopedModel(models.Model):
    """Base of every model that belongs to one territory: selectors filter on it."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Job(models.Model):
    """Progress of a piece of background work, shown to the user who started it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="jobs")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="jobs")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}
