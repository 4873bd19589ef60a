from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "territoria.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from territoria.projects.sections import ProjectSection, register_section

        from . import permissions  # noqa: F401  (registers the rules permissions)

        register_section(ProjectSection("decisions", _("Decisions"),
                                        "governance:project-decisions", 60))

        from territoria.search.registry import register_search

        from .models import Decision

        register_search("governance.decision", model=Decision, order=55,
                        label=_("Decisions"), document=decision_document,
                        queryset=lambda: Decision.objects.select_related("body"))


def decision_document(decision):
    """A published decision is found by its title and text; a confidential one by neither
    (only that it exists is public), a draft not at all."""
    from territoria.search.registry import Document

    if decision.status != "published" or decision.confidential:
        return None
    return Document(territory_id=decision.territory_id, title=decision.title,
                    body=decision.text, context=decision.body.name,
                    url_name="governance:decision-detail",
                    url_kwargs={"decision_id": decision.pk})
