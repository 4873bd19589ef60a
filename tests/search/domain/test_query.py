"""The search box's text, cleaned before any engine sees it (no database)."""

from django.utils.html import escape

from territoria.search.domain.query import (
    MARK_END,
    MARK_START,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    fts5_match,
    highlight_html,
    parse_query,
)


def test_words_are_folded_and_stop_words_left_out():
    query = parse_query("  Le Développement de l'ÉCOLE  ")
    assert query.terms == ("developpement", "ecole")


def test_a_query_of_stop_words_only_keeps_them():
    assert parse_query("la").terms == ("la",)


def test_operators_and_punctuation_alone_make_an_empty_query():
    for typed in ['"', "*", "()", "-", "«»", "\x00", "   ", "", "!!! ??? ;"]:
        assert parse_query(typed).is_empty, typed


def test_operator_words_are_plain_words_for_fts5():
    match = fts5_match(parse_query('AND OR NEAR( "x* école'))
    assert match == '"and"* "or" "near"* "x" "ecole"*'
    assert match.count('"') % 2 == 0


def test_plurals_search_their_singular_as_a_prefix_on_fts5():
    assert fts5_match(parse_query("communes travaux bus vélos")) == (
        '"commune"* "travau"* "bus"* "velo"*')


def test_a_very_long_query_is_cut_and_says_so():
    query = parse_query("commune " * 2000)
    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.terms == ("commune",)
    many = parse_query(" ".join(f"mot{n}" for n in range(40)))
    assert len(many.terms) == MAX_TERMS and many.truncated


def test_markers_and_nul_typed_by_someone_are_removed():
    query = parse_query(f"a{MARK_START}b\x00c{MARK_END}")
    assert MARK_START not in query.text and "\x00" not in query.text


def test_highlights_are_escaped_html_with_marks():
    html = highlight_html(f"<script>x</script> {MARK_START}école{MARK_END} & co", escape=escape)
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>école</mark> &amp; co"


def test_a_highlight_cut_by_the_engine_is_closed():
    assert highlight_html(f"{MARK_START}dével", escape=escape) == "<mark>dével</mark>"
    assert highlight_html(f"x{MARK_END}y", escape=escape) == "xy"
