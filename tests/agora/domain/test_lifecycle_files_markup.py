import pytest

from territoria.agora.domain.files import sniff
from territoria.agora.domain.lifecycle import Status, can_move, team_targets
from territoria.agora.domain.markup import chart_codes, render
from territoria.agora.domain.registrations import confirmed_and_waiting, seats_to_fill


@pytest.mark.parametrize(("current", "target", "team", "allowed"), [
    ("draft", "published", False, True),
    ("published", "withdrawn", False, True),
    ("published", "accepted", False, False),
    ("published", "evaluating", True, True),
    ("evaluating", "accepted", True, True),
    ("accepted", "implemented", True, True),
    ("rejected", "implemented", True, False),
    ("withdrawn", "published", False, False),
    ("withdrawn", "accepted", True, False),
    ("draft", "accepted", True, False),
])
def test_the_lifecycle_allows_only_its_moves(current, target, team, allowed):
    assert can_move(current, target, by_team=team) is allowed


def test_the_team_sees_the_moves_in_lifecycle_order():
    assert team_targets("published") == [Status.EVALUATING, Status.ACCEPTED, Status.REJECTED]


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
    (b"GIF89a\x01\x00\x01\x00", "image/gif"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"MZ\x90\x00\x03\x00\x00\x00", None),
    (b"\x7fELF\x02\x01\x01\x00", None),
    (b"<html><script>", None),
    (b"hello, world", None),
])
def test_a_file_is_known_by_its_bytes(head, kind):
    assert sniff(head).content_type == kind


def test_an_executable_is_named_as_such():
    assert sniff(b"MZ\x90\x00").description == "executable"


def test_the_markup_makes_paragraphs_headings_lists_and_links():
    blocks = render("## Where the money goes\n\nHouseholds spend **40 %** *outside*.\n\n"
                    "- food\n- fuel\n\n[INSEE](https://www.insee.fr)")
    assert len(blocks) == 1 and blocks[0].kind == "html"
    html = blocks[0].value
    assert "<h2>Where the money goes</h2>" in html
    assert "<strong>40 %</strong>" in html and "<em>outside</em>" in html
    assert "<ul><li>food</li><li>fuel</li></ul>" in html
    assert '<a href="https://www.insee.fr" rel="noopener noreferrer">INSEE</a>' in html


def test_a_chart_line_becomes_its_own_block_between_the_text():
    blocks = render("Before.\n[[chart:population]]\nAfter.")
    assert [b.kind for b in blocks] == ["html", "chart", "html"]
    assert blocks[1].value == "population"
    assert chart_codes("[[chart:unemployment_rate]]\n[[chart:Bad code]]") == [
        "unemployment_rate"]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))", '<a href="javascript:alert(1)">x</a>',
    "**<svg onload=alert(1)>**", "<style>body{display:none}</style>",
])
def test_hostile_markup_comes_out_as_text(hostile):
    from html.parser import HTMLParser

    found = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Elements().feed("".join(b.value for b in render(hostile)))
    assert {tag for tag, _ in found} <= {"p", "strong", "em", "a"}
    assert all(not attrs.get("href", "").startswith("javascript") for _, attrs in found)
    assert all(not name.startswith("on") for _, attrs in found for name in attrs)


def test_registrations_fill_the_seats_in_order_then_wait():
    assert confirmed_and_waiting(["a", "b", "c"], 2) == (["a", "b"], ["c"])
    assert confirmed_and_waiting(["a", "b"], None) == (["a", "b"], [])
    assert seats_to_fill(capacity=10, confirmed=9, waiting=3) == 1
    assert seats_to_fill(capacity=10, confirmed=10, waiting=3) == 0
    assert seats_to_fill(capacity=None, confirmed=10, waiting=3) == 3
