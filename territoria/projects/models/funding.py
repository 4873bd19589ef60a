"""A project's money and risks: budget lines planned and actual per year, its financing plan
by co-financer, its applications to calls for projects (with the deadline alerts sent), and
its risk register."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .project import Project

MONEY = {"max_digits": 14, "decimal_places": 2}


class BudgetLine(models.Model):
    class Nature(models.TextChoices):
        INVESTMENT = "investment", _("investment")
        OPERATING = "operating", _("operating")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    nature = models.CharField(_("nature"), max_length=10, choices=Nature.choices)
    label = models.CharField(_("line"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(_("planned (€)"), **MONEY)
    actual = models.DecimalField(_("spent (€)"), default=0, **MONEY)

    Nature = Nature

    class Meta:
        ordering = ["year", "nature", "pk"]


class FinancingShare(models.Model):
    class Funder(models.TextChoices):
        STATE = "state", _("State")
        REGION = "region", _("Région")
        DEPARTMENT = "department", _("Département")
        EU = "eu", _("European Union")
        LOCAL = "local", _("municipality or intercommunality")
        PRIVATE = "private", _("private")
        OWN = "own", _("own funds")

    class Status(models.TextChoices):
        SECURED = "secured", _("secured")
        EXPECTED = "expected", _("expected")

    PUBLIC = (Funder.STATE, Funder.REGION, Funder.DEPARTMENT, Funder.EU, Funder.LOCAL)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="financing")
    funder_kind = models.CharField(_("co-financer"), max_length=10, choices=Funder.choices)
    funder_name = models.CharField(_("name"), max_length=200, blank=True,
                                   help_text=_("e.g. DETR 2027, Fonds vert, LEADER."))
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.EXPECTED)

    Funder = Funder
    Status = Status

    class Meta:
        ordering = ["funder_kind", "pk"]


class FundingApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        SUBMITTED = "submitted", _("submitted")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    project = models.ForeignKey(Project, on_delete=models.CASCADE,
                                related_name="funding_applications")
    funder = models.CharField(_("funder"), max_length=200)
    programme = models.CharField(_("programme or call for projects"), max_length=200)
    deadline = models.DateField(_("deadline"))
    requested = models.DecimalField(_("requested (€)"), **MONEY)
    granted = models.DecimalField(_("granted (€)"), null=True, blank=True, **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)

    Status = Status

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]


class FundingAlert(models.Model):
    """An alert sent before an application's deadline: once per application and threshold."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE,
                                    related_name="alerts")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "days_before"],
                                               name="one_alert_per_threshold")]


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        MITIGATED = "mitigated", _("mitigated")
        OCCURRED = "occurred", _("occurred")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    probability = models.PositiveSmallIntegerField(_("probability (1–4)"))
    impact = models.PositiveSmallIntegerField(_("impact (1–4)"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    mitigation = models.TextField(_("mitigation"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    review_on = models.DateField(_("next review"), null=True, blank=True)

    Status = Status

    class Meta:
        ordering = ["-probability", "-impact", "pk"]

    @property
    def score(self) -> int:
        return self.probability * self.impact
