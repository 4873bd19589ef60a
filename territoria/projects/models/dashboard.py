"""A PDF report of the portfolio dashboard, drawn by the task worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import Job, TerritoryScopedModel
from territoria.core.storage import private_storage


class PortfolioReport(TerritoryScopedModel):
    """The dashboard as it stood when asked for, with the filters it was narrowed by."""

    filters = models.JSONField(_("filters"), default=dict, blank=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    pdf = models.FileField(_("PDF"), upload_to="projects/portfolio/", blank=True,
                           storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("portfolio report")
        verbose_name_plural = _("portfolio reports")
