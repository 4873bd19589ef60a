from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "territoria.geo"
    label = "geo"
    verbose_name = _("Administrative referential")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
