from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "territoria.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .sections import ProjectSection, register_section

        register_section(ProjectSection("overview", _("Overview"), "projects:project-detail", 0))
