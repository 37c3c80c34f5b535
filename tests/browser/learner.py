"""What a learner does with the explorers and exercises, and what the page must then show.

Each ``check_*`` works on a JupyterLab or a Voilà page (``root`` is a page or a locator), so the
same scenario is tested in both; ``benchmarks/bench_browser.py`` reuses them.
"""

from __future__ import annotations

import re

from notebook_files import EXERCISE, START_FUNCTIONS
from playwright.sync_api import expect
from widgets import (
    drag_slider,
    explorer,
    rendered_matrix,
    text_input,
    transpose,
    type_text,
    wait_matrix_shape,
)

WRONG_ANSWER = "6*x*y"  # ∂/∂x instead: the feedback names that mistake (wrong_variable)
RIGHT_ANSWER = "3*x^2"


def start_numerator_2x2(box) -> None:
    """Put the Jacobian explorer in a known state: numerator layout, the paper's 2 × 2 example."""
    box.get_by_role("button", name=re.compile("numerator layout")).click()
    variables = text_input(box, "mathkit-variables")
    if variables.input_value() != "x y":
        type_text(variables, "x y")
    type_text(text_input(box, "mathkit-functions"), START_FUNCTIONS)
    wait_matrix_shape(box.locator(".mathkit-jacobian").first, 2, 2)


def check_typing_changes_jacobian(root) -> list[list[str]]:
    """Type new functions: the rendered Jacobian changes from 2 × 2 to 3 × 2 (numerator)."""
    box = explorer(root, "jacobian")
    area = box.locator(".mathkit-jacobian").first
    start_numerator_2x2(box)
    before = rendered_matrix(area)
    type_text(text_input(box, "mathkit-functions"), "[x y, x + y, x - y]")
    after = wait_matrix_shape(area, 3, 2)
    assert after != before
    expect(box).to_contain_text("3 × 2")
    expect(box.locator(".mathkit-error")).to_be_hidden()
    return after


def check_layout_toggle_transposes(root) -> None:
    """Click "denominator layout": the rendered matrix is the transpose; and back again."""
    box = explorer(root, "jacobian")
    area = box.locator(".mathkit-jacobian").first
    start_numerator_2x2(box)
    type_text(text_input(box, "mathkit-functions"), "[x y, x + y, x - y]")
    numerator = wait_matrix_shape(area, 3, 2)
    rows, cols = 3, 2
    box.get_by_role("button", name=re.compile("denominator layout")).click()
    denominator = wait_matrix_shape(area, cols, rows)
    assert denominator == transpose(numerator), "denominator layout is not the transpose"
    expect(box).to_contain_text(f"{cols} × {rows}, denominator layout")
    box.get_by_role("button", name=re.compile("numerator layout")).click()
    assert wait_matrix_shape(area, rows, cols) == numerator


def check_bad_input_keeps_last_jacobian(root) -> None:
    """Type unfinished input: a friendly one-line error, the input marked, the last good
    Jacobian still on screen; fix it and the error goes away."""
    box = explorer(root, "jacobian")
    area = box.locator(".mathkit-jacobian").first
    functions = box.locator(".mathkit-functions").first
    start_numerator_2x2(box)
    good = rendered_matrix(area)
    assert good is not None
    type_text(text_input(box, "mathkit-functions"), "[x y, 2x +")
    error = box.locator(".mathkit-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile(r"\S"))
    message = error.inner_text()
    assert "Traceback" not in message and len(message.splitlines()) == 1, message
    expect(functions).to_have_class(re.compile(r"\bmathkit-invalid\b"))
    assert rendered_matrix(area) == good, "the last good Jacobian did not stay on screen"
    type_text(text_input(box, "mathkit-functions"), "[x y, 2x + y]")
    expect(error).to_be_hidden()
    expect(functions).not_to_have_class(re.compile(r"\bmathkit-invalid\b"))
    wait_matrix_shape(area, 2, 2)


def check_neuron_slider_changes_plot(root) -> None:
    """Drag the bias slider: the plot (its image and alt text) and the formula change."""
    box = explorer(root, "neuron")
    image = box.locator(".mathkit-plot img").first
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    src, alt = image.get_attribute("src"), image.get_attribute("alt")
    formula = box.locator(".mathkit-neuron").first.inner_html()
    bias = box.locator(".mathkit-bias").first
    readout = bias.locator(".widget-readout").first.inner_text().replace("−", "-")
    drag_slider(bias, 60 if float(readout) <= 0 else -60)  # towards the middle of its range
    expect(image).not_to_have_attribute("src", src or "")
    assert image.get_attribute("alt") != alt, "the plot's alt text did not follow the plot"
    expect(box.locator(".mathkit-neuron").first).not_to_have_text("")
    assert box.locator(".mathkit-neuron").first.inner_html() != formula
    expect(box.locator(".mathkit-error")).to_be_hidden()


def check_exercise_feedback(root) -> None:
    """Answer wrongly (Enter), read why; answer rightly (the Check button), see ✓."""
    box = root.locator(f".mathkit-exercise-{EXERCISE.replace('.', '-')}").first
    box.scroll_into_view_if_needed()
    feedback = box.locator(".mathkit-feedback").first
    answer = box.locator(".mathkit-answer input").first
    type_text(answer, WRONG_ANSWER)
    expect(feedback).to_have_class(re.compile(r"\bmathkit-incorrect\b"))
    expect(feedback).to_contain_text("✗ Not yet.")
    # The diagnosis, not just "wrong": it says 6xy is the derivative in the other variable.
    expect(feedback.locator('[data-mistake="wrong_variable"]')).to_have_count(1)
    answer.click()
    answer.press("ControlOrMeta+a")
    answer.press_sequentially(RIGHT_ANSWER)
    box.locator(".mathkit-check-button").first.click()
    expect(feedback).to_have_class(re.compile(r"\bmathkit-correct\b"))
    expect(feedback).to_contain_text("✓ Correct.")
