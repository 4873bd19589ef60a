"""Framing a project (versions, sign-off, mission letter) and reporting on it (campaigns the
PMO opens, the status each project's lead reports, the reminders sent)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import Job, TerritoryScopedModel
from territoria.core.storage import private_storage

from .project import Project


class Framing(models.Model):
    """One version of a project's framing. A draft changes; submitted, it waits for the
    committee's sign-off; signed, it never changes and gives the mission letter. A
    re-framing starts a new draft version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for sign-off")
        SIGNED = "signed", _("signed off")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="framings")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    context = models.TextField(_("context"))
    objectives = models.TextField(_("objectives"))
    scope_in = models.TextField(_("in scope"), blank=True)
    scope_out = models.TextField(_("out of scope"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    team = models.TextField(_("team"), blank=True,
                            help_text=_("Who does what: roles and people."))
    budget_envelope = models.DecimalField(_("budget envelope (€)"), max_digits=14,
                                          decimal_places=2, null=True, blank=True)
    start_on = models.DateField(_("start"), null=True, blank=True)
    end_on = models.DateField(_("end"), null=True, blank=True)
    success_indicators = models.TextField(_("indicators of success"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_quality = models.CharField(_("signatory's quality"), max_length=200, blank=True,
                                         help_text=_("e.g. chair of the steering committee."))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    letter = models.FileField(_("mission letter (PDF)"), upload_to="projects/letters/",
                              blank=True, storage=private_storage)
    letter_job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    Status = Status

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["project", "version"],
                                               name="one_framing_version_number")]


class Campaign(TerritoryScopedModel):
    """A reporting campaign (e.g. monthly): the projects concerned report their status."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("reports due on"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    projects = models.ManyToManyField(Project, related_name="campaigns",
                                      verbose_name=_("projects concerned"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    Status = Status

    class Meta:
        ordering = ["-period_end", "-pk"]


class Report(models.Model):
    class Health(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        LATE = "late", _("late")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=8, choices=Health.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    highlights = models.TextField(_("highlights"), blank=True)
    issues = models.TextField(_("issues"), blank=True)
    needs_decision = models.BooleanField(_("a decision is needed"), default=False)
    decision_needed = models.TextField(_("which decision"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    Health = Health

    class Meta:
        ordering = ["-campaign__period_end", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "project"],
                                               name="one_report_per_campaign")]
        indexes = [models.Index(fields=["project", "campaign"])]


class ReminderSent(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "project", "sent_on"],
                                               name="one_reminder_a_day")]
