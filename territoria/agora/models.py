"""Agorapolis: consultations and their phases, proposals, supports, official answers,
attachments, co-authors, debates and their arguments, "understand" pages, events and
registrations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.agora.domain.lifecycle import Status as LifecycleStatus
from territoria.agora.domain.phases import Action, PhaseWindow
from territoria.core.axes import Axis
from territoria.core.models import TerritoryScopedModel
from territoria.core.storage import private_storage
from territoria.geo.models import Commune


class Consultation(TerritoryScopedModel):
    """A question put to the territory, run through dated phases.

    ``support_limit``: how many proposals one person may support in the consultation (0: no
    limit). ``answer_threshold``: the supports from which a proposal obliges the team to
    publish an official answer (0: none).
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False,
                                       help_text=_("Visible to everyone; a consultation in "
                                                   "preparation is seen by the team only."))
    support_limit = models.PositiveIntegerField(_("supports per person"), default=0)
    answer_threshold = models.PositiveIntegerField(_("supports that oblige an answer"),
                                                   default=0)
    requires_verification = models.BooleanField(
        _("verified residents only"), default=False,
        help_text=_("Only residents whose residence the team has verified may support."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def phase_windows(self) -> list[PhaseWindow]:
        """The phases as the rules read them, read once per consultation object."""
        cached = self.__dict__.get("_phase_windows")
        if cached is None:
            cached = [p.window() for p in self.phases.all()]
            self.__dict__["_phase_windows"] = cached
        return cached

    def forget_phases(self) -> None:
        self.__dict__.pop("_phase_windows", None)
        self.__dict__.get("_prefetched_objects_cache", {}).pop("phases", None)


class Phase(models.Model):
    """A dated step of a consultation and the actions it opens."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        CONTRIBUTIONS = "contributions", _("Contributions")
        DELIBERATION = "deliberation", _("Deliberation")
        VOTE = "vote", _("Vote")
        FEEDBACK = "feedback", _("Feedback")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="phases")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120, blank=True,
                             help_text=_("Leave empty to use the kind's name."))
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    allows_submit = models.BooleanField(_("proposals may be submitted"), default=False)
    allows_comment = models.BooleanField(_("comments and arguments are open"), default=False)
    allows_support = models.BooleanField(_("proposals may be supported"), default=False)
    allows_vote = models.BooleanField(_("votes are open"), default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="agora_phase_ends_after_start")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def territory(self):
        return self.consultation.territory

    def window(self) -> PhaseWindow:
        actions = {Action.SUBMIT: self.allows_submit, Action.COMMENT: self.allows_comment,
                   Action.SUPPORT: self.allows_support, Action.VOTE: self.allows_vote}
        return PhaseWindow(self.pk, self.starts_at, self.ends_at,
                           frozenset(a for a, on in actions.items() if on))

    def is_running(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now()) < self.ends_at


class Proposal(TerritoryScopedModel):
    """A proposal of a resident or an actor in a consultation.

    ``support_count`` is kept by the support services with F() updates in the transaction
    that adds or removes a support, so that lists sort on it without counting.
    ``project_id`` will point to the project that carries an accepted proposal once the
    projects app exists (a plain nullable id until then).
    """

    class Status(models.TextChoices):
        DRAFT = LifecycleStatus.DRAFT.value, _("draft")
        PUBLISHED = LifecycleStatus.PUBLISHED.value, _("published")
        EVALUATING = LifecycleStatus.EVALUATING.value, _("under evaluation")
        ACCEPTED = LifecycleStatus.ACCEPTED.value, _("accepted")
        REJECTED = LifecycleStatus.REJECTED.value, _("rejected")
        WITHDRAWN = LifecycleStatus.WITHDRAWN.value, _("withdrawn")
        IMPLEMENTED = LifecycleStatus.IMPLEMENTED.value, _("implemented")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="proposals")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("description"), max_length=6000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="agora_proposals")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=LifecycleStatus.DRAFT.value)
    axis = models.CharField(_("axis of life"), max_length=20, choices=Axis.choices,
                            blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("commune"))
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="merged", verbose_name=_("merged into"))
    project_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Moderation hid it (reports over the threshold, or the team): out of lists, exports
    # and search; its authors and the team still read it, marked.
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    # The consensus statement of an opinion map it was made from (one proposal at most).
    from_statement = models.OneToOneField("opinion.Statement", on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="proposal",
                                          verbose_name=_("from the statement"))
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["support_count"])

    class Meta:
        ordering = ["-support_count", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            # The public list: one consultation, public statuses, most supported first,
            # optionally one axis. Read in index order, 20 rows at a time.
            models.Index(fields=["consultation", "status", "-support_count", "-id"],
                         name="agora_proposal_by_support"),
            models.Index(fields=["consultation", "axis", "status", "-support_count", "-id"],
                         name="agora_proposal_axis_support"),
            models.Index(fields=["consultation", "-published_at"],
                         name="agora_proposal_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != LifecycleStatus.DRAFT

    @property
    def is_supportable(self) -> bool:
        return self.status in {LifecycleStatus.PUBLISHED, LifecycleStatus.EVALUATING} and (
            self.merged_into_id is None)


class Coauthor(models.Model):
    """A person the author invited to sign the proposal; a co-author once they accept."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="coauthors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="agora_coauthorships")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="agora_one_coauthorship")]


