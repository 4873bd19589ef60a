"""The board's contributions in the citizen dialogue: comments under each contribution,
reports on contributions (hidden from the board when moderation hides them)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from territoria.diagnostic.models import DiagnosticItem


def item_url(item: DiagnosticItem) -> str:
    return reverse("diagnostic:item-detail", kwargs={"territory_slug": item.territory.slug,
                                                     "item_id": item.pk})


def is_open_contribution(user, item: DiagnosticItem) -> bool:
    return (item.origin == DiagnosticItem.Origin.CONTRIBUTION
            and item.status == DiagnosticItem.Status.PUBLISHED)


def closed_message(item: DiagnosticItem) -> str:
    if item.origin != DiagnosticItem.Origin.CONTRIBUTION:
        return _("Items from the data are not commented on; comment on the contributions.")
    return _("This contribution is no longer on the board: comments are closed.")


def item_visibility(item: DiagnosticItem, hidden: bool) -> None:
    """Moderation hid (or restored) a contribution: take it off the board, or back."""
    from territoria.diagnostic.services import item_hide

    try:
        item_hide(actor=None, item=item, hidden=hidden)
    except ValidationError:
        pass  # merged or already in that state: nothing to change on the board


def register() -> None:
    from territoria.comments import registry as comments
    from territoria.moderation import registry as moderation

    comments.register(DiagnosticItem, key="diagnostic-item", url=item_url,
                      label=lambda item: item.display_title,
                      can_comment=is_open_contribution, closed_message=closed_message)
    moderation.register(DiagnosticItem, key="diagnostic-item", url=item_url,
                        label=lambda item: item.display_title,
                        text=lambda item: item.explanation, author="author",
                        on_visibility=item_visibility,
                        can_report=lambda item: item.origin
                        == DiagnosticItem.Origin.CONTRIBUTION)
