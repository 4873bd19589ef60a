"""What can be commented on: each app registers its models, once, when it starts.

    from territoria.comments import registry

    registry.register(Proposal, key="proposal", url=lambda p: p.get_absolute_url(),
                      label=lambda p: p.title, territory="consultation__territory",
                      can_comment=comments_open, closed_message=why_closed)

    # and in the object's page:  {% load comments %}{% comment_thread proposal %}

``can_comment(user, obj) -> bool`` (a rules predicate, or any callable) decides whether
commenting is open on ``obj`` for ``user`` — the agora makes it depend on the
consultation's phase; ``closed_message(obj) -> str`` is what people read when it is not
("Comments are closed: the consultation is in its vote phase."). Who may take part at all
(signed in; a member, or anyone on a public territory; not blocked) is checked by the
comments app itself. ``territory`` is the lookup path to the territory, so that an object
is only found within the territory of the address; ``url`` is the object's page, where the
thread is shown. A registered model's comments are reportable as ``comment``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext as _


def _always(user, obj) -> bool:
    return True


def _closed(obj) -> str:
    return _("Comments are closed here.")


@dataclass(frozen=True)
class Commentable:
    model: type[Model]
    key: str
    url: Callable[[Model], str]
    label: Callable[[Model], str]
    territory: str
    can_comment: Callable[[object, Model], bool]
    closed_message: Callable[[Model], str]

    def territory_of(self, obj):
        target = obj
        for part in self.territory.split("__"):
            target = getattr(target, part)
        return target

    def get(self, *, territory, object_id: int):
        """The object ``object_id`` of this model within ``territory``, else 404."""
        obj = self.model._default_manager.filter(
            **{self.territory: territory, "pk": object_id}).first()
        if obj is None:
            raise Http404
        return obj


_by_key: dict[str, Commentable] = {}
_by_model: dict[type[Model], Commentable] = {}


def register(model: type[Model], *, key: str, url: Callable[[Model], str],
             label: Callable[[Model], str] = str, territory: str = "territory",
             can_comment: Callable[[object, Model], bool] | None = None,
             closed_message: Callable[[Model], str] | None = None) -> Commentable:
    """Let people comment on ``model``'s objects (see the module's docstring)."""
    entry = Commentable(model, key, url, label, territory, can_comment or _always,
                        closed_message or _closed)
    existing = _by_key.get(key)
    if existing is not None and existing.model is not model:
        raise ValueError(f"the key {key!r} is already taken by {existing.model.__name__}")
    _by_key[key] = entry
    _by_model[model] = entry
    return entry


def for_key(key: str) -> Commentable:
    entry = _by_key.get(key)
    if entry is None:
        raise Http404
    return entry


def for_model(model_or_obj) -> Commentable:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    model = getattr(model._meta, "concrete_model", model)
    try:
        return _by_model[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for comments") from None
