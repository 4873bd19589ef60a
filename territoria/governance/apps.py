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
