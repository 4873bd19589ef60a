from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "territoria.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
