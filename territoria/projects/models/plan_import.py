"""An action plan imported from a spreadsheet: the file, the columns chosen, and what its
application created (so that it can be undone)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from territoria.core.models import TerritoryScopedModel
from territoria.core.storage import private_storage


class PlanImport(TerritoryScopedModel):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("to check")
        APPLIED = "applied", _("applied")
        UNDONE = "undone", _("undone")

    file = models.FileField(upload_to="projects/imports/", storage=private_storage)
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    mapping = models.JSONField(default=dict, blank=True)
    created_projects = models.JSONField(default=list, blank=True)
    created_actors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    Status = Status

    class Meta:
        ordering = ["-created_at"]
