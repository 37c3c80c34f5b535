"""A learner at the Part-2 explorers in the classroom app (``voila NOTEBOOK``): type into the
vector explorer, step the chain stepper, press Step and Run in the training explorer.

The same generated notebook as ``test_lab_part2_explorers`` (one cell per explorer), served as
a teacher would project it. Input is real keystrokes and clicks; assertions read what the page
shows (stable CSS classes from :mod:`mathkit.css`, plain-text lines next to the math, the
figure's alt text), never kernel state.
"""

from __future__ import annotations

import re
import time

import accessibility
import chromium as ch
import notebook_files as nf
import problems as pb
import pytest
import servers
import voila_page
import widgets
from playwright.sync_api import expect
from test_lab_part2_explorers import NAMES, write_part2_notebook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

_LOSS = re.compile(r"After (\d+) step\(s\): loss C = ([0-9.e+-]+)")


@pytest.fixture(scope="module")
def part2_app(chromium_path, tmp_path_factory, timings):
    """``voila scratch/part2-explorers.ipynb`` on a copy of the generated notebook."""
    root = tmp_path_factory.mktemp("voila-part2")
    notebook = write_part2_notebook(root / "scratch" / "part2-explorers.ipynb")
    with servers.voila(notebook, tmp_path_factory.mktemp("voila-part2-work")) as server:
        timings["Voilà start (s)"].append(server.started_in)
        yield server


@pytest.fixture(scope="module")
def app(browser, part2_app, timings):
    """The Part-2 explorers as an app, loaded once for this module's tests."""
    page = ch.new_page(browser)
    try:
        seconds, sent = voila_page.open_voila(page, part2_app.url)
        timings["Voilà render: Part-2 explorer notebook (s)"].append(seconds)
        widgets.wait_for_explorers(page, NAMES)
        page.sent_html = sent
        yield page
    finally:
        page.context.close()


def test_part2_app_shows_outputs_only_without_problems(app, part2_app):
    found = voila_page.wait_until_voila_settled(app, app.sent_html, nf.read_cells(part2_app.target))
    assert not found, pb.report(found) + "\n" + "\n".join(servers.voila_log_errors(part2_app))
    text = app.locator("body").inner_text()
    assert "mk.explorers" not in text and "import mathkit" not in text, "code is on screen"


# --------------------------------------------------------------------------------------------
# The vector explorer


def _press_slider(slider_widget, key: str, times: int = 1) -> None:
    """Move an ipywidgets slider from the keyboard: focus its handle, press ``key``."""
    handle = slider_widget.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        handle.press(key)


def test_typing_into_the_vector_explorer(app):
    box = widgets.explorer(app, "vector")
    closed = box.locator(".mathkit-closed_form").first
    jacobian = box.locator(".mathkit-jacobian").first
    components = box.locator(".mathkit-components").first
    error = box.locator(".mathkit-error")
    stale = box.locator(".mathkit-stale-note")
    expect(closed).to_contain_text("it is diag(x), 3 × 3")

    # a new formula: the dot product's Jacobian is the row xᵀ
    widgets.type_text(widgets.text_input(box, "mathkit-function"), "w · x")
    expect(closed).to_contain_text("it is xᵀ, 1 × 3")
    widgets.wait_matrix_shape(jacobian, 1, 3)
    expect(components).to_contain_text("is a scalar")

    # a size change, from the keyboard: n = 4 gives a 1 × 4 row
    _press_slider(box.locator(".mathkit-size").first, "ArrowRight")
    expect(closed).to_contain_text("it is xᵀ, 1 × 4")
    widgets.wait_matrix_shape(jacobian, 1, 4)
    good = widgets.rendered_matrix(jacobian)

    # bad input: one friendly line, the last good Jacobian kept, dimmed and marked stale
    widgets.type_text(widgets.text_input(box, "mathkit-function"), "w * x")
    expect(error).to_be_visible()
    expect(error).to_contain_text("w ⊗ x")
    assert "Traceback" not in error.inner_text()
    expect(stale).to_contain_text("showing the last valid formula")
    expect(box.locator(".mathkit-outputs.mathkit-stale")).to_have_count(1)
    assert widgets.rendered_matrix(jacobian) == good
    expect(closed).to_contain_text("it is xᵀ, 1 × 4")

    # back to a good formula: the error and the stale mark go
    widgets.type_text(widgets.text_input(box, "mathkit-function"), "w ⊗ x")
    expect(error).to_be_hidden()
    expect(stale).to_be_hidden()
    expect(box.locator(".mathkit-outputs.mathkit-stale")).to_have_count(0)
    widgets.wait_matrix_shape(jacobian, 4, 4)
    expect(closed).to_contain_text("it is diag(x), 4 × 4")


