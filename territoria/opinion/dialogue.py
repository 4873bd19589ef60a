"""Statements submitted by participants can be reported; moderation that hides one takes
it out of the voting and the map (moderated out), and restoring publishes it again."""

from django.urls import reverse

from territoria.opinion.models import Statement


def statement_url(statement: Statement) -> str:
    conversation = statement.conversation
    return reverse("opinion:conversation-detail", kwargs={
        "territory_slug": conversation.territory.slug, "conversation_id": conversation.pk})


def statement_visibility(statement: Statement, hidden: bool) -> None:
    from territoria.opinion.services import statement_moderate

    statement_moderate(actor=None, statement=statement, publish=not hidden)


def register() -> None:
    from territoria.moderation import registry as moderation

    moderation.register(Statement, key="opinion-statement", url=statement_url,
                        label=lambda s: s.conversation.title, text=lambda s: s.text,
                        territory="conversation__territory", author="author",
                        on_visibility=statement_visibility,
                        can_report=lambda s: not s.is_seed
                        and s.status == Statement.Status.PUBLISHED)
