"""Keeping the search index up to date: what services call, on commit, when they write.

``index_update(obj)`` writes the object's entry (or removes it when its ``document`` says
nobody should find it), ``index_remove(obj)`` removes it, ``index_rebuild()`` rewrites every
entry of some kinds (the ``search_rebuild`` command). The engines' structures follow by
database triggers. Documents are built in the site's language (``LANGUAGE_CODE``), which is
what the French search configuration expects.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from territoria.search.domain.query import clean_text
from territoria.search.models import SearchEntry
from territoria.search.registry import Document, SearchKind, kind_for, search_kind, search_kinds

BATCH = 500


def _entry(kind: SearchKind, obj, document: Document) -> SearchEntry:
    return SearchEntry(
        territory_id=document.territory_id, kind=kind.key, object_id=obj.pk,
        audience=document.audience, title=clean_text(document.title)[:300],
        body=clean_text(document.body), context=str(document.context)[:300],
        url_name=document.url_name,
        url_kwargs=document.url_kwargs)


def _write(entries: Sequence[SearchEntry]) -> None:
    # One upsert per batch: concurrent writers of the same object cannot collide.
    SearchEntry.objects.bulk_create(
        entries, batch_size=BATCH, update_conflicts=True, unique_fields=["kind", "object_id"],
        update_fields=["territory", "audience", "title", "body", "context", "url_name",
                       "url_kwargs", "updated_at"])


def index_update_many(objects: Iterable) -> int:
    """Write the entries of these objects (of registered models); returns how many are
    findable. Objects whose document is ``None`` lose their entry."""
    entries, gone = [], {}
    with translation.override(settings.LANGUAGE_CODE):
        for obj in objects:
            kind = kind_for(obj)
            document = kind.document(obj)
            if document is None:
                gone.setdefault(kind.key, []).append(obj.pk)
            else:
                entries.append(_entry(kind, obj, document))
    with transaction.atomic():
        if entries:
            _write(entries)
        for key, ids in gone.items():
            SearchEntry.objects.filter(kind=key, object_id__in=ids).delete()
    return len(entries)


def index_update(obj) -> None:
    """Write one object's entry; call it with ``transaction.on_commit`` from a service."""
    index_update_many([obj])


def index_remove(obj) -> None:
    """Remove one object's entry (the object is deleted, or no longer searchable)."""
    SearchEntry.objects.filter(kind=kind_for(obj).key, object_id=obj.pk).delete()


def on_commit_remove(*objects) -> None:
    """What a service calls before deleting objects: their entries go once it commits."""
    keys = [(kind_for(obj).key, obj.pk) for obj in objects]

    def remove() -> None:
        for key, pk in keys:
            SearchEntry.objects.filter(kind=key, object_id=pk).delete()

    transaction.on_commit(remove)


def on_commit_index(*objects) -> None:
    """What a service calls: index these objects once its transaction commits."""
    transaction.on_commit(lambda: index_update_many(objects))


@transaction.atomic
def index_rebuild(*, kinds: Sequence[str] | None = None) -> dict[str, int]:
    """Rewrite every entry of the given kinds (all registered kinds by default) from the
    content itself: entries of deleted objects go, changed ones are rewritten. Returns the
    number of entries of each kind."""
    chosen = [search_kind(key) for key in kinds] if kinds else search_kinds()
    if None in chosen:
        unknown = [key for key, kind in zip(kinds, chosen, strict=True) if kind is None]
        raise LookupError(f"unknown search kinds: {', '.join(unknown)}")
    counts = {}
    with translation.override(settings.LANGUAGE_CODE):
        for kind in chosen:
            SearchEntry.objects.filter(kind=kind.key).delete()
            batch, count = [], 0
            for obj in kind.queryset().order_by("pk").iterator(chunk_size=BATCH):
                document = kind.document(obj)
                if document is not None:
                    batch.append(_entry(kind, obj, document))
                if len(batch) >= BATCH:
                    SearchEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            counts[kind.key] = count + len(batch)
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk rewrite, or the planner may not use the GIN index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    return counts
