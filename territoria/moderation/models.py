"""Moderation: reports on content, the state of reported content, blocks, and the log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.models import TerritoryScopedModel
from territoria.moderation.domain import rules
from territoria.moderation.domain.rules import DEFAULT_THRESHOLD, THRESHOLD_RANGE


class Reason(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    OFFENSIVE = "offensive", _("offensive")
    OFF_TOPIC = "off_topic", _("off-topic")


class ModerationSettings(TerritoryScopedModel):
    """A territory's moderation settings (one row per territory, created when changed)."""

    report_threshold = models.PositiveSmallIntegerField(
        _("reports before content is hidden"), default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(THRESHOLD_RANGE[0]), MaxValueValidator(THRESHOLD_RANGE[1])],
        help_text=_("Content is hidden pending review once this many people have reported it."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["territory"],
                                               name="one_moderation_settings_per_territory")]
        verbose_name = _("moderation settings")
        verbose_name_plural = _("moderation settings")


class ModeratedContent(TerritoryScopedModel):
    """A piece of content (any registered object) once it has been reported or moderated."""

    class Status(models.TextChoices):
        REPORTED = rules.State.REPORTED.value, _("reported, still shown")
        PENDING = rules.State.PENDING.value, _("hidden pending review")
        RESTORED = rules.State.RESTORED.value, _("restored by the moderators")
        HIDDEN = rules.State.HIDDEN.value, _("hidden by the moderators")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    # Who wrote it, kept so that the team can block them from the queue.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.REPORTED)
    hidden_reason = models.CharField(_("reason given publicly"), max_length=10,
                                     choices=Reason.choices, blank=True)
    first_reported_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_reported_at", "pk"]
        verbose_name = _("moderated content")
        verbose_name_plural = _("moderated content")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"],
                                               name="one_moderation_state_per_object")]
        indexes = [models.Index(fields=["territory", "status", "first_reported_at"])]

    @property
    def is_hidden(self) -> bool:
        return rules.is_hidden(self.status)


class Report(TerritoryScopedModel):
    """One person's report of one piece of content. One report per person and content."""

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting review")
        DISMISSED = "dismissed", _("dismissed")
        UPHELD = "upheld", _("upheld")

    content = models.ForeignKey(ModeratedContent, on_delete=models.CASCADE,
                                related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="moderation_reports")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["content", "reporter"],
                                               name="one_report_per_person_and_content")]


class Block(TerritoryScopedModel):
    """A person blocked in a territory: no comment, no report, no contribution there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="moderation_blocks")
    reason = models.TextField(_("reason"), max_length=1000)
    ends_at = models.DateTimeField(_("end of the block"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        indexes = [models.Index(fields=["territory", "user"])]

    def is_active(self, now=None) -> bool:
        return rules.block_is_active(now=now or timezone.now(), ends_at=self.ends_at,
                                     lifted_at=self.lifted_at)


class ModerationAction(TerritoryScopedModel):
    """The log: every act of moderation, who did it, on what, when and why."""

    class Kind(models.TextChoices):
        AUTO_HIDE = "auto_hide", _("hidden pending review after reports")
        RESTORE = "restore", _("restored, reports dismissed")
        HIDE = "hide", _("hidden for good")
        BLOCK = "block", _("person blocked")
        UNBLOCK = "unblock", _("block lifted")
        THRESHOLD = "threshold", _("threshold changed")

    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    # None when the platform acted by itself (hiding at the threshold).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    content = models.ForeignKey(ModeratedContent, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="actions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    # What the content was, in a line, when the act took place.
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    # Why: a reason of the list (hiding), the number of reports (automatic hiding), and
    # the team's own words (a note, the reason of a block), kept as typed.
    reason_code = models.CharField(_("reason"), max_length=10, choices=Reason.choices,
                                   blank=True)
    reports = models.PositiveIntegerField(_("reports"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation act")
        verbose_name_plural = _("moderation log")
        indexes = [models.Index(fields=["territory", "-created_at"])]
