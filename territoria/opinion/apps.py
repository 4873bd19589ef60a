from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionConfig(AppConfig):
    name = "territoria.opinion"
    label = "opinion"
    verbose_name = _("Opinion maps")

    def ready(self) -> None:
        from territoria.accounts.selectors import register_account_export

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .selectors import account_opinions

        register_account_export("opinion", account_opinions)
        from .dialogue import register as register_dialogue

        register_dialogue()  # statements can be reported (moderation app)
