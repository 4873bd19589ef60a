from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "territoria.core"
    label = "core"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
