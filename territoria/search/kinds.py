"""The content searchable today: diagnostic items, opinion maps and their statements, and
the indicator catalogue. Later apps register theirs in their own ``AppConfig.ready``
(``registry.register_search``)."""

from django.utils.translation import gettext, gettext_lazy as _

PUBLIC, TEAM = "public", "team"


def _diagnostic_item(item):
    from territoria.diagnostic.models import DiagnosticItem as Item

    if item.status == Item.Status.MERGED:
        return None  # its content lives on in the item it joined
    from territoria.search.registry import Document

    body = "\n".join([item.explanation, *item.data_explanation, item.organisation])
    return Document(territory_id=item.territory_id, title=item.display_title, body=body,
                    url_name="diagnostic:item-detail", url_kwargs={"item_id": item.pk},
                    audience=PUBLIC if item.status == Item.Status.PUBLISHED else TEAM)


def _conversation(conversation):
    from territoria.search.registry import Document

    return Document(territory_id=conversation.territory_id, title=conversation.title,
                    body=conversation.description, url_name="opinion:conversation-detail",
                    url_kwargs={"conversation_id": conversation.pk})


def _statement(statement):
    from territoria.opinion.models import Statement
    from territoria.search.registry import Document

    conversation = statement.conversation
    return Document(territory_id=conversation.territory_id, title=statement.text, body="",
                    context=conversation.title, url_name="opinion:conversation-detail",
                    url_kwargs={"conversation_id": conversation.pk},
                    audience=PUBLIC if statement.status == Statement.Status.PUBLISHED else TEAM)


def _indicator(indicator):
    from territoria.search.registry import Document

    # The catalogue's texts are English msgids: indexed in the site's language (the
    # indexer runs under it), with the English name too so that either finds it.
    body = "\n".join(filter(None, [indicator.help, indicator.name, indicator.code]))
    return Document(territory_id=None, title=gettext(indicator.name), body=body,
                    url_name="indicators:indicator-detail", url_kwargs={"code": indicator.code})


def register_builtin_kinds() -> None:
    from territoria.diagnostic.models import DiagnosticItem
    from territoria.indicators.models import Indicator
    from territoria.opinion.models import Conversation, Statement
    from territoria.search.registry import register_search

    register_search("diagnostic.item", model=DiagnosticItem, label=_("Diagnostic"),
                    document=_diagnostic_item, order=10,
                    queryset=lambda: DiagnosticItem.objects.select_related("indicator"))
    register_search("opinion.conversation", model=Conversation, label=_("Opinion maps"),
                    document=_conversation, order=20, queryset=Conversation.objects.all)
    register_search("opinion.statement", model=Statement, label=_("Statements"),
                    document=_statement, order=30,
                    queryset=lambda: Statement.objects.select_related("conversation"))
    register_search("indicators.indicator", model=Indicator, label=_("Indicators"),
                    document=_indicator, order=90, queryset=Indicator.objects.all)
