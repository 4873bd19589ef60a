"""What a search box's text becomes before an engine sees it (no Django import).

People type anything: operators of one engine or another (``"``, ``*``, ``NEAR(``, ``AND``),
punctuation, control characters, or a whole page pasted by mistake. Both engines get the
same cleaned words, so that they find the same things and neither can be made to fail.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
"""Characters of the query that count; a longer query is cut (and the reader told)."""
MAX_TERMS = 12
"""Words of the query that count: enough for any real search, bounded for the engines."""
MIN_PREFIX_LENGTH = 3
"""Words at least this long also find the words they start (SQLite has no stemming)."""

# Markers around the words an engine highlights. Private-use characters: no text holds
# them (they are removed from what is indexed and searched), so the snippet can be escaped
# as a whole and the markers turned into <mark> afterwards.
MARK_START = "\ue000"
MARK_END = "\ue001"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STRIP = dict.fromkeys(map(ord, MARK_START + MARK_END + "\x00"), " ")

# The commonest French words, which the PostgreSQL French configuration ignores too: on
# SQLite, "la" would otherwise find every word starting with "la".
FRENCH_STOP_WORDS = frozenset("""
a à au aux avec ce ces d dans de des du elle en et il ils je l la le les leur lui ma mais me
mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes
toi ton tu un une vos votre vous y c j m est sont été être
""".split())


def clean_text(text: str) -> str:
    """Text fit for the index and the engines: no NUL (PostgreSQL refuses it) and no
    highlight marker."""
    return (text or "").translate(_STRIP)


def fold(word: str) -> str:
    """Lower case without accents: what both engines compare."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class SearchQuery:
    text: str              # what the engines get: the cleaned, possibly cut, query
    terms: tuple[str, ...]  # its words, folded, stop words left out (unless only those)
    truncated: bool

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse_query(raw: str) -> SearchQuery:
    """The words of a search, whatever was typed; no words means nothing to search."""
    raw = clean_text(raw or "")
    truncated = len(raw) > MAX_QUERY_LENGTH
    kept = raw[:MAX_QUERY_LENGTH]
    if truncated and not raw[MAX_QUERY_LENGTH].isspace() and " " in kept.strip():
        kept = kept.rsplit(None, 1)[0]  # not half a word
    text = " ".join(kept.split())
    words = [fold(w) for w in _WORD.findall(text)]
    meaningful = [w for w in words if w not in FRENCH_STOP_WORDS] or words
    terms = tuple(dict.fromkeys(meaningful))[:MAX_TERMS]
    return SearchQuery(text=text, terms=terms, truncated=truncated or len(meaningful) > MAX_TERMS)


def singular(term: str) -> str:
    """A French plural's mark taken off ("communes" → "commune", "travaux" → "travau"),
    for words of four letters or more: a prefix search then finds singular and plural.
    SQLite has no French stemmer; this is the part of one that searches need most."""
    return term[:-1] if len(term) >= 4 and term[-1] in "sx" else term


def fts5_match(query: SearchQuery) -> str:
    """An FTS5 MATCH expression that finds entries holding every word of the query.

    Each word is a quoted string (FTS5 reads nothing inside quotes as an operator, and the
    words hold no quote), so ``NEAR(``, ``AND``, ``*`` or ``"`` typed by someone can never be
    a syntax error; words of three letters or more also match as prefixes, without their
    plural mark (``singular``).
    """
    return " ".join(f'"{singular(term)}"*' if len(term) >= MIN_PREFIX_LENGTH else f'"{term}"'
                    for term in query.terms)


def postgres_websearch(query: SearchQuery) -> str:
    """The text given to PostgreSQL's ``websearch_to_tsquery``: the query's words joined,
    so that both engines search the same words (every one of them)."""
    return " ".join(query.terms)


def highlight_html(fragment: str, *, escape) -> str:
    """A snippet from an engine as safe HTML: everything escaped, then the markers turned
    into <mark>. ``escape`` is the HTML escaper (Django's, given by the caller)."""
    html = str(escape(fragment or ""))
    # An engine may cut a snippet between a start and its end: close what is open.
    out, open_ = [], False
    for char in html:
        if char == MARK_START and not open_:
            out.append("<mark>")
            open_ = True
        elif char == MARK_END and open_:
            out.append("</mark>")
            open_ = False
        elif char not in (MARK_START, MARK_END):
            out.append(char)
    if open_:
        out.append("</mark>")
    return "".join(out)
