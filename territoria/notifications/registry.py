"""How an app makes its objects followable and names its events.

Once, in the app's ``AppConfig.ready``::

    from territoria.notifications.registry import register_target, register_verb

    register_target("agora.proposal", model=Proposal, label=_("proposal"),
                    title=lambda p: p.title, url=lambda p: p.get_absolute_url(),
                    followable=True)
    register_verb("agora.proposal_answered",
                  ngettext_lazy("The official answer to “%(target)s” is published",
                                "%(count)s official answers to “%(target)s”", "count"))

Then its services call ``notifications.services.notify(...)`` (through
``notify_on_commit``) and, for what a person creates, ``follow(...)``. A recipient filter
(``register_recipient_filter``) lets an app withhold notifications from people it has
blocked in a territory.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class Target:
    key: str
    model: type[Model]
    label: object
    title: Callable[[Model], str]
    url: Callable[[Model], str]
    followable: bool
    visible: Callable[[object, Model], bool]  # (user, obj): may this person see it?
    lookup: Callable[[object, int], Model | None]  # (territory, id) -> the object or None


_targets: dict[str, Target] = {}
_verbs: dict[str, object] = {}
_recipient_filters: list[Callable] = []


def _always(user, obj) -> bool:
    return True


def register_target(key: str, *, model: type[Model], label, title, url,
                    followable: bool = True, visible=_always, lookup=None) -> Target:
    """``visible(user, obj)`` says whether a person may see (and so follow) the object;
    ``lookup(territory, id)`` finds it within a territory (default: a ``territory`` field)."""
    if lookup is None:
        def lookup(territory, object_id):
            return model.objects.filter(territory=territory, pk=object_id).first()
    target = Target(key=key, model=model, label=label, title=title, url=url,
                    followable=followable, visible=visible, lookup=lookup)
    _targets[key] = target
    return target


def register_verb(key: str, message) -> None:
    """``message``: an ``ngettext_lazy(singular, plural, "count")`` taking ``%(target)s``
    and ``%(count)s``."""
    _verbs[key] = message


def register_recipient_filter(function: Callable) -> None:
    """``function(territory, user_ids: set[int]) -> set[int]``: the ids to leave out
    (blocked in that territory, for instance)."""
    _recipient_filters.append(function)


def target(key: str) -> Target | None:
    return _targets.get(key)


def target_for(obj: Model) -> Target:
    for candidate in _targets.values():
        if isinstance(obj, candidate.model):
            return candidate
    raise LookupError(f"{type(obj).__name__} is not registered as a notification target")


def verb_message(key: str):
    return _verbs.get(key)


def recipient_filters() -> list[Callable]:
    return list(_recipient_filters)
