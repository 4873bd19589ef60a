"""A project of the territory's portfolio, its community, and the log of its stages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel


class Stage(models.TextChoices):
    IDEA = "idea", _("idea")
    FRAMING = "framing", _("framing")
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    CLOSED = "closed", _("closed")
    ABANDONED = "abandoned", _("abandoned")


class Project(TerritoryScopedModel):
    """A project carried by a local actor and led by a project lead, serving ambitions of the
    strategy. It may come from an accepted proposal of the Agorapolis (``proposal``)."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    # The ambitions it serves: an ambition row of one version of an orientation; its
    # ``lineage`` finds the same ambition in later revisions.
    ambitions = models.ManyToManyField("strategy.Ambition", blank=True, related_name="projects",
                                       verbose_name=_("ambitions served"))
    carrier = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="projects", verbose_name=_("carrying organisation"))
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+", verbose_name=_("project lead"))
    communes = models.ManyToManyField("geo.Commune", blank=True, related_name="+",
                                      verbose_name=_("communes"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices,
                             default=Stage.IDEA)
    stage_changed_at = models.DateTimeField(_("stage changed at"), null=True, blank=True)
    proposal = models.ForeignKey("agora.Proposal", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+",
                                 verbose_name=_("proposal it comes from"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    Stage = Stage

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["territory", "stage"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:project-detail",
                       kwargs={"territory_slug": self.territory.slug, "pk": self.pk})


class ProjectMember(models.Model):
    """A person of the project's community: its lead, a contributor, or a follower. A resident
    asks to join (``requested``); the lead or the PMO accepts."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        CONTRIBUTOR = "contributor", _("contributor")
        FOLLOWER = "follower", _("follower")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        ACTIVE = "active", _("member")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="project_memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices,
                            default=Role.CONTRIBUTOR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"],
                                               name="project_member_unique")]


class StageMove(models.Model):
    """One move of a project between stages, dated, with who made it and why. Never edited."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("move forward")
        REFRAMING = "reframing", _("re-framing")
        ARBITRATION = "arbitration", _("arbitration")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_moves")
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ADVANCE)
    reason = models.TextField(_("reason"))
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, related_name="+")
    moved_at = models.DateTimeField()

    class Meta:
        ordering = ["moved_at", "pk"]
