"""Issue 9, item 4 in the explorers: with a variables box, f is read with those variables (``6xy``
is 6·x·y, in any order), and the explorer says how it read it, as a caption, not an error."""

from __future__ import annotations

import sympy as sp
from strategies import generous_api_budget  # noqa: F401  (autouse)

from mathkit import explorers

x, y = sp.symbols("x y")


def caption(ex) -> str:
    return ex.reading_note.value if ex.reading_note.layout.display != "none" else ""


def test_the_jacobian_explorer_reads_runs_of_its_variables():
    ex = explorers.jacobian_explorer("[x*y, x]", "x y")
    assert caption(ex) == "" and ex.reading is None
    ex.functions.value = "[3x^2y, 6yx]"
    assert ex.error is None
    assert ex.result == sp.Matrix([[6 * x * y, 3 * x**2], [6 * y, 6 * x]])  # by hand
    assert ex.reading == "[3·x^2·y, 6·y·x]"
    assert "read as <code>[3·x^2·y, 6·y·x]</code>" in caption(ex)
    assert ex.error_out.message is None  # a caption, not an error line


def test_the_reading_goes_when_f_is_invalid_or_needs_no_reading():
    ex = explorers.jacobian_explorer("[6xy, x]", "x y")
    assert ex.reading == "[6·x·y, x]"
    ex.functions.value = "[sin x, x]"  # function names keep needing brackets
    assert "sin(x)" in ex.error and caption(ex) == ""
    ex.functions.value = "[x y, x]"
    assert ex.error is None and caption(ex) == ""


def test_a_run_is_read_with_the_variables_in_the_box():
    ex = explorers.jacobian_explorer("ab", "a b")
    assert ex.error is None and ex.reading == "a·b"
    ex.variables.value = "a c"  # b is no longer a variable
    assert ex.error is not None and "b" in ex.error


def test_the_gradient_explorer_reads_runs_of_its_variables():
    ex = explorers.gradient_explorer("10xxyy", "x y")
    assert ex.error is None
    assert ex.result == sp.Matrix([[20 * x * y**2, 20 * x**2 * y]])  # ∇(10x²y²), by hand
    assert "read as <code>10·x·x·y·y</code>" in caption(ex)


def test_the_linearization_explorer_reads_runs_of_its_variables():
    ex = explorers.linearization_explorer("[x + sin(y), yx]", "x y", budget=None)
    assert ex.error is None
    assert ex.result == sp.Matrix([[1, sp.cos(y)], [y, x]])
    assert ex.reading == "[x + sin(y), y·x]"
