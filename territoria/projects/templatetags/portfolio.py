"""Labels of the portfolio's stages and health for templates."""

from django import template

from territoria.projects.models.project import Stage

register = template.Library()


@register.filter
def stage_label(stage: str) -> str:
    """``{{ project.stage|stage_label }}``: the stage's name in the reader's language."""
    return str(dict(Stage.choices).get(stage, stage))


@register.filter
def health_label(status: str | None) -> str:
    """``{{ line.health|health_label }}``: on track, at risk, late, or no report yet."""
    from territoria.projects.views_dashboard import health_label as label

    return label(status)
