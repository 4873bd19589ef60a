from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgoraConfig(AppConfig):
    name = "territoria.agora"
    label = "agora"
    verbose_name = _("Agorapolis")

    def ready(self) -> None:
        from territoria.accounts.selectors import register_account_export

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .selectors import account_agora

        register_account_export("agora", account_agora)
        from .dialogue import register as register_dialogue

        register_dialogue()  # comments, reports, search, follows and notifications
