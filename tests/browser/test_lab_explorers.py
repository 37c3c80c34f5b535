"""A learner at the explorers in JupyterLab: real keystrokes, clicks and mouse drags.

The explorers run from a generated notebook (one cell per explorer, see ``notebook_files.py``),
so these tests do not depend on the narrative notebooks. One page (and kernel) serves the whole
module; each test sets up the state it needs.
"""

from __future__ import annotations

import accessibility
import chromium as ch
import jupyterlab_page as jl
import latency
import layout
import learner
import notebook_files as nf
import problems as pb
import pytest
import servers
import widgets

# A hung server, browser or kernel fails the test (with a traceback) instead of stalling CI.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def explorers(browser, lab, lab_root, timings):
    """The explorer notebook, open in JupyterLab with all its cells run."""
    page = ch.new_page(browser)
    try:
        jl.open_notebook(page, lab, nf.SCRATCH)
        timings["run all cells: explorer notebook (s)"].append(jl.run_all_cells(page))
        yield page
    finally:
        page.context.close()
        servers.shutdown_kernels(lab)


def test_every_explorer_renders(explorers, lab_root):
    found = jl.wait_until_settled(explorers, nf.read_cells(lab_root / nf.SCRATCH))
    assert not found, pb.report(found)
    widgets.wait_for_explorers(explorers)


def test_typing_a_function_changes_the_jacobian(explorers):
    learner.check_typing_changes_jacobian(explorers)


def test_layout_toggle_transposes_the_jacobian(explorers):
    learner.check_layout_toggle_transposes(explorers)


def test_bad_input_shows_a_friendly_error_and_keeps_the_jacobian(explorers):
    learner.check_bad_input_keeps_last_jacobian(explorers)


def test_neuron_slider_changes_the_plot(explorers):
    learner.check_neuron_slider_changes_plot(explorers)


def test_exercise_feedback_wrong_then_right(explorers):
    learner.check_exercise_feedback(explorers)


def test_keystroke_to_jacobian_latency(explorers, timings):
    """Not an assertion on speed: the figures are printed in the "browser timings" summary."""
    latencies = latency.measure_latency(explorers, repeats=12)
    timings["keystroke -> Jacobian typeset, JupyterLab (ms)"].extend(latencies)
    assert all(ms > 0 for ms in latencies)


def test_explorers_are_accessible_in_jupyterlab(explorers, axe):
    layout.resize(explorers, layout.DESKTOP)
    widgets.wait_for_explorers(explorers)
    found = axe(explorers, "lab explorers (generated)", accessibility.LAB_CONTEXT)
    serious = accessibility.blocking(found)
    assert not serious, "\n".join(map(str, serious))


def test_explorers_fit_in_jupyterlab(explorers, size, fit):
    """Every explorer and the exercise, with the file browser open, at 800 px and projector."""
    layout.resize(explorers, size)
    jl.show_file_browser(explorers)
    widgets.wait_for_explorers(explorers)
    found = fit(explorers, "lab explorers (generated)", size)
    assert not found, f"explorers at {size.description}, file browser open:\n" + pb.report(found)
