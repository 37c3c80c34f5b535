"""Every notebook, opened in a real JupyterLab and run with Run → Run All Cells.

A learner should see every cell run, no error, every widget displayed (no "Error displaying
widget", no "model not found") and every formula typeset by MathJax; axe-core should find no
serious or critical violation in what the notebook shows; and with the file browser open, at
800 px and on a projector, every output (explorers, exercises, formulas, figures) should fit its
cell: nothing past the output area's right edge unless inside a keyboard-focusable scroll box,
no text cut off or broken mid-word.

Each notebook is opened and run once (a module-scoped fixture per notebook); its tests then read
the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

import accessibility
import chromium as ch
import jupyterlab_page as jl
import layout
import notebook_files as nf
import problems as pb
import pytest
import servers

# A hung server, browser or kernel fails the test (with a traceback) instead of stalling CI.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NOTEBOOKS = [path.name for path in nf.notebook_paths()] or [
    pytest.param("none", marks=pytest.mark.skip(reason="notebooks/ has no notebooks yet"))
]


@dataclass
class RunNotebook:
    """A notebook open in JupyterLab after Run All Cells."""

    name: str
    page: object  # the Playwright page
    problems: list[pb.Problem]  # what went wrong, once widgets and math had settled


@pytest.fixture(scope="module", params=NOTEBOOKS)
def run_notebook(request, browser, lab, lab_root, timings):
    name = request.param
    page = ch.new_page(browser)
    try:
        timings["open notebook until kernel idle (s)"].append(
            jl.open_notebook(page, lab, f"notebooks/{name}")
        )
        timings[f"run all cells: {name} (s)"].append(jl.run_all_cells(page))
        found = jl.wait_until_settled(page, nf.read_cells(lab_root / "notebooks" / name))
        yield RunNotebook(name, page, found)
    finally:
        page.context.close()
        servers.shutdown_kernels(lab)


def test_notebook_runs_clean_in_jupyterlab(run_notebook):
    assert not run_notebook.problems, f"{run_notebook.name} in JupyterLab:\n" + pb.report(
        run_notebook.problems
    )
    errors = ch.console_errors(run_notebook.page)
    widget_errors = [e for e in errors if jl.WIDGET_ERROR.search(e)]
    assert not widget_errors, "\n".join(widget_errors)


def test_notebook_is_accessible_in_jupyterlab(run_notebook, axe):
    layout.resize(run_notebook.page, layout.DESKTOP)
    found = axe(run_notebook.page, f"lab {run_notebook.name}", accessibility.LAB_CONTEXT)
    serious = accessibility.blocking(found)
    assert not serious, "\n".join(map(str, serious))


def test_notebook_fits_in_jupyterlab(run_notebook, size, fit, timings):
    page = run_notebook.page
    layout.resize(page, size)
    width = jl.show_file_browser(page)
    timings[f"file browser width at {size.name} (px)"].append(width)
    found = fit(page, f"lab {run_notebook.name}", size)
    assert not found, f"{run_notebook.name} at {size.description}, file browser open:\n" + (
        pb.report(found)
    )


def test_the_checks_report_a_broken_notebook(lab, lab_page, lab_root):
    """The checks themselves: a raising cell and the cell it stopped are reported, nothing else."""
    jl.open_notebook(lab_page, lab, nf.BROKEN)
    jl.run_all_cells(lab_page)
    found = jl.wait_until_settled(lab_page, nf.read_cells(lab_root / nf.BROKEN))
    assert [(p.kind, p.cell) for p in found] == [(pb.ERROR, 3), (pb.NOT_RUN, 4)], found
    assert "ZeroDivisionError" in found[0].text, found[0]
