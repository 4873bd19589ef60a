"""From what a person types to safe HTML: the light syntax, and hostile input made harmless."""

import pytest

from territoria.comments.domain.text import ALLOWED_TAGS, sanitise, to_html, to_plain


def test_paragraphs_lists_emphasis_and_links():
    html = to_html("Bonjour *tous*,\nvoici **deux** points :\n\n- les bus\n- les trains\n\n"
                   "1. un\n2. deux\n\nVoir [le plan](https://example.org/plan) ou "
                   "https://example.org/a?b=1&c=2.")
    assert html == (
        "<p>Bonjour <em>tous</em>,<br>voici <strong>deux</strong> points :</p>"
        "<ul><li>les bus</li><li>les trains</li></ul><ol><li>un</li><li>deux</li></ol>"
        '<p>Voir <a href="https://example.org/plan" rel="nofollow ugc noopener">le plan</a> '
        'ou <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>.</p>")


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    '"><script>alert(1)</script>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "<!-- --><p onclick=alert(1)>x</p>",
])
def test_hostile_html_is_shown_as_typed_and_never_becomes_markup(hostile):
    html = to_html(hostile)
    for tag, attributes in markup(html):
        assert tag in ALLOWED_TAGS
        for name, value in attributes:
            assert name in ("href", "rel")
            if name == "href":
                assert value.startswith(("http://", "https://", "mailto:"))
    assert html.startswith("<p>")


def markup(html: str) -> list[tuple[str, list]]:
    """The elements a browser would build from ``html``, with their attributes."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_sanitise_keeps_the_allowed_tags_only_and_marks_links():
    dirty = ('<p onclick="x()">a <em>b</em> <b>c</b> <a href="https://x.org" target="_blank">'
             'd</a> <a href="javascript:alert(1)">e</a><script>alert(1)</script></p>')
    assert sanitise(dirty) == ('<p>a <em>b</em> c <a href="https://x.org" '
                               'rel="nofollow ugc noopener">d</a> <a rel="nofollow ugc '
                               'noopener">e</a></p>')


def test_arithmetic_and_angle_brackets_stay_text():
    assert to_html("2 * 3 * 4 < 30 & 5 > 4") == "<p>2 * 3 * 4 &lt; 30 &amp; 5 &gt; 4</p>"


def test_blank_input_gives_no_html():
    assert to_html("  \n\n  ") == ""


def test_the_plain_excerpt_is_one_line_and_bounded():
    assert to_plain("a\n\nb   c") == "a b c"
    assert len(to_plain("x" * 500, limit=50)) == 50
