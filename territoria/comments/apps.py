from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "territoria.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from territoria.moderation import registry as moderation

        from . import permissions  # noqa: F401  (registers the rules permissions)
        from .models import Comment
        from .selectors import account_comments, comment_label, comment_text, comment_url

        # Comments are reportable like any other content.
        moderation.register(Comment, key="comment", url=comment_url, label=comment_label,
                            text=comment_text, can_report=lambda c: not c.is_deleted)
        from territoria.accounts.selectors import register_account_export

        register_account_export("comments", account_comments)
