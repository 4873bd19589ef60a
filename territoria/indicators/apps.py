from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "territoria.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
