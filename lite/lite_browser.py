"""Drive a built JupyterLite site in headless Chromium (tests/test_lite.py, bench_lite.py).

:func:`serve` serves the site on 127.0.0.1; :func:`run_in_repl` opens JupyterLite's REPL with
code cells in the URL (``repl/index.html?kernel=python&code=...``: each runs in order as soon as
the Pyodide kernel is up) and returns each cell's text output, with timings. Requests that leave
127.0.0.1 are blocked and recorded (the offline site must not need the CDN).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
DONE = "lite-cell-done"  # printed after each cell, so that a cell's end is visible on the page


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/octet-stream",
    }

    def log_message(self, *args) -> None:  # quiet
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site's URL, served from a thread for the duration of the block."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class ReplRun:
    outputs: list[str]  # text output of each cell, in order
    seconds: list[float]  # from page load to the end of each cell
    blocked: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1
    console_errors: list[str] = field(default_factory=list)


def run_in_repl(base_url: str, cells: list[str], timeout: float = 180.0) -> ReplRun:
    """Run ``cells`` one after another in a fresh REPL page; each cell's text output.

    Playwright's sync API refuses a thread with a running asyncio loop (one left by another test
    in the same process), so the page is driven from a thread of its own.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run_in_repl, base_url, cells, timeout).result()


def _run_in_repl(base_url: str, cells: list[str], timeout: float) -> ReplRun:
    from playwright.sync_api import sync_playwright

    marked = [f"{cell}\nprint({DONE!r})" for cell in cells]
    query = "&".join("code=" + urllib.parse.quote(cell) for cell in marked)
    url = f"{base_url}/repl/index.html?kernel=python&toolbar=1&{query}"
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()

            def local_only(route):
                host = urllib.parse.urlsplit(route.request.url).hostname
                if host in ("127.0.0.1", "localhost"):
                    return route.continue_()
                blocked.append(route.request.url)
                return route.abort()

            page.route("**/*", local_only)
            page.on("console", lambda m: m.type == "error" and errors.append(m.text[:300]))
            start = time.perf_counter()
            page.goto(url)
            seconds: list[float] = []
            outputs: list[str] = []
            while len(seconds) < len(cells):
                if time.perf_counter() - start > timeout:
                    raise TimeoutError(f"cell {len(seconds) + 1} of {len(cells)} did not finish; "
                                       f"outputs so far: {outputs}")  # fmt: skip
                texts = page.locator(".jp-CodeCell .jp-OutputArea").all_inner_texts()
                finished = [t for t in texts if DONE in t]
                while len(seconds) < len(finished):
                    seconds.append(time.perf_counter() - start)
                outputs = [t.replace(DONE, "").strip() for t in texts]
                time.sleep(0.1)
            outputs = [
                t.replace(DONE, "").strip()
                for t in page.locator(".jp-CodeCell .jp-OutputArea").all_inner_texts()
            ]
        finally:
            browser.close()
    return ReplRun(outputs, seconds, blocked, errors)
