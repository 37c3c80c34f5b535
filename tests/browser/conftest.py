"""Fixtures for the real-browser tests: one JupyterLab, one Voilà per use, one headless Chromium.

- ``chromium_path`` skips every browser test with one line when no Chromium can be found,
  except under ``CI``, where it fails.
- ``lab`` is ONE JupyterLab server for the session, run by this interpreter (so kernels use the
  test environment), with temporary HOME and Jupyter directories, serving a temporary COPY of
  notebooks/ plus a generated ``scratch/explorers.ipynb`` (one cell per explorer).
- ``browser`` is ONE Chromium for the session; ``page`` is a fresh context and page per test.
  (The explorer tests share one page per module, so the explorer notebook runs once; each of
  them first puts the explorer it uses into the state it needs.)
- ``lab_page`` is a ``page`` whose kernels are deleted through the REST API afterwards.
- On a failure, screenshots of the page and of each explorer go to test-output/screenshots/.
- Timings (server start, run-all per notebook, keystroke -> render latency) are collected in
  ``timings`` and printed at the end of the run (they are not assertions).
"""

from __future__ import annotations

import os
import re
import statistics
from collections import defaultdict
from pathlib import Path

import browser_helpers as bh
import learner
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a test fails, save what the learner would have seen, while its pages are still open:
    a screenshot of each page and of each explorer on it, and the browser console's errors."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    values = list(getattr(item, "funcargs", {}).values())
    pages = [value for value in values if bh.is_page(value)]
    pages += [value.page for value in values if bh.is_page(getattr(value, "page", None))]
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
    saved = []
    for i, page in enumerate(dict.fromkeys(pages)):
        saved += bh.save_failure_evidence(page, bh.SCREENSHOTS, name if i == 0 else f"{name}-{i}")
    if saved:
        listing = "\n".join(str(path.relative_to(bh.ROOT)) for path in saved)
        report.sections.append(("screenshots", listing))


_TIMINGS: dict[str, list[float]] = defaultdict(list)


@pytest.fixture(scope="session")
def timings() -> dict[str, list[float]]:
    """Seconds (or milliseconds, when the name says so) by measurement name."""
    return _TIMINGS


def pytest_terminal_summary(terminalreporter):
    if not _TIMINGS:
        return
    terminalreporter.section("browser timings")
    for line in summarize(_TIMINGS):
        terminalreporter.write_line(line)


def summarize(timings: dict[str, list[float]]) -> list[str]:
    lines = []
    for name, values in timings.items():
        if not values:
            continue
        if len(values) == 1:
            lines.append(f"{name}: {values[0]:.2f}")
        else:
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            lines.append(
                f"{name}: n={len(values)} p50={statistics.median(values):.2f} "
                f"p95={p95:.2f} max={max(values):.2f}"
            )
    return lines


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = bh.find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(bh.NO_CHROMIUM)
        pytest.skip(bh.NO_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    with bh.chromium(chromium_path) as browser:
        yield browser


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A temporary copy of notebooks/ and the generated explorer notebook, served by Lab."""
    root = tmp_path_factory.mktemp("lab-root")
    bh.copy_notebooks(root)
    learner.write_explorer_notebook(root / learner.SCRATCH)
    learner.write_broken_notebook(root / learner.BROKEN)
    return root


@pytest.fixture(scope="session")
def lab(chromium_path, lab_root, tmp_path_factory, timings):
    with bh.jupyter_lab(lab_root, tmp_path_factory.mktemp("lab-work")) as server:
        timings["JupyterLab start (s)"].append(server.started_in)
        yield server


@pytest.fixture
def page(browser):
    """A fresh browser context and page for one test."""
    page = bh.new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def lab_page(page, lab):
    """A page for JupyterLab; the kernels it started are shut down afterwards."""
    yield page
    bh.shutdown_kernels(lab)
