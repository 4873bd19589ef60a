"""A project's plan: tasks and milestones, their finish-to-start dependencies, the dates the
critical path method gives them, and the baseline the plan is measured against."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .project import Project


class Plan(models.Model):
    """A project's plan: the day it starts, and when its baseline was set."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="plan")
    start = models.DateField(_("start of the plan"))
    finish = models.DateField(_("planned finish"), null=True, blank=True)
    baseline_set_at = models.DateTimeField(_("baseline set on"), null=True, blank=True)
    baseline_set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    baseline_finish = models.DateField(_("baseline finish"), null=True, blank=True)


class Task(models.Model):
    """A task (with a duration in calendar days) or a milestone (no duration). ``start`` and
    ``finish`` are the earliest dates the plan allows (``finish`` is the task's last day),
    kept by ``plan_recompute``; ``baseline_*`` are the dates when the baseline was set."""

    class Kind(models.TextChoices):
        TASK = "task", _("task")
        MILESTONE = "milestone", _("milestone")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TASK)
    duration = models.PositiveIntegerField(_("duration (days)"), default=1)
    not_before = models.DateField(_("not before"), null=True, blank=True,
                                  help_text=_("The task cannot start before this day."))
    owner = models.CharField(_("who does it"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done = models.BooleanField(_("done"), default=False)
    start = models.DateField(_("start"), null=True, blank=True)
    finish = models.DateField(_("finish"), null=True, blank=True)
    float_days = models.IntegerField(_("float (days)"), null=True, blank=True)
    is_critical = models.BooleanField(_("on the critical path"), default=False)
    baseline_start = models.DateField(_("baseline start"), null=True, blank=True)
    baseline_finish = models.DateField(_("baseline finish"), null=True, blank=True)

    Kind = Kind

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["project", "kind", "finish"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_milestone(self) -> bool:
        return self.kind == self.Kind.MILESTONE


class Dependency(models.Model):
    """``after`` starts once ``before`` is finished, ``lag`` days later (finish-to-start)."""

    before = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="successor_links")
    after = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="predecessor_links")
    lag = models.IntegerField(_("lag (days)"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["before", "after"],
                                               name="one_dependency_per_pair")]
