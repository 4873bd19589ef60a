"""The governance of the territory's project: its bodies and their members, their meetings
(agenda, attendance, minutes), and the decisions they take — public and immutable once
published, unless marked confidential for a stated reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel


class Body(TerritoryScopedModel):
    class Kind(models.TextChoices):
        GOVERNANCE = "governance", _("governance committee")
        STEERING = "steering", _("steering committee")
        PMO = "pmo", _("PMO")
        PROJECT_TEAM = "project_team", _("project team")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("role"), blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("chair"))
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="teams",
                                verbose_name=_("project (for a project team)"))
    created_at = models.DateTimeField(auto_now_add=True)

    Kind = Kind

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"],
                                               name="one_body_name_per_territory")]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="body_memberships")
    quality = models.CharField(_("quality"), max_length=200, blank=True,
                               help_text=_("Their function, e.g. deputy mayor for town "
                                           "planning."))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["body", "user"],
                                               name="one_membership_per_body")]


class Meeting(TerritoryScopedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published on"), null=True,
                                                blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")

    Status = Status

    class Meta:
        ordering = ["-starts_at", "pk"]


class AgendaEntry(models.Model):
    """An item of a meeting's agenda: proposed by the platform (``source``: what put it
    forward, e.g. "projects.late") and kept by the secretary, or written by hand."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=300)
    reason = models.TextField(_("why"), blank=True)
    source = models.CharField(max_length=40, blank=True)
    project = models.ForeignKey("projects.Project", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["order", "pk"]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="one_attendance_per_person")]


class Decision(TerritoryScopedModel):
    """A decision of a body. Drafted, then published; once published it never changes — a
    correction is a new decision that amends it. Public unless confidential, which needs a
    reason (the public then reads that a decision was taken, when, and why it is not told)."""

    class Kind(models.TextChoices):
        ARBITRATION = "arbitration", _("arbitration")
        REFRAMING = "reframing", _("re-framing")
        GO_NO_GO = "go_no_go", _("go / no-go")
        BUDGET = "budget", _("budget change")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions",
                             verbose_name=_("body"))
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="decisions", verbose_name=_("meeting"))
    agenda_entry = models.ForeignKey(AgendaEntry, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("decision"))
    decided_on = models.DateField(_("decided on"))
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="decisions",
                                      verbose_name=_("projects concerned"))
    stage_to = models.CharField(_("moves the project to"), max_length=12, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    confidential_reason = models.CharField(_("why it is confidential"), max_length=300,
                                           blank=True)
    amends = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="amended_by", verbose_name=_("amends"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    Kind = Kind
    Status = Status

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["territory", "status", "decided_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
