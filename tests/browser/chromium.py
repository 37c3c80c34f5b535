"""One headless Chromium driven by Playwright: launching it, fresh pages, and evidence.

- :func:`find_chromium` - Debian's ``/usr/bin/chromium`` or ``$PLAYWRIGHT_CHROMIUM``;
- :func:`chromium`, :func:`new_page` - one headless browser, a fresh context per page, with the
  page's console errors kept (:func:`console_errors`);
- :func:`save_failure_evidence` - screenshots of the page and of each explorer, and the console.
"""

from __future__ import annotations

import contextlib
import os
import re
import weakref
from collections.abc import Iterator
from pathlib import Path

from servers import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
NO_CHROMIUM = "no Chromium: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
VIEWPORT = {"width": 1280, "height": 1000}

WAIT_MS = 30_000  # default Playwright wait, in milliseconds


def find_chromium() -> str | None:
    """The Chromium executable to drive: ``$PLAYWRIGHT_CHROMIUM`` or ``/usr/bin/chromium``."""
    candidate = os.environ.get("PLAYWRIGHT_CHROMIUM") or DEFAULT_CHROMIUM
    path = Path(candidate)
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


@contextlib.contextmanager
def chromium(executable: str) -> Iterator:
    """One headless Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS, timeout=WAIT_MS * 2
        )
        try:
            yield browser
        finally:
            browser.close()


_CONSOLE_ERRORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def new_page(browser, *, block_cdn: bool = True, viewport: dict | None = None, scale: float = 1.0):
    """A fresh page in its own context (no shared cookies or storage), with bounded waits.

    ``viewport`` is in CSS pixels (default :data:`VIEWPORT`); ``scale`` is the device scale
    factor (1.5 draws a 683 × 512 viewport on 1024 × 768 device pixels, a projector at 150 %).
    The page's console errors and uncaught exceptions are kept for :func:`console_errors`.
    """
    context = browser.new_context(viewport=viewport or VIEWPORT, device_scale_factor=scale)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    if block_cdn:
        # Voilà asks a CDN for font CSS; offline it only clutters the console.
        page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    errors: list[str] = []
    _CONSOLE_ERRORS[page] = errors
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    return page


def console_errors(page) -> list[str]:
    """Errors the page logged to its console (blocked CDN requests left out)."""
    return [e for e in _CONSOLE_ERRORS.get(page, []) if "ERR_FAILED" not in e]


def is_page(value) -> bool:
    """Whether ``value`` is an open Playwright page."""
    from playwright.sync_api import Page

    return isinstance(value, Page) and not value.is_closed()


def save_screenshots(
    page, folder: Path, name: str, selector: str = ".mathkit-explorer"
) -> list[Path]:
    """Screenshot the whole page and each element matching ``selector`` (scrolled into view)."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with contextlib.suppress(Exception):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), timeout=10_000)
        saved.append(path)
    elements = page.locator(selector)
    with contextlib.suppress(Exception):
        for i in range(elements.count()):
            element = elements.nth(i)
            label = element_label(element) or str(i)
            path = folder / f"{name}--{i}-{label}.png"
            element.scroll_into_view_if_needed(timeout=5_000)
            element.screenshot(path=str(path), timeout=10_000)
            saved.append(path)
    return saved


def element_label(element) -> str:
    """``mathkit-jacobian-explorer`` -> ``jacobian``: the explorer's name from its CSS classes."""
    classes = element.get_attribute("class") or ""
    match = re.search(r"mathkit-([\w-]+?)-explorer", classes)
    return match.group(1) if match else ""


def save_failure_evidence(page, folder: Path, name: str) -> list[Path]:
    """What a learner saw when a test failed: screenshots, and the console's errors."""
    saved = save_screenshots(page, folder, name)
    errors = console_errors(page)
    if errors:
        path = folder / f"{name}.console.txt"
        path.write_text("\n".join(errors), encoding="utf-8")
        saved.append(path)
    return saved
