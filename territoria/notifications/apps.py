from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "territoria.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from territoria.accounts.selectors import register_account_export

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .kinds import register_builtin_targets
        from .selectors import account_notifications

        register_builtin_targets()
        register_account_export("notifications", account_notifications)
