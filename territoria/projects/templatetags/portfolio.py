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


@register.filter
def get_item(mapping: dict, key):
    """``{{ mapping|get_item:key }}``: a dictionary's value, or nothing."""
    return mapping.get(key, "")


@register.simple_tag(takes_context=True)
def progress_rollup(context, ambitions):
    """``{% progress_rollup version.ambitions.all as rollup %}``: the projects serving these
    ambitions (each counted once) and their mean reported progress (``domain.portfolio``)."""
    from territoria.projects.domain.portfolio import rollup

    seen = {}
    for ambition in ambitions:
        for pk, _title, _stage, health in projects_serving(context, ambition):
            seen[pk] = health.progress if health else None
    return rollup(seen.values())


@register.simple_tag(takes_context=True)
def projects_serving(context, ambition) -> list:
    """``{% projects_serving ambition as projects %}``: the projects that serve an ambition
    (or a copy of it in another version of its orientation), each with its last report; read
    once for the whole page, whatever the number of ambitions on it."""
    cache = context.render_context.setdefault("projects_serving", {})
    territory_id = ambition.territory_id
    if territory_id not in cache:
        from django.utils import timezone

        from territoria.projects.models import Project
        from territoria.projects.selectors_reporting import portfolio_health

        by_lineage: dict[int, list] = {}
        rows = (Project.objects.filter(territory_id=territory_id, ambitions__isnull=False)
                .exclude(stage=Stage.ABANDONED)
                .values_list("pk", "title", "stage", "ambitions__lineage", "ambitions__pk"))
        projects = {}
        for pk, title, stage, lineage, ambition_pk in rows:
            projects[pk] = (pk, title, stage)
            by_lineage.setdefault(lineage or ambition_pk, []).append(pk)
        health = (portfolio_health(territory=ambition.territory, project_ids=list(projects),
                                   today=timezone.localdate()) if projects else {})
        cache[territory_id] = {lineage: [(*projects[pk], health.get(pk)) for pk in
                                         sorted(set(pks), key=lambda pk: projects[pk][1])]
                               for lineage, pks in by_lineage.items()}
    return cache[territory_id].get(ambition.lineage or ambition.pk, [])


@register.simple_tag
def project_of(proposal):
    """``{% project_of proposal as project %}``: the project that carries an Agorapolis
    proposal, if any."""
    from territoria.projects.models import Project

    return Project.objects.filter(proposal=proposal).only("pk", "title", "stage").first()


@register.filter
def as_list(value) -> list:
    """``{{ ambition|as_list }}``: one object as a list of one."""
    return [value]
