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
        register_section(ProjectSection("stage", _("Stage and history"),
                                        "projects:project-stage", 5))

        from django.utils.translation import ngettext_lazy

        from territoria.notifications.registry import register_target, register_verb

        from .models import Project

        register_target("projects.project", model=Project, label=_("project"),
                        title=lambda p: p.title, url=lambda p: p.get_absolute_url(),
                        followable=True)
        register_verb("projects.stage_moved",
                      ngettext_lazy("“%(target)s” changed stage",
                                    "“%(target)s” changed stage (%(count)s times)", "count"))
