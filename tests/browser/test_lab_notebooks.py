"""Every notebook, opened in a real JupyterLab and run with Run → Run All Cells.

A learner should see every cell run, no error, every widget displayed (no "Error displaying
widget", no "model not found") and every formula typeset by MathJax.
"""

from __future__ import annotations

import browser_helpers as bh
import learner
import pytest

# A hung server, browser or kernel fails the test (with a traceback) instead of stalling CI.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NOTEBOOKS = [path.name for path in bh.notebook_paths()] or [
    pytest.param("none", marks=pytest.mark.skip(reason="notebooks/ has no notebooks yet"))
]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_clean_in_jupyterlab(name, lab, lab_page, lab_root, timings):
    page = lab_page
    timings["open notebook until kernel idle (s)"].append(
        bh.open_notebook(page, lab, f"notebooks/{name}")
    )
    timings[f"run all cells: {name} (s)"].append(bh.run_all_cells(page))
    problems = bh.wait_until_settled(page, bh.read_cells(lab_root / "notebooks" / name))
    assert not problems, f"{name} in JupyterLab:\n" + "\n".join(problems)
    widget_errors = [e for e in bh.console_errors(page) if bh.WIDGET_ERROR.search(e)]
    assert not widget_errors, "\n".join(widget_errors)


def test_the_checks_report_a_broken_notebook(lab, lab_page, lab_root):
    """The checks themselves: a raising cell and the cell it stopped are reported, nothing else."""
    bh.open_notebook(lab_page, lab, learner.BROKEN)
    bh.run_all_cells(lab_page)
    problems = bh.wait_until_settled(lab_page, bh.read_cells(lab_root / learner.BROKEN))
    assert len(problems) == 2, problems
    assert problems[0].startswith("cell 3 raised ZeroDivisionError"), problems
    assert problems[1].startswith("cell 4 did not run"), problems
