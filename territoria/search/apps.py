from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "territoria.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .kinds import register_builtin_kinds

        register_builtin_kinds()
