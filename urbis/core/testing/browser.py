"""Real-browser fixtures: Playwright driving Debian's chromium (never a downloaded browser).

Use ``browser_page`` with pytest-django's ``live_server``::

    @pytest.mark.browser
    def test_journey(live_server, browser_page, coordinator):
        login_in_browser(browser_page, live_server.url, "coordinator")
        ...

The tests skip with a clear reason when chromium is not installed (``make test`` installs it
where it can: scripts/ensure-chromium.sh).

Every page these fixtures load is checked with axe-core (npm ``axe-core``, served from our own
static files, so the Content-Security-Policy's 'self' allows it): after each page load, the
WCAG 2.1 A/AA rules run in the page and report back through an exposed binding; when the
test ends, the fixture waits for the last run and fails the test naming every *serious* or
*critical* violation with its page and elements.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = ("serious", "critical")

# Runs in every page before its own scripts (Playwright init scripts are not subject to the
# page's CSP). On load it adds axe from /static/ and reports the serious and critical
# violations; window.__urbisAxe is the promise of the latest run, awaited at teardown.
_AXE_INIT = """
(() => {
  if (window.top !== window) return;
  const run = () => new Promise((resolve) => {
    const go = () => window.axe.run(document, {runOnly: {type: 'tag', values: %(tags)s}})
      .then((result) => {
        const where = (v) => v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ');
        const bad = result.violations.filter((v) => %(impacts)s.includes(v.impact))
          .map((v) => `${v.id} (${v.impact}): ${where(v)}`);
        return window.urbisAxeReport(location.pathname + location.search, bad);
      })
      .catch((error) => window.urbisAxeReport(location.pathname, [`axe failed: ${error}`]))
      .finally(resolve);
    if (window.axe) { go(); return; }
    const script = document.createElement('script');
    script.src = '/static/vendor/axe/axe.min.js';
    script.onload = go;
    script.onerror = () => {
      window.urbisAxeReport(location.pathname, ['axe-core did not load']).finally(resolve);
    };
    document.head.appendChild(script);
  });
  window.addEventListener('load', () => { window.__urbisAxe = run(); });
})();
"""


class AxeWatch:
    """Collects axe-core's findings for every page of one browser context."""

    def __init__(self, context: Any) -> None:
        self.findings: dict[str, list[str]] = {}
        self.checked: list[str] = []
        context.expose_binding("urbisAxeReport", self._report)
        context.add_init_script(
            _AXE_INIT % {"tags": repr(AXE_TAGS), "impacts": repr(list(AXE_IMPACTS))}
        )

    def _report(self, source: Any, path: str, violations: list[str]) -> None:
        self.checked.append(path)
        for violation in violations:
            self.findings.setdefault(path, [])
            if violation not in self.findings[path]:
                self.findings[path].append(violation)

    def finish(self, pages: list[Any]) -> None:
        """Wait for the run on each open page, then fail on any finding."""
        from playwright.sync_api import Error as PlaywrightError

        for page in pages:
            # A page closed or navigating at the end: its last run is lost, nothing to wait for.
            with contextlib.suppress(PlaywrightError):
                page.evaluate("() => window.__urbisAxe")
        if self.findings:
            lines = [f"{path}: {v}" for path, found in self.findings.items() for v in found]
            pytest.fail(
                "axe-core found serious or critical accessibility problems (WCAG 2.1 A/AA):\n"
                + "\n".join(lines),
                pytrace=False,
            )


def _new_page(browser: Any, **options: Any) -> Iterator[Any]:
    context = browser.new_context(**options)
    if not AXE_SCRIPT.exists():
        pytest.fail("static/vendor/axe/axe.min.js missing: run make install (npm build)")
    watch = AxeWatch(context)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    try:
        watch.finish(context.pages)
    finally:
        context.close()


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("URBIS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and os.path.exists(candidate) else None


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser: Any) -> Iterator[Any]:
    yield from _new_page(_browser, viewport={"width": 1280, "height": 900}, locale="nl-BE")


@pytest.fixture
def phone_page(_browser: Any) -> Iterator[Any]:
    """A phone-sized viewport, for the street."""
    yield from _new_page(
        _browser,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )


def login_in_browser(
    page: Any, base_url: str, username: str, password: str = "a-test-password-1"
) -> None:
    page.goto(f"{base_url}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base_url}/")
