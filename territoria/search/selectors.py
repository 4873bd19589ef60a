"""The one search interface: ``search(territory=…, query=…, kinds=…, user=…)``."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from territoria.core.models import Territory
from territoria.search.domain.query import SearchQuery, highlight_html, parse_query
from territoria.search.engines import Filters, engine
from territoria.search.models import SearchEntry
from territoria.search.registry import search_kind, search_kinds

PER_PAGE = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    title: SafeString  # escaped, matched words in <mark>
    snippet: SafeString
    url: str
    context: str = ""


@dataclass(frozen=True)
class KindCount:
    key: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    kinds: tuple[str, ...]
    counts: list[KindCount] = field(default_factory=list)
    page: Page | None = None

    @property
    def total(self) -> int:
        chosen = [c for c in self.counts if not self.kinds or c.key in self.kinds]
        return sum(c.count for c in chosen)

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page else []


class _Rows:
    """What the paginator pages through: the count is known, a slice runs the engine."""

    def __init__(self, *, total: int, fetch):
        self.total, self.fetch = total, fetch

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice):
        return self.fetch(offset=index.start or 0, limit=(index.stop or 0) - (index.start or 0))


def _hits(territory: Territory, rows) -> list[Hit]:
    entries = SearchEntry.objects.in_bulk([row.entry_id for row in rows])
    hits = []
    for row in rows:
        entry = entries.get(row.entry_id)
        kind = search_kind(entry.kind) if entry else None
        if kind is None:
            continue
        try:
            url = reverse(entry.url_name, kwargs={"territory_slug": territory.slug,
                                                  **entry.url_kwargs})
        except NoReverseMatch:
            continue
        hits.append(Hit(kind=kind.key, kind_label=str(kind.label),
                        title=mark_safe(highlight_html(row.title, escape=escape)),  # noqa: S308
                        snippet=mark_safe(highlight_html(row.snippet, escape=escape)),  # noqa: S308
                        url=url, context=entry.context))
    return hits


def search(*, territory: Territory, query: str, kinds=None, user, page: int | str = 1,
           per_page: int = PER_PAGE) -> SearchResults:
    """Search a territory's content (and the national indicator catalogue).

    Finds only what ``user`` may see: the territory's public entries, and the entries only
    its team sees when ``user`` is of the team (``search.find_team_entries``). The caller
    has checked that ``user`` may see the territory (``search.search``). ``kinds`` (keys of
    the registry) narrows the results; unknown keys are ignored. A query without words
    (empty, punctuation, operators only) finds nothing and runs no query.
    """
    parsed = parse_query(query)
    known = {kind.key for kind in search_kinds()}
    chosen = tuple(k for k in (kinds or ()) if k in known)
    results = SearchResults(query=parsed, kinds=chosen)
    if parsed.is_empty:
        return results
    audiences = ("public", "team") if user.has_perm("search.find_team_entries", territory) \
        else ("public",)
    filters = Filters(territory_id=territory.pk, audiences=audiences, kinds=chosen)
    search_engine = engine()
    counts = search_engine.counts(parsed, filters)
    results.counts = [KindCount(kind.key, str(kind.label), counts[kind.key])
                      for kind in search_kinds() if counts.get(kind.key)]

    def fetch(*, offset: int, limit: int) -> list[Hit]:
        return _hits(territory, search_engine.page(parsed, filters, offset=offset,
                                                   limit=limit))

    results.page = Paginator(_Rows(total=results.total, fetch=fetch), per_page).get_page(page)
    return results
