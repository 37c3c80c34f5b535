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
- Tests listed in ``known_defects.py`` are strict xfails, each with its defect as the reason.
- Timings (server start, run-all per notebook, keystroke -> render latency) are collected in
  ``timings`` and printed at the end of the run (they are not assertions).
- ``axe`` scans a page with axe-core and records what it found; the table of every violation
  (rule, impact, count, page) is printed at the end of the run and written to
  test-output/axe.md. Tests fail on serious and critical violations only.
- ``size`` is each screen of :data:`layout.SIZES` (800 px wide; a projector at 150 %); ``fit``
  checks a page at a size and records what does not fit: the table (kind, count, page, size,
  first example) is printed at the end of the run and written to test-output/fit.md.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import defaultdict
from pathlib import Path

import accessibility
import chromium as ch
import known_defects
import layout
import notebook_files as nf
import problems as pb
import pytest
import servers


def pytest_collection_modifyitems(items):
    """Known defects (``known_defects.py``): strict xfails, one exact test id each."""
    known_defects.mark(items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a test fails, save what the learner would have seen, while its pages are still open:
    a screenshot of each page and of each explorer on it, and the browser console's errors."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    values = list(getattr(item, "funcargs", {}).values())
    pages = [value for value in values if ch.is_page(value)]
    pages += [value.page for value in values if ch.is_page(getattr(value, "page", None))]
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
    saved = []
    for i, page in enumerate(dict.fromkeys(pages)):
        saved += ch.save_failure_evidence(page, ch.SCREENSHOTS, name if i == 0 else f"{name}-{i}")
    if saved:
        listing = "\n".join(str(path.relative_to(servers.ROOT)) for path in saved)
        report.sections.append(("screenshots", listing))


_TIMINGS: dict[str, list[float]] = defaultdict(list)


@pytest.fixture(scope="session")
def timings() -> dict[str, list[float]]:
    """Seconds (or milliseconds, when the name says so) by measurement name."""
    return _TIMINGS


AXE_REPORT = servers.ROOT / "test-output" / "axe.md"
_AXE_FOUND: list[accessibility.Violation] = []
_AXE_PAGES: list[str] = []


@pytest.fixture(scope="session")
def axe():
    """``axe(page, name, context=None)``: scan ``page`` with axe-core, record the violations
    for the session's table, and return them."""

    def scan(page, name: str, context: dict | None = None) -> list[accessibility.Violation]:
        found = accessibility.scan(page, name, context)
        _AXE_PAGES.append(name)
        _AXE_FOUND.extend(found)
        return found

    return scan


FIT_REPORT = servers.ROOT / "test-output" / "fit.md"
_FIT_FOUND: list[tuple[str, str, pb.Problem]] = []  # (page, size, problem)
_FIT_PAGES: list[str] = []


@pytest.fixture(scope="session")
def fit():
    """``fit(page, name, size, voila=False)``: resize to ``size``, return what does not fit
    (:func:`layout.at_size`) and record it for the session's table."""

    def check(page, name: str, size: layout.Size, voila: bool = False) -> list[pb.Problem]:
        found = layout.at_size(page, size, voila=voila)
        _FIT_PAGES.append(f"{name} at {size.name}")
        _FIT_FOUND.extend((name, size.name, problem) for problem in found)
        return found

    return check


def fit_table() -> str:
    """Markdown: how many problems of each kind, by page and size; then the first of each."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    first: dict[tuple[str, str, str], pb.Problem] = {}
    for name, size, problem in _FIT_FOUND:
        key = (problem.kind, name, size)
        counts[key] += 1
        first.setdefault(key, problem)
    lines = ["| kind | count | page | size | first |", "|---|---|---|---|---|"]
    for (kind, name, size), n in sorted(counts.items()):
        text = first[(kind, name, size)].text.replace("|", "\\|")
        shown = text if len(text) <= 110 else text[:107] + "..."
        lines.append(f"| {kind} | {n} | {name} | {size} | {shown} |")
    return "\n".join(lines)


@pytest.fixture(params=layout.SIZES, ids=lambda size: size.name)
def size(request) -> layout.Size:
    return request.param


def pytest_terminal_summary(terminalreporter):
    if _TIMINGS:
        terminalreporter.section("browser timings")
        for line in summarize(_TIMINGS):
            terminalreporter.write_line(line)
    if _FIT_PAGES:
        body = fit_table() if _FIT_FOUND else "Everything fits."
        FIT_REPORT.parent.mkdir(parents=True, exist_ok=True)
        FIT_REPORT.write_text(
            "# What does not fit\n\nChecked: " + ", ".join(_FIT_PAGES) + ".\n\n" + body + "\n",
            encoding="utf-8",
        )
        terminalreporter.section("fit at 800 px and on the projector: what remains")
        for line in body.splitlines():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"(written to {FIT_REPORT.relative_to(servers.ROOT)})")
    if _AXE_PAGES:
        path = accessibility.write_report(_AXE_FOUND, _AXE_PAGES, AXE_REPORT)
        terminalreporter.section("axe-core: what remains")
        body = accessibility.table(_AXE_FOUND) if _AXE_FOUND else "No violation."
        for line in body.splitlines():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"(written to {path.relative_to(servers.ROOT)})")


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
    path = ch.find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(ch.NO_CHROMIUM)
        pytest.skip(ch.NO_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    with ch.chromium(chromium_path) as browser:
        yield browser


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A temporary copy of notebooks/ and the generated explorer notebook, served by Lab."""
    root = tmp_path_factory.mktemp("lab-root")
    nf.copy_notebooks(root)
    nf.write_explorer_notebook(root / nf.SCRATCH)
    nf.write_broken_notebook(root / nf.BROKEN)
    return root


@pytest.fixture(scope="session")
def lab(chromium_path, lab_root, tmp_path_factory, timings):
    with servers.jupyter_lab(lab_root, tmp_path_factory.mktemp("lab-work")) as server:
        timings["JupyterLab start (s)"].append(server.started_in)
        yield server


@pytest.fixture
def page(browser):
    """A fresh browser context and page for one test."""
    page = ch.new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def lab_page(page, lab):
    """A page for JupyterLab; the kernels it started are shut down afterwards."""
    yield page
    servers.shutdown_kernels(lab)
