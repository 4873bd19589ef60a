from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "territoria.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from territoria.core.cycle import register_step_status

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .selectors import ambitions_step_status, orientations_step_status

        register_step_status("orientations", orientations_step_status)
        register_step_status("ambitions", ambitions_step_status)
