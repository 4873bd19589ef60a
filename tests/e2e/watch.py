"""What every browser test checks without being asked: accessibility, console and CSP errors.

``BrowserWatch`` opens the browser contexts of one test and, in every page of them:

- runs axe-core (WCAG 2.0 / 2.1, levels A and AA) in each HTML document of the application
  when it has loaded, again after each htmx swap, and again when a script has shown, hidden
  or added content (once the page is quiet);
- holds every navigation request (link, form submission, ``goto``, redirect) and every htmx
  request until the checks of the document being left have reported, so a test that moves
  on quickly cannot skip a page;
- records console errors (chromium reports CSP violations there), uncaught page errors,
  CSP violation events and server errors (HTTP 5xx).

The checks run inside the page and report through exposed bindings: Playwright cannot
evaluate script in a document while a navigation away from it is held, and the page's own
script can.

``finish()`` waits for the last checks and returns a report of every problem (empty when
all is well).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_DOCUMENT_4XX = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Runs in every document, before the page's own scripts (init scripts are not subject to the
# page's CSP). Only the top document of an HTML page is checked.
_WATCH_SCRIPT = """
(() => {
  if (window !== window.top || window.__e2eWatch) return;
  if (document.contentType !== "text/html") return;
  const TAGS = %(tags)s;
  const doc = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const watch = window.__e2eWatch = {doc, version: 0};
  let queue = Promise.resolve();
  let pending = null;  // the next check: announced at once, run when the page is quiet
  let running = false;
  window.__e2eDocument(doc, location.href);

  const htmxIdle = async () => {
    const end = Date.now() + 5000;
    while (document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")
           && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const run = () => {
    const job = pending;
    pending = null;
    queue = queue.then(async () => {
      await htmxIdle();
      let outcome;
      running = true;
      try {
        const results = await window.axe.run(document, {runOnly: {type: "tag", values: TAGS}});
        outcome = {violations: results.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({target: n.target.map(String).join(" "),
                                      html: n.html.slice(0, 200)})),
        }))};
      } catch (error) {
        outcome = {error: String(error && error.stack || error)};
      } finally {
        running = false;
      }
      await window.__e2eChecked(doc, job.version, job.moment, location.href,
                                JSON.stringify(outcome));
    });
  };
  // Announced before it runs, so that a navigation or an htmx request waits for it.
  const check = (moment, delay) => {
    if (pending === null) {
      pending = {version: ++watch.version, moment};
      window.__e2eStarted(doc, pending.version);
    } else if (delay === 0) {
      pending.moment = moment;
    }
    clearTimeout(pending.timer);
    pending.timer = setTimeout(run, delay);
  };

  window.addEventListener("load", () => {
    check("after load", 0);
    // Content changed by a script (shown, hidden, added) is checked once the page is quiet.
    new MutationObserver(() => {
      if (!running) check("after a script changed the page", 150);
    }).observe(document.documentElement, {
      childList: true, subtree: true,
      attributes: true, attributeFilter: ["hidden", "aria-hidden", "open", "aria-expanded"],
    });
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) check("back from the page cache", 0);
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    const target = event.detail && event.detail.elt;
    check("after an htmx swap" + (target && target.id ? ` of #${target.id}` : ""), 0);
  });
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__e2eCsp(location.href, `${event.violatedDirective} blocked `
      + `${event.blockedURI || "inline code"} (${event.sourceFile || location.href}`
      + `:${event.lineNumber})`);
  });
})();
"""

# The document and its latest state, once htmx has finished any request, swap or settle.
_STATE_SCRIPT = """
async (timeoutMs) => {
  const busy = () => document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling");
  const end = Date.now() + timeoutMs;
  while (busy() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 0));  // handlers of the last settle, mutations
  const watch = window.__e2eWatch;
  return watch ? [watch.doc, watch.version] : null;
}
"""


@dataclass
class Document:
    """One document shown in a page: how many checks it started and how many reported."""

    id: str
    url: str
    started: int = 0
    reported: int = 0


@dataclass
class Problem:
    kind: str
    url: str
    text: str
    moment: str = ""


UNLOADED_WAIT_S = 3.0


@dataclass
class BrowserWatch:
    browser: object
    axe_source: str
    base_url: str
    locale: str = "fr-FR"
    # Generous: on a loaded 2-core machine, a large page and axe-core's pass over it can take
    # several seconds; a journey that really hangs still fails, only later.
    timeout_ms: int = 20_000
    problems: list[Problem] = field(default_factory=list)
    contexts: list = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # "URL [moment]" of each state checked
    _documents: dict = field(default_factory=dict)  # page → its current Document
    _seen: set = field(default_factory=set)
    _finished: bool = False

    # --- opening pages ---------------------------------------------------------------

    def new_context(self, **options):
        options.setdefault("locale", self.locale)
        options.setdefault("timezone_id", "Europe/Paris")
        context = self.browser.new_context(base_url=self.base_url, **options)
        context.set_default_timeout(self.timeout_ms)
        context.set_default_navigation_timeout(self.timeout_ms * 2)
        context.expose_binding("__e2eDocument", self._on_document)
        context.expose_binding("__e2eStarted", self._on_started)
        context.expose_binding("__e2eChecked", self._on_checked)
        context.expose_binding("__e2eCsp", self._on_csp)
        context.add_init_script(self.axe_source)
        context.add_init_script(_WATCH_SCRIPT % {"tags": json.dumps(AXE_TAGS)})
        context.route(self._is_watched_url, self._on_request)
        context.on("page", self._watch_page)
        self.contexts.append(context)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def _watch_page(self, page) -> None:
        page.on("console", lambda message: self._on_console(page, message))
        page.on("pageerror", lambda error: self._record(
            "page error", page.url, f"uncaught {error.name}: {error.message}"))
        page.on("response", self._on_response)

    # --- reports from the pages ------------------------------------------------------

    def _on_document(self, source, doc: str, url: str) -> None:
        if url.startswith(self.base_url):
            self._documents[source["page"]] = Document(doc, url)

    def _current(self, source, doc: str) -> Document | None:
        document = self._documents.get(source["page"])
        return document if document is not None and document.id == doc else None

    def _on_started(self, source, doc: str, version: int) -> None:
        if document := self._current(source, doc):
            document.started = max(document.started, version)

    def _on_checked(self, source, doc: str, version: int, moment: str, url: str,
                    outcome: str) -> None:
        if document := self._current(source, doc):
            document.reported = max(document.reported, version)
        self.checked.append(f"{url} [{moment}]")
        outcome = json.loads(outcome)
        if "error" in outcome:
            self._record("watch", url, f"axe-core failed: {outcome['error']}", moment)
            return
        for violation in outcome["violations"]:
            elements = "\n".join(f"        {node['target']}    {node['html']}"
                                 for node in violation["nodes"])
            self._record("accessibility", url, (
                f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
                f"      {violation['helpUrl']}\n{elements}"), moment)

    def _on_csp(self, source, url: str, text: str) -> None:
        self._record("CSP", url, text)

    def _on_console(self, page, message) -> None:
        if message.type != "error":
            return
        location = message.location or {}
        if (location.get("url") == page.url and _DOCUMENT_4XX.match(message.text)):
            # The page itself answered 404, 403, 410…: what the journey asked for, and
            # checked like any page. A missing image, script or style is still an error.
            return
        where = ""
        if location.get("url"):
            where = f" ({location['url']}:{location.get('lineNumber', '?')})"
        self._record("console", page.url, f"{message.text}{where}")

    def _on_response(self, response) -> None:
        if response.status >= 500:
            self._record("server", response.url,
                         f"HTTP {response.status} for {response.request.method} {response.url}")

    def _record(self, kind: str, url: str, text: str, moment: str = "") -> None:
        key = (kind, url, text)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(Problem(kind, url, text, moment))

    # --- holding requests until the page they leave is checked -----------------------

    def _is_watched_url(self, url: str) -> bool:
        # Static files never change the page: they are not held.
        return url.startswith(self.base_url) and not urlsplit(url).path.startswith(
            ("/static/", "/media/"))

    def _on_request(self, route, request) -> None:
        try:
            is_htmx = request.headers.get("hx-request") == "true"
            if request.is_navigation_request() or is_htmx:
                frame = request.frame
                if frame.parent_frame is None:
                    self.wait_for_checks(frame.page, leaving_for=request.url)
        except Exception as exc:  # noqa: BLE001 — reported, not swallowed
            if "is not available" not in str(exc):  # a popup's first request has no frame
                self._record("watch", request.url, f"could not wait for the checks: {exc}")
        route.fallback()

    def wait_for_checks(self, page, leaving_for: str = "", state=None) -> None:
        """Wait until the page's current document has been checked in its latest state.

        ``state`` is the page's own ``[document, version]`` when the caller could read it;
        otherwise the latest state the page has announced is awaited.
        """
        deadline = time.monotonic() + self.timeout_ms / 1000
        # Leaving a document whose load event was never announced: it is not waited for long.
        # Seen on a loaded machine: a navigation held here for a document that had not (yet)
        # announced its load, and the browser then never announced it, so the journey
        # stalled; a document left before it loaded was never shown whole to anyone.
        unloaded_deadline = time.monotonic() + UNLOADED_WAIT_S
        while True:
            document = self._documents.get(page)
            if state is None and document is None:
                return
            if (leaving_for and document is not None and document.started == 0
                    and time.monotonic() > unloaded_deadline):
                return
            if document is not None and (state is None or document.id == state[0]):
                wanted = max(document.started, state[1] if state else 0, 1)
                if document.reported >= wanted:
                    return
            if page.is_closed():
                return
            if time.monotonic() > deadline:
                moment = f"before leaving for {leaving_for}" if leaving_for else ""
                self._record("watch", document.url if document else page.url,
                             "the page was never checked: it did not finish loading in "
                             f"{self.timeout_ms} ms, or axe-core did not answer", moment)
                return
            page.wait_for_timeout(20)

    # --- the end of the test ---------------------------------------------------------

    def settle(self) -> None:
        """Wait until every open page has been checked in its current state."""
        for context in self.contexts:
            for page in context.pages:
                for attempt in range(3):
                    try:
                        page.wait_for_load_state("load")
                        state = page.evaluate(_STATE_SCRIPT, self.timeout_ms)
                    except Exception as exc:  # noqa: BLE001
                        # A navigation was under way: its new document is checked instead.
                        if "context was destroyed" in str(exc) and attempt < 2:
                            continue
                        self._record("watch", page.url, f"could not wait for the checks: {exc}")
                        break
                    if state is not None and page.url.startswith(self.base_url):
                        self.wait_for_checks(page, state=state)
                    break
        if self.contexts and not self.checked and not self.problems:
            self._record("watch", self.base_url, "no page of the application was checked: "
                         "did the test visit none, or is the watch broken?")

    def take_report(self) -> str:
        """The report of the problems recorded so far, which are then forgotten."""
        report = self.report()
        self.problems.clear()
        self._seen.clear()
        return report

    def finish(self) -> str:
        """Wait for the checks of every open page, close the contexts, return the report."""
        if self._finished:
            return ""
        self._finished = True
        self.settle()
        self.close()
        return self.report()

    def close(self) -> None:
        for context in self.contexts:
            try:
                context.close()
            except Exception:  # noqa: BLE001 — already closed, with its browser
                pass
        self.contexts.clear()

    def summary(self) -> str:
        return (f"{len(self.checked)} page states checked with axe-core:\n"
                + "\n".join(f"  {state}" for state in self.checked))

    def report(self) -> str:
        if not self.problems:
            return ""
        titles = {
            "accessibility": "Accessibility violations (axe-core; WCAG 2.0 and 2.1, A and AA)",
            "CSP": "Content Security Policy violations",
            "console": "Browser console errors",
            "page error": "Uncaught JavaScript errors",
            "server": "Server errors",
            "watch": "Pages the watch could not check",
        }
        lines = []
        for kind, title in titles.items():
            problems = [p for p in self.problems if p.kind == kind]
            if not problems:
                continue
            lines.append(f"{title}:")
            by_page: dict[tuple[str, str], list[str]] = {}
            for p in problems:
                by_page.setdefault((p.url, p.moment), []).append(p.text)
            for (url, moment), texts in by_page.items():
                lines.append(f"  {url}" + (f" [{moment}]" if moment else ""))
                lines.extend(f"    - {text}" for text in texts)
        return "\n".join(lines)
