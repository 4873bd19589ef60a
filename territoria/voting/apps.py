from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "territoria.voting"
    label = "voting"
    verbose_name = _("Votes")

    def ready(self) -> None:
        from territoria.accounts.selectors import register_account_export

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .selectors import account_participations

        register_account_export("votes", account_participations)
