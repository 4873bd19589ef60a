"""The watch that every browser test runs under reports what it promises to report.

These pages are served by the test itself (``page.route``), so that they can be broken on
purpose; the application's own pages are checked by the journeys.
"""

from playwright.sync_api import expect

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
_CSP = "img-src 'self' data:; default-src 'self'; script-src 'self'; style-src 'self'"


def _serve(page, path: str, body: str, csp: str = _CSP) -> None:
    page.route(f"**{path}", lambda route: route.fulfill(
        status=200, body=body, content_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": csp}))


def _accessible(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="fr"><head><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1>{body}</main></body></html>")


def test_a_page_with_accessibility_violations_is_reported_with_rule_elements_and_address(
        page, watch, live_server):
    _serve(page, "/broken/", '<!doctype html><html><head><title>Broken</title></head><body>'
           f'<main><h1>Broken</h1><img src="{PIXEL}" id="photo">'
           '<a href="/fine/">Next</a></main></body></html>')
    _serve(page, "/fine/", _accessible("Fine", "<p>Nothing wrong here.</p>"))

    page.goto("/broken/")
    # Leave at once, without waiting for anything: the page is checked all the same.
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fine")
    watch.settle()

    report = watch.take_report()
    assert "Accessibility violations" in report
    assert f"{live_server.url}/broken/ [after load]" in report
    assert "html-has-lang (serious)" in report
    assert "image-alt (critical)" in report
    assert "#photo" in report
    assert f"{live_server.url}/fine/" not in report
    assert len(watch.checked) == 2


def test_a_script_refused_by_the_csp_and_a_javascript_error_are_reported(page, watch):
    _serve(page, "/scripts/", _accessible(
        "Scripts", '<script>document.title = "inline";</script>'))

    page.goto("/scripts/")
    page.evaluate("() => setTimeout(() => { throw new Error('boom'); })")
    page.wait_for_timeout(100)
    watch.settle()

    report = watch.take_report()
    assert "Content Security Policy violations" in report
    assert "script-src" in report
    assert "Browser console errors" in report
    assert "Uncaught JavaScript errors" in report
    assert "boom" in report


def test_a_page_changed_by_an_htmx_swap_is_checked_again(page, watch):
    htmx = "/static/vendor/htmx-2.0.8.min.js"
    _serve(page, "/live/", _accessible("Live", (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>'
        f'<script src="{htmx}"></script>'
        '<button hx-get="/fragment/" hx-target="#out" hx-swap="innerHTML">Load</button>'
        '<div id="out"></div>')))
    page.route("**/fragment/", lambda route: route.fulfill(
        status=200, body=f'<img src="{PIXEL}" class="swapped">',
        content_type="text/html; charset=utf-8"))

    page.goto("/live/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_role("button", name="Load").click()
    expect(page.locator("#out img")).to_have_count(1)
    watch.settle()

    report = watch.take_report()
    assert "[after an htmx swap of #out]" in report
    assert "image-alt" in report
    assert 'class="swapped"' in report
    assert "Content Security Policy" not in report


def test_a_server_error_is_reported(page, watch):
    page.route("**/crash/", lambda route: route.fulfill(
        status=500, body=_accessible("Erreur", "<p>Erreur du serveur.</p>"),
        content_type="text/html; charset=utf-8"))

    page.goto("/crash/")
    watch.settle()

    report = watch.take_report()
    assert "Server errors" in report
    assert "HTTP 500 for GET" in report


def test_a_missing_image_is_reported_but_a_page_that_answers_404_on_purpose_is_not(page, watch):
    page.route("**/gone/", lambda route: route.fulfill(
        status=404, content_type="text/html; charset=utf-8", body=_accessible(
            "Page introuvable", '<img src="/static/territoria/missing.png" alt="Logo">')))

    page.goto("/gone/")
    watch.settle()

    report = watch.take_report()
    assert "Browser console errors" in report
    assert "missing.png" in report
    assert "/gone/:" not in report  # the 404 of the page itself is not an error


def test_content_a_script_reveals_is_checked_too(page, watch):
    page.route("**/reveal.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=(
            'document.querySelector("button").addEventListener("click", () => {'
            ' document.getElementById("more").hidden = false; });')))
    _serve(page, "/reveal/", _accessible("Reveal", (
        '<script src="/reveal.js" defer></script><button type="button">More</button>'
        f'<div id="more" hidden><img src="{PIXEL}" class="revealed"></div>')))

    page.goto("/reveal/")
    page.get_by_role("button", name="More").click()
    expect(page.locator(".revealed")).to_be_visible()
    watch.settle()

    report = watch.take_report()
    assert "[after a script changed the page]" in report
    assert 'class="revealed"' in report
