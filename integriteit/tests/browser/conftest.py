"""Browser tests: Playwright driving Debian's chromium, with axe-core for accessibility.

Run them with ``pytest -m browser``. Playwright's own browser download does not work here,
so the tests use the system chromium that ``make install`` puts in place; when it is
missing they fail (not skip), because a skipped accessibility check reads like a pass.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API keeps an asyncio loop running in the test thread for as long as the
# browser lives (the whole session), so Django would refuse every ORM call made afterwards
# in this process with SynchronousOnlyOperation, although each call is plain synchronous
# code. Set before any test runs, because the loop outlives the browser tests themselves.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[3]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Set on the page by the ``page`` fixture; read by :func:`axe_check`.
CSP_ERRORS_ATTR = "_igt_csp_errors"


def chromium_path() -> Path:
    found = shutil.which("chromium")
    return Path(found) if found else Path("/usr/bin/chromium")


_BROWSER = pytest.StashKey[Browser]()


def _shared_browser(config: pytest.Config) -> Browser:
    """One chromium per test session, however many modules use the fixture.

    Playwright's sync API refuses a second start in the same thread, so the browser lives
    on the pytest config (not in a fixture instance) and closes when the session ends.
    """
    if _BROWSER in config.stash:
        return config.stash[_BROWSER]
    executable = chromium_path()
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        pytest.fail(
            f"Chromium ontbreekt ({executable}). De browsertests gebruiken de chromium van "
            "Debian; voer `make install` uit om die te installeren.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise

    def close() -> None:
        launched.close()
        playwright.stop()

    config.add_cleanup(close)
    config.stash[_BROWSER] = launched
    return launched


@pytest.fixture(scope="session")
def browser(pytestconfig: pytest.Config) -> Browser:
    return _shared_browser(pytestconfig)


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A fresh browser context (no cookies) in Dutch, with relative URLs on the live server.

    Content-Security-Policy stays enforced; violations reported on the console are
    collected so that :func:`axe_check` fails on inline styles or scripts as well.
    """
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    csp_errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            csp_errors.append(message.text)

    new_page.on("console", on_console)
    setattr(new_page, CSP_ERRORS_ATTR, csp_errors)
    yield new_page
    context.close()


def _describe(violation: dict[str, Any]) -> str:
    targets = [
        " ".join(str(part) for part in node.get("target", []))
        for node in violation.get("nodes", [])[:3]
    ]
    return (
        f"- {violation['id']} ({violation.get('impact')}): {violation.get('help')} "
        f"[{len(violation.get('nodes', []))}x, o.a. {'; '.join(targets)}]"
    )


def axe_check(page: Page) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail on serious/critical findings.

    Also fails when the page broke its Content-Security-Policy (inline style or script),
    since that would be blocked in production and is invisible otherwise.
    """
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core ontbreekt ({AXE_JS}); voer `make install` uit.", pytrace=False)
    page.wait_for_load_state("load")
    # Evaluated through the DevTools protocol, which the page's CSP does not govern, so
    # the policy stays strict for the application's own code.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results: dict[str, Any] = page.evaluate(
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    csp_errors: list[str] = getattr(page, CSP_ERRORS_ATTR, [])
    problems = [_describe(v) for v in blocking] + [f"- CSP: {text}" for text in csp_errors]
    if problems:
        pytest.fail(f"Toegankelijkheid/CSP op {page.url}:\n" + "\n".join(problems), pytrace=False)
