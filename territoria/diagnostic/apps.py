from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "territoria.diagnostic"
    label = "diagnostic"
    verbose_name = _("Diagnostic")

    def ready(self) -> None:
        from territoria.core.cycle import register_step_status

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .selectors import diagnostic_step_status

        register_step_status("diagnostic", diagnostic_step_status)
        from territoria.accounts.selectors import register_account_export

        from .selectors import account_contributions

        register_account_export("diagnostic", account_contributions)
        from .dialogue import register as register_dialogue

        register_dialogue()  # comments and reports on contributions
