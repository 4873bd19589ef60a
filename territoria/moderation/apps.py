from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "territoria.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
