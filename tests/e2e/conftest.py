"""Browser journeys: Playwright drives Debian's chromium against pytest-django's live server.

Every test that uses ``page`` (or ``new_page``) runs under a ``BrowserWatch`` (watch.py), so
no test can forget the checks the project promises (RGAA / WCAG 2.1 AA, strict CSP):

- axe-core (WCAG 2.0 and 2.1, A and AA) checks every HTML document of the application when
  it has loaded — after links, form submissions, redirects, ``goto`` —, again after each
  htmx swap and when a script shows, hides or adds content; navigation and htmx requests
  are held until the page being left has reported, and the state every page is left in is
  checked when the test body ends;
- console errors (chromium reports CSP violations there), CSP violation events, uncaught
  JavaScript errors and HTTP 5xx answers are recorded.

Anything recorded fails the test, with a report of each problem and the page it was on.
The browser's language is French, as a French resident's is (``watch.locale``).

Run them alone with ``python -m pytest tests/e2e`` (or ``-m e2e``); set
``TERRITORIA_E2E_REQUIRED=1`` to make a missing chromium or axe-core fail instead of skip.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.watch import BrowserWatch

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TERRITORIA_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these, chromium keeps calling home and floods the closed network.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
_WATCH = pytest.StashKey[BrowserWatch]()
_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Check the pages still open when the test body ends, then fail on any problem found.

    Done here rather than in a fixture's teardown so that problems fail the test itself
    instead of erroring its teardown.
    """
    try:
        result = yield
    except BaseException:
        watch = item.stash.get(_WATCH, None)
        if watch is not None:
            report = watch.finish()
            item.add_report_section("call", "browser checks", "\n".join(
                part for part in (report, watch.summary()) if part))
        raise
    watch = item.stash.get(_WATCH, None)
    if watch is not None:
        report = watch.finish()
        item.add_report_section("call", "browser checks", watch.summary())
        if report:
            pytest.fail(report, pytrace=False)
    return result


def _missing(what: str, installer: str) -> None:
    """Skip the browser tests when a tool is missing; fail instead where they must run."""
    message = f"{what}; `make test` installs it (so does `{installer}`)"
    if os.environ.get("TERRITORIA_E2E_REQUIRED", "") not in ("", "0"):
        pytest.fail(f"{message} [TERRITORIA_E2E_REQUIRED is set]", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        _missing(f"axe-core is not installed ({AXE} is missing)", "npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def browser(axe_source):
    """One chromium for the whole e2e package, stopped when the package's tests are done.

    Package scope rather than session scope: Playwright's sync API keeps an asyncio loop
    marked as running in this thread, which makes Django refuse database access; the
    app tests that run after this package must not see it.
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"Debian's chromium is not installed ({CHROMIUM} is missing)", "make browser")
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # The tests create their data through the ORM while Playwright's loop runs in the
    # same thread; the live server itself runs in another thread and is unaffected.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture
def watch(request, browser, axe_source, live_server, transactional_db, settings) -> Iterator[
        BrowserWatch]:
    from django.core.cache import cache

    # Rate limits and used TOTP codes live in the cache: start each journey afresh.
    cache.clear()
    # Links in e-mails point at the public address of the site: here, the live server.
    settings.SITE_URL = live_server.url
    watch = BrowserWatch(browser=browser, axe_source=axe_source, base_url=live_server.url)
    request.node.stash[_WATCH] = watch
    yield watch
    watch.close()


@pytest.fixture
def new_page(watch):
    """Open a page in a new browser context (another person, with their own cookies).

    The browser asks for French first, as a French resident's browser does.
    """
    return watch.new_page


@pytest.fixture
def page(new_page):
    return new_page()
