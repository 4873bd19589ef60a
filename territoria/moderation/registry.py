"""What can be reported: each app registers its models, once, when it starts.

    from territoria.moderation import registry

    registry.register(Proposal, key="proposal", url=lambda p: p.get_absolute_url(),
                      label=lambda p: p.title, text=lambda p: p.body,
                      territory="consultation__territory", author="author",
                      on_visibility=proposal_visibility)

``key`` names the model in addresses (``/t/<slug>/moderation/report/<key>/<id>/``);
``territory`` is the lookup path from the model to its territory, so that an object is
only ever found within the territory of the address; ``author`` is the field holding who
wrote it (blocked from the queue, never reporting their own content); ``label`` and
``text`` show it in the queue and the log; ``url`` is where a reader sees it.
``on_visibility(obj, hidden)``, optional, lets the owning app hide the object its own way
(take it off a list, recompute a map) when moderation hides or restores it; without it,
the app asks ``moderation.selectors.state_for`` / the ``{% moderation_state %}`` tag.
``can_report(obj) -> bool``, optional, says which objects can be reported at all (a
resident's contribution, not the data's own items).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404


@dataclass(frozen=True)
class Reportable:
    model: type[Model]
    key: str
    url: Callable[[Model], str]
    label: Callable[[Model], str]
    text: Callable[[Model], str]
    territory: str
    author: str
    on_visibility: Callable[[Model, bool], None] | None
    can_report: Callable[[Model], bool]

    def territory_of(self, obj):
        target = obj
        for part in self.territory.split("__"):
            target = getattr(target, part)
        return target

    def author_of(self, obj):
        return getattr(obj, self.author, None)

    def author_id_of(self, obj) -> int | None:
        return getattr(obj, f"{self.author}_id", None)

    def get(self, *, territory, object_id: int):
        """The object ``object_id`` of this model within ``territory``, else 404."""
        obj = self.model._default_manager.filter(
            **{self.territory: territory, "pk": object_id}).first()
        if obj is None:
            raise Http404
        return obj


_by_key: dict[str, Reportable] = {}
_by_model: dict[type[Model], Reportable] = {}


def register(model: type[Model], *, key: str, url: Callable[[Model], str],
             label: Callable[[Model], str] = str, text: Callable[[Model], str] = str,
             territory: str = "territory", author: str = "author",
             on_visibility: Callable[[Model, bool], None] | None = None,
             can_report: Callable[[Model], bool] | None = None) -> Reportable:
    """Let people report ``model``'s objects (see the module's docstring)."""
    entry = Reportable(model, key, url, label, text, territory, author, on_visibility,
                       can_report or (lambda obj: True))
    existing = _by_key.get(key)
    if existing is not None and existing.model is not model:
        raise ValueError(f"the key {key!r} is already taken by {existing.model.__name__}")
    _by_key[key] = entry
    _by_model[model] = entry
    return entry


def for_key(key: str) -> Reportable:
    """The registration of ``key``; 404 for a key nobody registered (it comes from a URL)."""
    entry = _by_key.get(key)
    if entry is None:
        raise Http404
    return entry


def for_model(model_or_obj) -> Reportable:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    model = getattr(model._meta, "concrete_model", model)
    try:
        return _by_model[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for moderation") from None


def is_registered(model_or_obj) -> bool:
    try:
        for_model(model_or_obj)
    except LookupError:
        return False
    return True


def registered() -> list[Reportable]:
    return list(_by_key.values())
