"""How an app makes its content searchable.

An app registers each searchable model once, in its ``AppConfig.ready``::

    from territoria.search.registry import Document, register_search

    register_search(
        "agora.proposal", model=Proposal, label=_("Proposals"),
        document=lambda p: Document(
            territory_id=p.territory_id, title=p.title, body=p.body,
            url_name="agora:proposal-detail", url_kwargs={"proposal_id": p.pk},
            audience="public" if p.is_published else "team") if not p.is_draft else None,
        queryset=lambda: Proposal.objects.select_related(...))

and its services call ``index_update(obj)`` / ``index_remove(obj)`` (``territoria.search``)
with ``transaction.on_commit`` when the object is written or deleted. ``document`` returns
``None`` for an object nobody should find (a draft, a merged duplicate): its entry goes.
The URL is reversed with the territory's slug as ``territory_slug`` plus ``url_kwargs``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Document:
    territory_id: int | None  # None: national content, found in every territory
    title: str
    body: str
    url_name: str
    url_kwargs: dict = field(default_factory=dict)
    audience: str = "public"  # or "team"
    context: str = ""  # shown beside the result, not searched (a statement's question)


@dataclass(frozen=True)
class SearchKind:
    key: str
    model: type[Model]
    label: object  # a lazy translation
    document: Callable[[Model], Document | None]
    queryset: Callable[[], QuerySet]
    order: int = 100


_kinds: dict[str, SearchKind] = {}


def register_search(key: str, *, model: type[Model], label, document, queryset,
                    order: int = 100) -> SearchKind:
    """Make a model searchable under ``key`` (``"<app>.<entity>"``). ``order`` places its
    results' group on the search page (smaller first)."""
    kind = SearchKind(key=key, model=model, label=label, document=document, queryset=queryset,
                      order=order)
    _kinds[key] = kind
    return kind


def search_kinds() -> list[SearchKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def search_kind(key: str) -> SearchKind | None:
    return _kinds.get(key)


def kind_for(obj: Model) -> SearchKind:
    for kind in _kinds.values():
        if isinstance(obj, kind.model):
            return kind
    raise LookupError(f"{type(obj).__name__} is not registered for search")
