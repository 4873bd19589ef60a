"""Prioritisation votes: majority judgment or approval voting, with secret ballots.

Secrecy is a property of the tables: ``Participation`` records *that* a person voted (one
row per vote and person, a database constraint forbids a second), ``Ballot`` records *what*
was voted, with a random UUID as key, no link to any person and no time at all, so that no
column joins a ballot to its voter. Both are written in one transaction
(``services.ballot_cast``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.models import TerritoryScopedModel
from territoria.voting.domain.scales import SCALES


class Vote(TerritoryScopedModel):
    """A vote put to the territory: options graded (majority judgment) or approved.

    Its status follows from its dates once the team has published it: a draft is being
    prepared, then it is upcoming, open between ``opens_at`` and ``closes_at``, and closed
    after — or earlier, when the team closes it (``closed_at``).
    """

    class Method(models.TextChoices):
        MAJORITY_JUDGMENT = "majority_judgment", _("majority judgment")
        APPROVAL = "approval", _("approval voting")

    class ResultsVisible(models.TextChoices):
        AFTER_CLOSE = "after_close", _("once the vote is closed")
        LIVE = "live", _("while the vote is open")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UPCOMING = "upcoming", _("upcoming")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices,
                              default=Method.MAJORITY_JUDGMENT)
    scale = models.CharField(_("grade scale"), max_length=20, default="platform",
                             choices=[(key, key) for key in SCALES])
    opens_at = models.DateTimeField(_("opens on"))
    closes_at = models.DateTimeField(_("closes on"))
    requires_verification = models.BooleanField(_("verified residents only"), default=False)
    results_visible = models.CharField(_("results visible"), max_length=12,
                                       choices=ResultsVisible.choices,
                                       default=ResultsVisible.AFTER_CLOSE)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                              name="voting_closes_after_opening")]

    def __str__(self) -> str:
        return self.title

    def status_at(self, now) -> str:
        if self.published_at is None:
            return self.Status.DRAFT
        if self.closed_at is not None or now >= self.closes_at:
            return self.Status.CLOSED
        if now < self.opens_at:
            return self.Status.UPCOMING
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def ended_at(self):
        """When it closed: the early close, or the planned date."""
        return self.closed_at or self.closes_at

    @property
    def grade_scale(self):
        return SCALES[self.scale]


class Option(models.Model):
    """What voters grade or approve. ``subject_key`` is the caller's opaque link to its own
    object (``"strategy.orientation:12"``); the voting app never reads it."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    subject_key = models.CharField(max_length=100, blank=True, db_index=True)

    class Meta:
        ordering = ["vote", "position"]
        constraints = [models.UniqueConstraint(fields=["vote", "position"],
                                               name="voting_one_option_per_position")]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """That ``user`` voted in ``vote`` (and when): never what they voted."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="vote_participations")
    voted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "user"],
                                               name="voting_one_participation_per_user")]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")


class Ballot(models.Model):
    """A secret ballot: a random key, its vote, nothing about its voter and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")


class BallotGrade(models.Model):
    """The grade a ballot gives an option (majority judgment: 0 the worst grade of the
    scale; approval: 1 approved, 0 not). Its key is the pair (ballot, option): an
    auto-increment id would number grades in the order they were cast, the order of the
    participations."""

    pk = models.CompositePrimaryKey("ballot", "option")
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="grades")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="grades")
    grade = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"],
                                               name="voting_one_grade_per_option")]
        indexes = [models.Index(fields=["option", "grade"])]
