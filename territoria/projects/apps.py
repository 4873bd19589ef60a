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
        register_section(ProjectSection("planning", _("Planning"), "projects:planning", 20))
        from .views_funding import may_see_risks

        register_section(ProjectSection("budget", _("Budget and funding"), "projects:budget",
                                        30))
        register_section(ProjectSection("risks", _("Risks"), "projects:risks", 40,
                                        visible=may_see_risks))
        from .views_reporting import may_see_framing

        register_section(ProjectSection("framing", _("Framing"), "projects:framing", 10,
                                        visible=may_see_framing))
        register_section(ProjectSection("reports", _("Reports"), "projects:reports", 50))
        register_section(ProjectSection("community", _("Community"), "projects:community",
                                        70))

        from territoria.core.agenda import register_agenda_source
        from territoria.core.cycle import register_step_status

        from .selectors import projects_step_status

        register_step_status("projects", projects_step_status)

        from .agenda import (
            funding_items,
            late_projects_items,
            report_items,
            waiting_projects_items,
        )

        register_agenda_source("projects.late", late_projects_items)
        register_agenda_source("projects.waiting", waiting_projects_items)
        register_agenda_source("projects.funding", funding_items)
        register_agenda_source("projects.reports", report_items)

        from django.utils.translation import ngettext_lazy

        from territoria.notifications.registry import register_target, register_verb

        from .models import Project

        from territoria.search.registry import register_search

        from .dialogue import project_document

        register_search("projects.project", model=Project, order=50,
                        label=_("Projects"), document=project_document,
                        queryset=lambda: Project.objects.select_related("carrier"))
        register_target("projects.project", model=Project, label=_("project"),
                        title=lambda p: p.title, url=lambda p: p.get_absolute_url(),
                        followable=True)
        register_verb("projects.funding_deadline",
                      ngettext_lazy("A funding application of “%(target)s” is due soon",
                                    "%(count)s funding applications of “%(target)s” are due "
                                    "soon", "count"))
        register_verb("projects.report_due",
                      ngettext_lazy("Your report on “%(target)s” is expected",
                                    "Your report on “%(target)s” is expected (%(count)s "
                                    "reminders)", "count"))
        register_verb("projects.join_requested",
                      ngettext_lazy("Someone asks to join “%(target)s”",
                                    "%(count)s people ask to join “%(target)s”", "count"))
        register_verb("projects.join_accepted",
                      ngettext_lazy("You are in the community of “%(target)s”",
                                    "You are in the community of “%(target)s”", "count"))
        register_verb("projects.stage_moved",
                      ngettext_lazy("“%(target)s” changed stage",
                                    "“%(target)s” changed stage (%(count)s times)", "count"))
