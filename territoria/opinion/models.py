"""Opinion maps: conversations, their statements, participants, votes and computed maps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.axes import Axis
from territoria.core.models import TerritoryScopedModel


class Conversation(TerritoryScopedModel):
    """A question put to the territory, on which people vote statement by statement.

    ``recompute_queued`` / ``recompute_requested_at`` debounce the recomputation of the map:
    a vote sets the flag with a conditional UPDATE and only the vote that flips it queues a
    task; the task clears it before reading the votes, so a vote cast during a computation
    queues the next one. A flag older than ``services.RECOMPUTE_STALE`` is taken as lost.
    """

    class Participation(models.TextChoices):
        LOGGED_IN = "logged_in", _("people with an account only")
        ANONYMOUS = "anonymous", _("anyone, without an account")

    class Moderation(models.TextChoices):
        BEFORE = "before", _("before publication")
        AFTER = "after", _("after publication")

    title = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    axis = models.CharField(_("axis of life"), max_length=20, choices=Axis.choices, blank=True)
    consultation = models.ForeignKey("agora.Consultation", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="conversations",
                                     verbose_name=_("consultation"))
    is_open = models.BooleanField(_("open to votes"), default=True)
    participation = models.CharField(_("who may take part"), max_length=10,
                                     choices=Participation.choices,
                                     default=Participation.LOGGED_IN)
    moderation = models.CharField(_("moderation of new statements"), max_length=10,
                                  choices=Moderation.choices, default=Moderation.AFTER)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    recompute_queued = models.BooleanField(default=False)
    recompute_requested_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["recompute_queued", "recompute_requested_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title

    @property
    def allows_anonymous(self) -> bool:
        return self.participation == self.Participation.ANONYMOUS


class Statement(models.Model):
    """A statement people vote on: agree, disagree or pass.

    Plain text: templates escape it, so hostile HTML shows as typed. ``normalised`` (case,
    accents and spaces folded) refuses a duplicate within a conversation.
    """

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        PENDING = "pending", _("awaiting moderation")
        REJECTED = "rejected", _("moderated out")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="statements")
    text = models.TextField(_("statement"), max_length=1000)
    normalised = models.CharField(max_length=1000, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="opinion_statements")
    # Who wrote it as a participant (an account or an anonymous browser session): what the
    # hourly limit on submissions counts.
    participant = models.ForeignKey("Participant", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="statements")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PUBLISHED)
    is_seed = models.BooleanField(_("seed statement"), default=False)
    is_meta = models.BooleanField(_("about the conversation itself"), default=False)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [models.UniqueConstraint(fields=["conversation", "normalised"],
                                               name="one_statement_per_text")]

    def __str__(self) -> str:
        return self.text

    @property
    def territory(self):
        return self.conversation.territory


class Participant(models.Model):
    """One person in one conversation: an account, an anonymous browser session, or a
    pseudonymous participant of an imported conversation (``external_id``)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="participants")
    # A deleted account leaves its votes in the map, anonymised (SET_NULL).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="opinion_participations")
    session_key = models.CharField(max_length=64, blank=True)
    external_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"],
                                    condition=models.Q(user__isnull=False),
                                    name="one_participant_per_user"),
            models.UniqueConstraint(fields=["conversation", "session_key"],
                                    condition=~models.Q(session_key=""),
                                    name="one_participant_per_session"),
            models.UniqueConstraint(fields=["conversation", "external_id"],
                                    condition=~models.Q(external_id=""),
                                    name="one_participant_per_external_id"),
        ]


class Vote(models.Model):
    """A participant's vote on a statement; voting again replaces it (last vote counts)."""

    class Value(models.IntegerChoices):
        AGREE = 1, _("Agree")
        DISAGREE = -1, _("Disagree")
        PASS = 0, _("Pass")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=Value.choices)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "statement"],
                                               name="one_vote_per_participant_and_statement")]
        indexes = [models.Index(fields=["statement", "value"])]


class OpinionResult(models.Model):
    """The latest opinion map of a conversation (one row per conversation).

    ``data`` is the map as the pages read it and ``state`` what the next computation needs
    to keep groups and axes stable (both plain JSON, see ``serialise.py``). A failed
    computation keeps the last good map and records ``error`` for staff.
    """

    class Status(models.TextChoices):
        OK = "ok", _("computed")
        TOO_FEW = "too_few", _("not enough votes to form groups")
        FAILED = "failed", _("the last computation failed")

    conversation = models.OneToOneField(Conversation, on_delete=models.CASCADE,
                                        related_name="result")
    status = models.CharField(max_length=10, choices=Status.choices)
    error = models.TextField(blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    state = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