# --------------------------------------------------------------------------------------------
# The chain stepper


def _speech(area) -> str:
    """What a screen reader hears of the typeset math in ``area`` (MathJax's assistive MathML),
    whitespace removed."""
    text = area.evaluate(
        "(el) => [...el.querySelectorAll('mjx-assistive-mml')].map(m => m.textContent).join(' ')"
    )
    return re.sub(r"\s+", "", text)


def test_stepping_the_chain_stepper(app):
    box = widgets.explorer(app, "chain")
    steps = box.locator(".mathkit-intermediates").first
    derivatives = box.locator(".mathkit-derivatives").first
    check = box.locator(".mathkit-check").first
    mode = box.locator(".mathkit-mode").first
    mode.get_by_role("button", name=re.compile("show the steps")).click()

    # the paper's vector example: two factors, each a 2 × 2 Jacobian; the result checked
    box.locator(".mathkit-example select").first.select_option("[ln(x^2), sin(3x)]")
    expect(steps).to_contain_text("the vector chain rule")
    widgets.wait_typeset(derivatives)
    expect(check).to_contain_text("✓ finite differences agree")
    # by hand: y = [ln(g1), sin(g2)] of g = [x², 3x]: ∂y/∂g is 2 × 2, ∂g/∂x is 2 × 1
    shapes = re.findall(r"∂(\w)∂(\w)=.*?(\d)×(\d)", _speech(derivatives))
    assert shapes == [("y", "g", "2", "2"), ("g", "x", "2", "1")], _speech(derivatives)

    # another example: the single-variable rule, every factor 1 × 1
    box.locator(".mathkit-example select").first.select_option("sin(x^2)")
    expect(steps).to_contain_text("the single-variable chain rule")
    box.page.wait_for_function(
        "(el) => /dudx/.test(el.textContent.replace(/\\s+/g, ''))", arg=derivatives.element_handle()
    )
    widgets.wait_typeset(derivatives)
    # by hand: y = sin(u), u = x²: dy/du and du/dx, each 1 × 1
    shapes = re.findall(r"d(\w)d(\w)=.*?(\d)×(\d)", _speech(derivatives))
    assert shapes == [("y", "u", "1", "1"), ("u", "x", "1", "1")], _speech(derivatives)
    expect(check).to_contain_text("✓ finite differences agree")

    # step through it yourself: each factor in order, checked as it is typed
    mode.get_by_role("button", name=re.compile("try it yourself")).click()
    inputs = box.locator(".mathkit-factors input")
    expect(inputs).to_have_count(3)
    feedback = box.locator(".mathkit-verdict").first
    widgets.type_text(inputs.nth(0), "cos(u)")
    expect(feedback).to_contain_text("✓")
    widgets.type_text(inputs.nth(1), "x^2")  # a slip: du/dx is 2x
    expect(feedback).to_contain_text("✗")
    widgets.type_text(inputs.nth(1), "2x")
    widgets.type_text(inputs.nth(2), "2x cos(x^2)")
    expect(feedback).to_contain_text("✓ every factor is right")
    expect(check).to_contain_text("✓ finite differences agree")
    mode.get_by_role("button", name=re.compile("show the steps")).click()


# --------------------------------------------------------------------------------------------
# The training explorer


def _loss(box) -> tuple[int, float]:
    match = _LOSS.search(box.locator(".mathkit-summary").first.inner_text())
    assert match, "the summary does not name the loss"
    return int(match[1]), float(match[2])


def _start(box, data: str = "1-D data"):
    """Pick the data set and press Reset; returns the summary area, at step 0."""
    box.locator(".mathkit-data").get_by_role("button", name=data, exact=True).click()
    box.get_by_role("button", name="Reset", exact=True).click()
    summary = box.locator(".mathkit-summary").first
    expect(summary).to_contain_text("After 0 step(s)")
    expect(summary).to_contain_text("of 6 samples" if data == "1-D data" else "of 7 samples")
    return summary