class Support(models.Model):
    """One person's support of one proposal. The database refuses a second one."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="agora_supports")
    # Denormalised so that the per-person limit counts one index range.
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="agora_one_support_per_user")]
        indexes = [models.Index(fields=["consultation", "user"],
                                name="agora_support_by_person")]


class OfficialAnswer(models.Model):
    """The team's answer to a proposal, public from ``publish_at`` on (hidden before)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE,
                                    related_name="answer")
    text = models.TextField(_("answer"), max_length=8000)
    estimated_cost = models.DecimalField(_("estimated cost (€)"), max_digits=14,
                                         decimal_places=2, null=True, blank=True)
    publish_at = models.DateTimeField(_("published on"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    @property
    def is_published(self) -> bool:
        return self.publish_at <= timezone.now()


def attachment_path(instance, filename: str) -> str:
    return f"agora/{instance.proposal.territory_id}/{instance.proposal_id}/{filename}"


class Attachment(models.Model):
    """An image or a PDF joined to a proposal, kept in the private storage and served by a
    view that checks who may read the proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path,
                            max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Debate(TerritoryScopedModel):
    """A question with arguments for and against, closed by the team with a conclusion."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="debates")
    question = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=6000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True, max_length=8000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("debate")
        verbose_name_plural = _("debates")

    def __str__(self) -> str:
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Argument(models.Model):
    class Side(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="arguments")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    text = models.TextField(_("argument"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="agora_arguments")
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class UnderstandPage(TerritoryScopedModel):
    """An editorial page that explains a local mechanism; its body is the small markup of
    ``domain/markup.py`` and may embed live indicator charts."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"), max_length=40000)
    axis = models.CharField(_("axis of life"), max_length=20, choices=Axis.choices,
                            blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("“understand” page")
        verbose_name_plural = _("“understand” pages")
        constraints = [models.UniqueConstraint(fields=["territory", "slug"],
                                               name="agora_one_page_per_slug")]

    def __str__(self) -> str:
        return self.title


class Event(TerritoryScopedModel):
    """A meeting or a workshop, in person or online, with optional registration."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")

    consultation = models.ForeignKey(Consultation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="events",
                                     verbose_name=_("consultation"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=6000)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices,
                              default=Format.IN_PERSON)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting address"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Leave empty for no limit."))
    registration_open = models.BooleanField(_("registration open"), default=True)
    agenda = models.TextField(_("agenda"), blank=True, max_length=6000)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="agora_event_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="agora_registrations")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"],
                                               name="agora_one_registration")]
