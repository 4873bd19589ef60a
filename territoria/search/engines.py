"""The two search engines behind one interface: PostgreSQL full text (French
configuration, accents folded by ``unaccent``, ranked by ``ts_rank``, snippets by
``ts_headline``) and SQLite FTS5 (``unicode61 remove_diacritics 2``, ranked by ``bm25``,
snippets by ``snippet``). Both get the same cleaned words (``domain.query``) and the same
filters; both return the page's rows with their highlighted title and snippet.
"""

from dataclasses import dataclass

from django.db import connection

from territoria.search.domain.query import (
    MARK_END,
    MARK_START,
    SearchQuery,
    fts5_match,
    postgres_websearch,
)

CONFIG = "territoria_french"  # created by migrations/0002 (french + unaccent)
TITLE_WEIGHT = 10.0


@dataclass(frozen=True)
class Filters:
    territory_id: int
    audiences: tuple[str, ...]
    kinds: tuple[str, ...]  # empty: every kind


@dataclass(frozen=True)
class Row:
    entry_id: int
    title: str  # with the engine's markers around matched words
    snippet: str


def _where(filters: Filters, alias: str, *, with_kinds: bool = True) -> tuple[str, list]:
    clauses = [f"({alias}.territory_id = %s OR {alias}.territory_id IS NULL)",
               f"{alias}.audience IN ({', '.join(['%s'] * len(filters.audiences))})"]
    params: list = [filters.territory_id, *filters.audiences]
    if with_kinds and filters.kinds:
        clauses.append(f"{alias}.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params.extend(filters.kinds)
    return " AND ".join(clauses), params


class Engine:
    def counts(self, query: SearchQuery, filters: Filters) -> dict[str, int]:
        """Matches by kind (every kind: the page shows them as filters)."""
        raise NotImplementedError

    def page(self, query: SearchQuery, filters: Filters, *, offset: int,
             limit: int) -> list[Row]:
        raise NotImplementedError


class SqliteEngine(Engine):
    def counts(self, query, filters):
        where, params = _where(filters, "e", with_kinds=False)
        sql = ("SELECT e.kind, COUNT(*) FROM search_fts JOIN search_searchentry e "
               "ON e.id = search_fts.rowid WHERE search_fts MATCH %s AND " + where +
               " GROUP BY e.kind")
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts5_match(query), *params])
            return dict(cursor.fetchall())

    def page(self, query, filters, *, offset, limit):
        where, params = _where(filters, "e")
        sql = ("SELECT e.id, highlight(search_fts, 0, %s, %s), "
               "snippet(search_fts, 1, %s, %s, '…', 24) "
               "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
               "WHERE search_fts MATCH %s AND " + where +
               f" ORDER BY bm25(search_fts, {TITLE_WEIGHT}, 1.0), e.id LIMIT %s OFFSET %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, MARK_START, MARK_END,
                                 fts5_match(query), *params, limit, offset])
            return [Row(*row) for row in cursor.fetchall()]


class PostgresEngine(Engine):
    _HEADLINE = (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, '
                 'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')
    _TITLE = f'StartSel="{MARK_START}", StopSel="{MARK_END}", HighlightAll=true'

    def counts(self, query, filters):
        where, params = _where(filters, "e", with_kinds=False)
        sql = (f"SELECT e.kind, COUNT(*) FROM search_searchentry e "
               f"WHERE e.search_vector @@ websearch_to_tsquery('{CONFIG}', %s) AND " + where +
               " GROUP BY e.kind")
        with connection.cursor() as cursor:
            cursor.execute(sql, [postgres_websearch(query), *params])
            return dict(cursor.fetchall())

    def page(self, query, filters, *, offset, limit):
        where, params = _where(filters, "e")
        # Rank and cut first; only the page's rows pay for their headlines.
        sql = (f"WITH q AS (SELECT websearch_to_tsquery('{CONFIG}', %s) AS query), "
               f"hits AS (SELECT e.id, ts_rank('{{0.1, 0.2, 0.4, 1.0}}', e.search_vector, "
               f"q.query) AS rank FROM search_searchentry e, q "
               f"WHERE e.search_vector @@ q.query AND " + where +
               " ORDER BY rank DESC, e.id LIMIT %s OFFSET %s) "
               f"SELECT e.id, ts_headline('{CONFIG}', e.title, q.query, %s), "
               f"ts_headline('{CONFIG}', e.body, q.query, %s) "
               "FROM hits JOIN search_searchentry e ON e.id = hits.id, q "
               "ORDER BY hits.rank DESC, e.id")
        with connection.cursor() as cursor:
            cursor.execute(sql, [postgres_websearch(query), *params, limit, offset,
                                 self._TITLE, self._HEADLINE])
            return [Row(*row) for row in cursor.fetchall()]


def engine() -> Engine:
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
