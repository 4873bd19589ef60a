"""Following objects, the notifications they bring, and each person's e-mail choice.

A target (a diagnostic item, an opinion map, later a consultation or a proposal) is named
by its registry key and id (``registry.register_target``) rather than by a content type:
stable across apps' renames, and the key is what the registry maps to a title and a URL.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel


class Follow(TerritoryScopedModel):
    """A person follows an object: its news come to them as notifications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")
    target_kind = models.CharField(max_length=60)
    target_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "target_kind", "target_id"],
                                               name="one_follow_per_user_and_target")]
        indexes = [models.Index(fields=["target_kind", "target_id"])]


class Notification(TerritoryScopedModel):
    """Something happened to an object a person follows (or to their own contribution).

    Coalesced: while a notification is neither read nor e-mailed, the next events of the
    same verb on the same target add to its ``count`` ("3 new statements in …") instead of
    making new rows. The target's title and address are kept as they were, so that the
    list reads without joining every app's tables and survives the target's deletion.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    target_kind = models.CharField(max_length=60)
    target_id = models.BigIntegerField()
    target_title = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    verb = models.CharField(max_length=60)
    count = models.PositiveIntegerField(default=1)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["target_kind", "target_id", "verb"]),
            # The digest's selection: what is neither read nor e-mailed yet.
            models.Index(fields=["emailed_at", "read_at"]),
        ]


class Preference(models.Model):
    """How a person wants to hear of their notifications by e-mail (none, at once, or a
    daily digest), in which language; the state of their immediate e-mails' rate limit."""

    class Email(models.TextChoices):
        NONE = "none", _("No e-mail: I read them on the site")
        IMMEDIATE = "immediate", _("An e-mail as they come (at most one every 15 minutes)")
        DAILY = "daily", _("A daily digest")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email = models.CharField(_("e-mails"), max_length=10, choices=Email.choices,
                             default=Email.DAILY)
    language = models.CharField(max_length=10, blank=True)
    last_emailed_at = models.DateTimeField(null=True, blank=True)
    email_queued = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
