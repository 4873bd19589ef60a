"""What can be followed and notified today: diagnostic items, opinion maps and their
statements. Later apps register theirs in their own ``AppConfig.ready``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


def _item_url(item) -> str:
    return reverse("diagnostic:item-detail", kwargs={"territory_slug": item.territory.slug,
                                                     "item_id": item.pk})


def _conversation_url(conversation) -> str:
    return reverse("opinion:conversation-detail", kwargs={
        "territory_slug": conversation.territory.slug, "conversation_id": conversation.pk})


VERBS = {
    "diagnostic.item_published": ngettext_lazy(
        "“%(target)s” is on the diagnostic board",
        "“%(target)s” is on the diagnostic board (%(count)s times)", "count"),
    "diagnostic.item_supported": ngettext_lazy(
        "A new support for “%(target)s”", "%(count)s new supports for “%(target)s”", "count"),
    "diagnostic.item_hidden": ngettext_lazy(
        "“%(target)s” was hidden by moderation",
        "“%(target)s” was hidden by moderation (%(count)s times)", "count"),
    "diagnostic.item_shown": ngettext_lazy(
        "“%(target)s” is shown again on the board",
        "“%(target)s” is shown again on the board (%(count)s times)", "count"),
    "diagnostic.item_merged": ngettext_lazy(
        "“%(target)s” was merged into another item of the board",
        "“%(target)s” was merged into another item of the board (%(count)s times)", "count"),
    "opinion.statement_added": ngettext_lazy(
        "A new statement in “%(target)s”", "%(count)s new statements in “%(target)s”",
        "count"),
    "opinion.statement_published": ngettext_lazy(
        "Your statement “%(target)s” is published",
        "Your statement “%(target)s” is published (%(count)s times)", "count"),
    "opinion.statement_rejected": ngettext_lazy(
        "Your statement “%(target)s” was set aside by moderation",
        "Your statement “%(target)s” was set aside by moderation (%(count)s times)", "count"),
    "opinion.conversation_closed": ngettext_lazy(
        "“%(target)s” is closed to votes",
        "“%(target)s” was closed to votes (%(count)s times)", "count"),
}


def _item_visible(user, item) -> bool:
    from territoria.diagnostic.models import DiagnosticItem

    return (item.status in (DiagnosticItem.Status.PUBLISHED, DiagnosticItem.Status.MERGED)
            or (item.status == DiagnosticItem.Status.HIDDEN and item.author_id == user.pk)
            or user.has_perm("diagnostic.manage", item.territory))


def register_builtin_targets() -> None:
    from territoria.diagnostic.models import DiagnosticItem
    from territoria.notifications.registry import register_target, register_verb
    from territoria.opinion.models import Conversation, Statement

    register_target("diagnostic.item", model=DiagnosticItem, label=_("diagnostic item"),
                    title=lambda item: item.display_title, url=_item_url,
                    visible=_item_visible)
    register_target("opinion.conversation", model=Conversation, label=_("opinion map"),
                    title=lambda conversation: conversation.title, url=_conversation_url)
    register_target("opinion.statement", model=Statement, label=_("statement"),
                    title=lambda statement: statement.text,
                    url=lambda statement: _conversation_url(statement.conversation),
                    followable=False,
                    lookup=lambda territory, pk: Statement.objects.filter(
                        conversation__territory=territory, pk=pk).first())
    for key, message in VERBS.items():
        register_verb(key, message)
