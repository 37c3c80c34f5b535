"""Latency a learner feels: from the Enter keystroke to the new Jacobian typeset on screen."""

from __future__ import annotations

import time

from widgets import TIMEOUT_MS, TYPESET_JS, explorer, text_input, type_text, wait_matrix_shape

# --------------------------------------------------------------------------------------------
# Latency: keystroke -> updated Jacobian on screen

_LATENCY_ARM_JS = (
    r"""([area, input]) => {
  // Start the clock at the Enter keydown (in the page, like the learner's keystroke) and stop
  // it when MathJax has typeset a Jacobian different from the one on screen now.
  const before = area.innerHTML;
  const typeset = """
    + TYPESET_JS
    + r""";
  const state = window.__mkLatency = {t0: null, t1: null};
  const onKey = (e) => { if (e.key === 'Enter') state.t0 = performance.now(); };
  input.addEventListener('keydown', onKey, {capture: true});
  const check = () => {
    if (state.t0 !== null && state.t1 === null && area.innerHTML !== before &&
        area.querySelector('mjx-mtable') && typeset(area)) {
      state.t1 = performance.now();
      observer.disconnect();
      input.removeEventListener('keydown', onKey, {capture: true});
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(area, {subtree: true, childList: true, characterData: true});
}"""
)


def keystroke_to_jacobian_ms(root, functions: str, timeout_ms: int = TIMEOUT_MS) -> float:
    """Type ``functions`` into the Jacobian explorer; milliseconds from the Enter keystroke until
    the new Jacobian is typeset on screen (measured in the page with ``performance.now()``)."""
    box = explorer(root, "jacobian")
    area = box.locator(".mathkit-jacobian").first
    field = text_input(box, "mathkit-functions")
    field.click()
    field.press("ControlOrMeta+a")
    field.press_sequentially(functions)
    area.page.evaluate(
        f"([area, input]) => ({_LATENCY_ARM_JS})([area, input])",
        [area.element_handle(), field.element_handle()],
    )
    field.press("Enter")
    page = area.page
    page.wait_for_function(
        "() => window.__mkLatency && window.__mkLatency.t1 !== null", timeout=timeout_ms
    )
    state = page.evaluate("() => window.__mkLatency")
    return state["t1"] - state["t0"]


LATENCY_FUNCTIONS = (
    "[x y, x + y]",
    "[x^2 y, sin(x) + y]",
    "[exp(x) y, x - y^3]",
    "[3x^2 y, 2x + y^8]",
    "[x/y, x y^2]",
    "[cos(x y), x + 2y]",
)


def measure_latency(root, repeats: int = 12) -> list[float]:
    """Keystroke -> typeset Jacobian latencies (ms) for ``repeats`` edits, cycling through
    :data:`LATENCY_FUNCTIONS` (each differs from the one before, so the Jacobian changes)."""
    box = explorer(root, "jacobian")
    # A warm-up edit (not timed) to a 4 × 2 Jacobian: every timed one is 2 × 2, so each timed
    # edit changes what is on screen, whatever was there before.
    type_text(text_input(box, "mathkit-functions"), "[x, y, x + y, x - y]")
    wait_matrix_shape(box.locator(".mathkit-jacobian").first, 4, 2)
    out = []
    for i in range(repeats):
        out.append(keystroke_to_jacobian_ms(root, LATENCY_FUNCTIONS[i % len(LATENCY_FUNCTIONS)]))
        time.sleep(0.05)
    return out
