"""Printable documents (core/pdf.py): a real PDF, our own files only."""

import logging
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation
from weasyprint.formatting_structure.boxes import MarginBox

from territoria.core.domain.charts import Bar, bar_chart
from territoria.core.pdf import StaticFetcher, render_document, render_pdf

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a URL other than through our fetcher's disk read fails the test."""
    opened = []

    def refuse(self, url, *args, **kwargs):
        opened.append(getattr(url, "full_url", url))
        raise AssertionError(f"the PDF renderer opened {url!r}")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    return opened


def chart():
    return bar_chart([Bar("Pays de Test", 12.5, highlight=True), Bar("Côtes-d'Armor", 9.75),
                      Bar("France", None)], title="Unemployment rate", unit="%", precision=1)


def page_text(document, *, margins_only: bool = False) -> str:
    """Every text laid out on the pages, margin boxes (running header, page number) included;
    only the margin boxes' with ``margins_only``."""
    words = []

    def walk(box, in_margin):
        in_margin = in_margin or isinstance(box, MarginBox)
        if getattr(box, "text", None) and (in_margin or not margins_only):
            words.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child, in_margin)

    for page in document.pages:
        walk(page._page_box, False)
    return " ".join(words)


def render(body="", **context):
    context = {"heading": "Diagnostic of the territory", "body": body, "chart": chart(),
               **context}
    with translation.override("en"):
        return render_document("tests/chart_document.html", context)


def test_render_pdf_returns_a_pdf():
    with translation.override("en"):
        pdf = render_pdf("tests/chart_document.html",
                         {"heading": "Diagnostic", "body": "", "chart": chart()})
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_the_pdf_shows_the_chart_table_the_page_numbers_and_the_territory(territory,
                                                                          no_network):
    document = render(territory=territory)
    text = page_text(document)
    assert len(document.pages) == 1
    for expected in ("Diagnostic of the territory", "Pays de Test", "Côtes-d'Armor", "France",
                     "12.5%", "9.8%", "No data", "Page 1 / 1"):
        assert expected in text
    margins = page_text(document, margins_only=True)
    assert "Pays de Test" in margins and "Page 1 / 1" in margins  # running header and footer
    assert document.metadata.title == "Diagnostic of the territory — Pays de Test"
    assert document.metadata.lang == "en"
    assert no_network == []


def test_a_long_document_numbers_its_pages():
    document = render(body=" ".join(["Lorem ipsum dolor sit amet."] * 900))
    count = len(document.pages)
    assert count > 1
    assert f"Page {count} / {count}" in page_text(document)


def test_hostile_urls_in_the_content_are_not_fetched(no_network, caplog):
    hostile = ('<img src="http://example.com/x.png" alt="">'
               '<img src="file:///etc/passwd" alt="">'
               '<img src="/static/../../../../etc/passwd" alt="">'
               '<link rel="stylesheet" href="https://evil.example/x.css">')
    with caplog.at_level(logging.WARNING, logger="territoria.core.pdf"):
        document = render(body_html=hostile)
    assert no_network == []
    refused = " ".join(r.getMessage() for r in caplog.records if "refused" in r.getMessage())
    for url in ("http://example.com/x.png", "file:///etc/passwd", "https://evil.example/x.css"):
        assert url in refused
    assert "Page 1 / 1" in page_text(document)  # our own stylesheet was served


@pytest.mark.parametrize("url", [
    "http://example.com/static/core/print.css",  # our path on another host
    "file:///etc/passwd",
    "http://127.0.0.1:8000/static/../../etc/passwd",
    "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd",
    "http://127.0.0.1:8000/media/private/report.pdf",  # an upload that is not a logo
    "http://127.0.0.1:8000/admin/",
    "http://127.0.0.1:8000/static/core/print.css?x=1",
    "data:text/css,body{}",
    "ftp://127.0.0.1:8000/static/core/print.css",
])
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    fetcher = StaticFetcher(site="http://127.0.0.1:8000")
    assert fetcher.local_file(url) is None
    with pytest.raises(ValueError):
        fetcher.fetch(url)


@override_settings(STATIC_URL="/static/")
def test_the_fetcher_serves_our_static_files_from_disk():
    fetcher = StaticFetcher(site="http://127.0.0.1:8000")
    response = fetcher.fetch("http://127.0.0.1:8000/static/core/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_loading_the_pdf_renderer_leaves_truncated_uploads_refused():
    from PIL import ImageFile

    import territoria.core.pdf  # noqa: F401  (WeasyPrint, imported there, flips the flag)

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_same_document_is_a_web_page_inside_the_site_frame(rf, territory):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user, request.territory = AnonymousUser(), territory
    html = render_to_string("tests/chart_document.html",
                            {"heading": "Diagnostic", "chart": chart()}, request=request)
    assert 'class="site-header"' in html and 'class="territory-nav"' in html
    assert 'href="/static/core/print.css" media="print"' in html
    assert "<svg" in html and "data-page-word" not in html


def test_the_territory_logo_is_read_from_disk(territory, no_network, monkeypatch):
    from django.core.files.base import ContentFile

    from tests.core.conftest import png_bytes

    territory.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    served = []
    original = StaticFetcher.local_file

    def spy(self, url):
        found = original(self, url)
        served.append((url, found))
        return found

    monkeypatch.setattr(StaticFetcher, "local_file", spy)
    render(territory=territory)
    logos = [(url, found) for url, found in served if "/media/logos/" in url]
    assert len(logos) == 1 and logos[0][1] is not None and logos[0][1].is_file()