def test_pressing_step_lowers_the_loss(app):
    box = widgets.explorer(app, "training")
    summary = _start(box)
    _, start = _loss(box)
    image = box.locator(".mathkit-plot img").first
    src = image.get_attribute("src")
    for k in range(1, 4):
        box.get_by_role("button", name="Step", exact=True).click()
        expect(summary).to_contain_text(f"After {k} step(s)")
        steps, loss = _loss(box)
        assert loss < start, f"the loss did not fall at step {steps}: {start} -> {loss}"
        start = loss
    expect(image).not_to_have_attribute("src", src or "")
    expect(image).to_have_attribute("alt", re.compile(r"after 3 step\(s\)"))
    expect(box.locator(".mathkit-error")).to_be_hidden()


def test_run_animates_and_stops_on_request(app):
    box = widgets.explorer(app, "training")
    summary = _start(box)
    _, start = _loss(box)
    play = box.locator(".widget-play button").first  # play / pause
    play.click()
    box.page.wait_for_function(
        "(el) => { const m = /After (\\d+) step/.exec(el.innerText); return m && +m[1] >= 3; }",
        arg=summary.element_handle(),
        timeout=30_000,
    )
    play.click()  # pause
    expect(play.locator("i.fa-play")).to_have_count(1)
    time.sleep(0.5)  # a tick already sent may still arrive
    stopped, loss = _loss(box)
    assert loss < start, "the loss did not fall during Run"
    time.sleep(1.5)  # five ticks' worth: nothing more may happen
    assert _loss(box)[0] == stopped, "Run went on after pause"
    expect(box.locator(".mathkit-error")).to_be_hidden()


def _wait_for_steps(summary, at_least: int) -> None:
    summary.page.wait_for_function(
        "([el, k]) => { const m = /After (\\d+) step/.exec(el.innerText); "
        "return m && +m[1] >= k; }",
        arg=[summary.element_handle(), at_least],
        timeout=30_000,
    )


def test_step_during_run_then_reset_stops_at_the_start(app):
    box = widgets.explorer(app, "training")
    summary = _start(box)
    play = box.locator(".widget-play button").first
    play.click()
    _wait_for_steps(summary, 2)
    box.get_by_role("button", name="Step", exact=True).click()  # Step while Run plays
    _wait_for_steps(summary, 4)
    expect(box.locator(".mathkit-error")).to_be_hidden()
    box.get_by_role("button", name="Reset", exact=True).click()  # Reset during Run
    expect(summary).to_contain_text("After 0 step(s)")
    expect(play.locator("i.fa-play")).to_have_count(1)  # Run stopped: play, not pause
    time.sleep(1.5)  # five ticks' worth: a late tick must not step from the new start
    expect(summary).to_contain_text("After 0 step(s)")
    assert _loss(box)[1] == pytest.approx(4.875)  # the 1-D start: 29.25 / 6, by hand


def test_a_dead_neuron_is_explained_and_run_stops(app):
    box = widgets.explorer(app, "training")
    summary = _start(box, "2-D data")
    # w₁ = w₂ = b = −3 (Home takes a slider to its minimum): z_i = −3(x₁ + x₂) − 3 ≤ 0 for all
    # seven samples (x₁ + x₂ ≥ 0 for each, by hand): none active, the gradient is 0
    for slider in [
        *box.locator(".mathkit-weights .widget-slider").all(),
        box.locator(".mathkit-bias"),
    ]:
        _press_slider(slider, "Home")
    expect(summary).to_contain_text("0 of 7 samples active")
    expect(summary).to_contain_text("No sample is active here")
    steps, loss = _loss(box)
    box.get_by_role("button", name="Step", exact=True).click()
    expect(summary).to_contain_text(f"After {steps + 1} step(s)")
    assert _loss(box)[1] == loss, "a step moved where the gradient is 0"
    play = box.locator(".widget-play button").first
    play.click()
    expect(play.locator("i.fa-play")).to_have_count(1)  # Run stopped by itself
    time.sleep(1.0)
    assert _loss(box)[0] <= steps + 2, "Run went on ticking where nothing can change"
    expect(box.locator(".mathkit-error")).to_be_hidden()
    _start(box, "1-D data")


# --------------------------------------------------------------------------------------------
# Accessibility: what axe finds in the app


def test_part2_app_is_accessible(app, axe):
    widgets.wait_for_explorers(app, NAMES)
    serious = accessibility.blocking(axe(app, "voila part-2 explorers (generated)"))
    assert not serious, "\n".join(map(str, serious))
