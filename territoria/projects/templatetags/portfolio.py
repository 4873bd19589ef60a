"""Labels of the portfolio's stages and health for templates."""

from django import template
from django.utils.translation import gettext_lazy as _

from territoria.projects.models.project import Stage

register = template.Library()

HEALTH_LABELS = {"on_track": _("on track"), "at_risk": _("at risk"), "late": _("late"),
                 "unknown": _("no report yet")}


@register.filter
def stage_label(stage: str) -> str:
    """``{{ project.stage|stage_label }}``: the stage's name in the reader's language."""
    return str(dict(Stage.choices).get(stage, stage))


@register.filter
def health_label(status: str | None) -> str:
    """``{{ line.health|health_label }}``: on track, at risk, late, or no report yet."""
    return str(HEALTH_LABELS.get(status or "unknown", HEALTH_LABELS["unknown"]))
