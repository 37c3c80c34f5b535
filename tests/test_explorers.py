"""Drive each explorer by setting its controls' values, as a learner would; no browser needed.

Results are compared with hand-derived sympy matrices; bad input must leave the last good result on
screen, show one friendly line and mark the input; CSS classes are the browser tests' contract.
"""

from __future__ import annotations

import html
import subprocess
import sys
import time

import numpy as np
import pytest
import sympy as sp
from strategies import generous_api_budget  # noqa: F401  (autouse: see its docstring)

import mathkit
from mathkit import explorers, ui
from mathkit.explorers import jacobian as jacobian_module

real_jacobian_state = jacobian_module._jacobian_state

x, y, z = sp.symbols("x y z")
PAPER = sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]])  # ∂[3x²y, 2x + y⁸]/∂(x, y), by hand


def classes(widget) -> tuple[str, ...]:
    return tuple(widget._dom_classes)


def shows_error(ex, *words: str) -> bool:
    line = ex.error_out
    return (
        ex.error is not None
        and all(w in ex.error for w in words)
        and line.layout.display != "none"
        and "mathkit-error" in classes(line)
        and "\n" not in ex.error
        and "Traceback" not in line.value
    )


def no_error(ex) -> bool:
    return ex.error is None and ex.error_out.layout.display == "none"


# ---------------------------------------------------------------------------------------------
# jacobian_explorer


@pytest.fixture
def jac():
    return explorers.jacobian_explorer("[3x^2 y, 2x + y^8]", "x y", point=(1.0, 2.0))


def test_jacobian_explorer_shows_everything(jac):
    assert jac.result == PAPER
    assert no_error(jac)
    assert "mathkit-explorer" in classes(jac) and "mathkit-jacobian-explorer" in classes(jac)
    assert "numerator layout" in jac.jacobian_out.value and "2 × 2" in jac.jacobian_out.value
    assert r"6 x y" in jac.jacobian_out.value
    assert r"\nabla f_{1}" in jac.gradients_out.value and r"\nabla f_{2}" in jac.gradients_out.value
    assert "row" in jac.gradients_out.value
    # J(1, 2) = [[12, 3], [2, 1024]]
    np.testing.assert_allclose(jac.value, [[12, 3], [2, 1024]])
    assert "1024" in jac.value_out.value and "(1, 2)" in jac.value_out.value
    assert "Case 4" in jac.case_out.value and jac.case.number == 4
    assert jac.check.ok and "✓" in jac.check_out.value
    for area, name in [
        (jac.jacobian_out, "mathkit-jacobian"),
        (jac.gradients_out, "mathkit-gradients"),
        (jac.value_out, "mathkit-value"),
        (jac.case_out, "mathkit-case"),
        (jac.check_out, "mathkit-check"),
    ]:
        assert name in classes(area) and "mathkit-math" in classes(area)
    assert "mathkit-functions" in classes(jac.functions)
    assert jac.functions.continuous_update is False


def test_layout_toggle_transposes(jac):
    jac.layout_toggle.value = "denominator"
    assert jac.result == PAPER.T
    np.testing.assert_allclose(jac.value, [[12, 2], [3, 1024]])
    assert "denominator layout" in jac.jacobian_out.value
    assert "column" in jac.gradients_out.value and "(2 × 1, denominator layout)" in (
        jac.gradients_out.value
    )
    jac.layout_toggle.value = "numerator"
    assert jac.result == PAPER


def test_non_square_shapes_are_named():
    ex = explorers.jacobian_explorer("[x*y, x + y, y^2]", "x y")
    assert ex.result.shape == (3, 2) and "3 × 2" in ex.jacobian_out.value
    ex.layout_toggle.value = "denominator"
    assert ex.result.shape == (2, 3) and "2 × 3" in ex.jacobian_out.value


def test_moving_the_point(jac):
    jac.point[0].value = 2.0
    jac.point[1].value = 1.0
    # J(2, 1) = [[6·2·1, 3·4], [2, 8]]
    np.testing.assert_allclose(jac.value, [[12, 12], [2, 8]])
    assert "(2, 1)" in jac.value_out.value
    assert jac.result == PAPER  # the symbolic Jacobian does not depend on the point


def test_new_functions_and_variables(jac):
    jac.functions.value = "x y z"
    assert shows_error(jac, "`z`")  # z is not a variable yet
    jac.variables.value = "x y z"
    assert no_error(jac)
    assert [s.description for s in jac.point] == ["x", "y", "z"]
    assert [s.value for s in jac.point[:2]] == [1.0, 2.0]  # kept by name
    assert jac.result == sp.Matrix([[y * z, x * z, x * y]])
    assert jac.case.number == 2 and "1 × 3" in jac.jacobian_out.value


def test_scalar_cases():
    ex = explorers.jacobian_explorer("x^2", "x", point=(1.5,))
    assert ex.result == sp.Matrix([[2 * x]]) and ex.case.number == 1
    np.testing.assert_allclose(ex.value, [[3.0]])
    ex.functions.value = "[cos(x), sin(x)]"
    assert ex.result == sp.Matrix([[-sp.sin(x)], [sp.cos(x)]]) and ex.case.number == 3


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2x +", ""),  # a parse error
        ("[x y, x + 2z]", "`z`"),  # an unknown variable
        ("", ""),  # nothing at all
        ("<script>alert(1)</script>", ""),  # never markup
    ],
)
def test_bad_functions_keep_the_last_good_result(jac, text, words):
    before = (jac.jacobian_out.value, jac.value_out.value, jac.check_out.value)
    jac.functions.value = text
    assert shows_error(jac, words)
    assert "mathkit-invalid" in classes(jac.functions)
    assert "mathkit-invalid" not in classes(jac.variables)
    assert jac.result == PAPER
    assert (jac.jacobian_out.value, jac.value_out.value, jac.check_out.value) == before
    assert "<script>" not in jac.error_out.value
    jac.functions.value = "[x, y]"  # good again: the error goes, the mark too
    assert no_error(jac) and "mathkit-invalid" not in classes(jac.functions)
    assert jac.result == sp.eye(2)


def test_bad_variables(jac):
    jac.variables.value = "x 2"
    assert shows_error(jac)
    assert "mathkit-invalid" in classes(jac.variables)
    assert "mathkit-invalid" not in classes(jac.functions)
    assert jac.result == PAPER


@pytest.mark.parametrize(
    ("text", "coordinate", "words"),
    [
        ("[ln(x), y]", -1.0, "not defined"),  # a NaN at the point
        ("[1/x, y]", 0.0, "infinite"),
        ("[abs(x), y]", 0.0, "corner"),  # not differentiable at the point
        ("[relu(x), y]", 0.0, "corner"),
    ],
)
def test_points_without_a_derivative_keep_the_last_good_result(jac, text, coordinate, words):
    jac.functions.value = text  # fine at x = 1
    good = jac.result
    assert no_error(jac)
    jac.point[0].value = coordinate
    assert shows_error(jac, words)
    assert "mathkit-invalid" in classes(jac.point_box)
    assert "mathkit-invalid" not in classes(jac.functions)
    assert jac.result == good
    jac.point[0].value = 0.5  # back into the domain
    assert no_error(jac) and "mathkit-invalid" not in classes(jac.point_box)


def test_new_variables_get_sliders_even_when_the_point_is_bad(jac):
    jac.point[0].value = 0.0
    jac.variables.value = "x y z"
    jac.functions.value = "[1/x, z]"
    assert shows_error(jac, "infinite")
    assert [s.description for s in jac.point] == ["x", "y", "z"]  # so x can be moved
    jac.point[0].value = 1.0
    assert no_error(jac)


def test_a_busy_machine_does_not_fail_an_update(monkeypatch):
    """Where the clock is not what a test checks, an update that takes over the real 1 s (as on
    a loaded machine) still shows its result: tests/strategies.py's generous budget fixture."""
    monkeypatch.setattr(jacobian_module, "_jacobian_state", _spinning(1.3))
    ex = explorers.jacobian_explorer("[x y, sin(x)]", "x y")
    assert no_error(ex) and ex.result == sp.Matrix([[y, x], [sp.cos(x), 0]])


def test_finite_difference_check_is_shown():
    ex = explorers.jacobian_explorer("[x y, sin(x)]", "x y", point=(0.3, 0.7))
    assert ex.check.ok and ex.check.max_error < 1e-8
    assert "✓ finite differences agree" in ex.check_out.value


def _spinning(seconds: float):
    def state(*args, **kwargs):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            time.sleep(0.001)
        return real_jacobian_state(*args, **kwargs)

    return state


def test_a_slow_computation_is_abandoned(jac, monkeypatch):
    """The budget itself: tight, with a spinning computation (not real math, so never flaky)."""
    with monkeypatch.context() as m:
        m.setattr(jacobian_module, "_jacobian_state", _spinning(5.0))
        jac.budget = 0.05
        jac.functions.value = "[x^2, y]"
        assert shows_error(jac, "took too long")
        assert jac.result == PAPER
    jac.budget = ui.DEFAULT_BUDGET
    jac.functions.value = "[x, y]"
    assert no_error(jac)


# ---------------------------------------------------------------------------------------------
# gradient_explorer


@pytest.fixture(scope="module")
def grad():
    return explorers.gradient_explorer("10*x^2*y^2", point=(1.0, 0.5))


def test_gradient_explorer(grad):
    grad.function.value = "10*x^2*y^2"
    grad.point[0].value, grad.point[1].value = 1.0, 0.5
    assert grad.result == sp.Matrix([[20 * x * y**2, 20 * x**2 * y]])
    np.testing.assert_allclose(grad.value, [[5.0, 10.0]])
    assert "(1 × 2, numerator layout)" in grad.gradient_out.value
    assert "perpendicular" in grad.note_out.value
    assert "mathkit-plot" in classes(grad.plot)
    assert '<img src="data:image/png;base64,' in grad.plot.image.value
    assert 'alt="Contour plot of f(x, y) = 10*x^2*y^2' in grad.plot.image.value
    assert "mathkit-caption" in classes(grad.plot.caption) and grad.plot.alt in (
        grad.plot.caption.value
    )
    arrows = [c for c in grad.figure.axes[0].collections if c.get_gid() == "gradient-at-point"]
    assert len(arrows) == 1


def test_gradient_explorer_point_and_function(grad):
    grad.function.value = "x^2 + 3y"
    grad.point[0].value = -1.0
    np.testing.assert_allclose(grad.value, [[2 * -1.0, 3.0]])
    assert "(-1, 0.5)" in grad.plot.alt or "(−1, 0.5)" in grad.plot.alt
    grad.point[0].value = 0.0
    grad.function.value = "x^2 + y^2"
    grad.point[1].value = 0.0
    assert "∇f = 0" in grad.note_out.value  # a critical point: no steepest direction


def test_gradient_explorer_bad_input(grad):
    grad.function.value = "x*y"
    grad.point[0].value, grad.point[1].value = 1.0, 1.0
    good = grad.result
    grad.function.value = "[x, y]"
    assert shows_error(grad, "scalar function") and grad.result == good
    grad.function.value = "ln(x y)"
    picture = grad.plot.image.value
    grad.point[0].value = -1.0
    assert shows_error(grad, "not defined")
    assert "mathkit-invalid" in classes(grad.point_box)
    assert grad.plot.image.value == picture  # the last good picture stays
    grad.point[0].value = 1.0
    assert no_error(grad) and grad.result == sp.Matrix([[1 / x, 1 / y]])


# ---------------------------------------------------------------------------------------------
# neuron_explorer


def paper(w, b, xs):
    z_ = float(np.dot(w, xs) + b)
    return z_, (list(xs) if z_ > 0 else [0.0] * len(xs)), (1.0 if z_ > 0 else 0.0)


def test_neuron_explorer_one_input():
    ex = explorers.neuron_explorer(w=(1.5, 0.0), b=-0.5, x=(1.0, 0.0))
    assert "mathkit-neuron-explorer" in classes(ex)
    assert ex.w[1].layout.display == "none" and ex.x[1].layout.display == "none"
    z_, d_w, d_b = paper([1.5], -0.5, [1.0])
    assert ex.result.z == pytest.approx(z_) and ex.result.activation == pytest.approx(z_)
    np.testing.assert_allclose(ex.result.d_w, [d_w])
    assert ex.result.d_b == d_b == 1.0
    assert "active" in ex.partials_out.value
    ex.b.value = -2.0  # z = −0.5: off
    assert ex.result.d_b == 0.0 and ex.result.activation == 0.0
    np.testing.assert_allclose(ex.result.d_w, [[0.0]])
    assert "off" in ex.partials_out.value
    assert "ReLU" in ex.plot.alt


def test_neuron_explorer_two_inputs_and_the_corner():
    ex = explorers.neuron_explorer(inputs=2, w=(1.0, -0.5), b=0.2, x=(1.0, 1.0))
    assert ex.w[1].layout.display is None
    z_, d_w, d_b = paper([1.0, -0.5], 0.2, [1.0, 1.0])
    np.testing.assert_allclose(ex.result.d_w, [d_w])
    assert ex.result.d_b == d_b and "(1 × 2, numerator layout)" in ex.partials_out.value
    assert "Heat map" in ex.plot.alt
    ex.b.value = -0.5  # z = 1 − 0.5 − 0.5 = 0: the paper's convention gives 0
    assert ex.result.z == 0.0
    np.testing.assert_allclose(ex.result.d_w, [[0.0, 0.0]])
    assert ex.result.d_b == 0.0
    ex.inputs.value = 1
    assert ex.result.d_w.shape == (1, 1) and ex.w[1].layout.display == "none"


# ---------------------------------------------------------------------------------------------
# shape_case_explorer


@pytest.mark.parametrize(
    ("f_kind", "x_kind", "m", "n", "number", "shape"),
    [
        ("scalar", "scalar", 3, 3, 1, (1, 1)),
        ("scalar", "vector", 3, 4, 2, (1, 4)),
        ("vector", "scalar", 3, 4, 3, (3, 1)),
        ("vector", "vector", 3, 4, 4, (3, 4)),
        ("vector", "vector", 2, 2, 4, (2, 2)),
    ],
)
def test_shape_case_explorer(f_kind, x_kind, m, n, number, shape):
    ex = explorers.shape_case_explorer()
    ex.m.value, ex.n.value = m, n
    ex.f_kind.value, ex.x_kind.value = f_kind, x_kind
    assert no_error(ex)
    assert ex.result.number == number
    assert ex.jacobian.shape == shape
    assert ex.m.disabled == (f_kind == "scalar") and ex.n.disabled == (x_kind == "scalar")
    rows, cols = shape
    assert f"<td>{rows} × {cols}</td><td>{cols} × {rows}</td>" in ex.shapes_out.value
    assert f"Case {number} of 4" in ex.case_out.value
    assert "Rule:" in ex.rule_out.value
    assert "numerator layout" in ex.jacobian_out.value
    assert "denominator layout" in ex.jacobian_out.value
    # the example really has that Jacobian (a check of the made-up examples, by the core)
    assert mathkit.jacobian(*ex.example).shape == shape


def test_shape_case_explorer_uses_the_catalog_when_sizes_match():
    ex = explorers.shape_case_explorer("vector", "vector", 2, 2)
    assert ex.example == ("[3*x^2*y, 2*x + y^8]", "x y")
    assert ex.jacobian == PAPER


# ---------------------------------------------------------------------------------------------
# linearization_explorer


@pytest.fixture(scope="module")
def lin():
    return explorers.linearization_explorer(budget=None)  # a busy test machine: no time limit


def test_linearization_explorer(lin):
    assert lin.result == sp.Matrix([[1, sp.cos(y)], [sp.cos(x), 1]])
    p1, p2 = (s.value for s in lin.point)
    np.testing.assert_allclose(lin.value, [[1, np.cos(p2)], [np.cos(p1), 1]])
    assert "mathkit-linearization-explorer" in classes(lin)
    assert "numerator layout" in lin.jacobian_out.value
    gap = lin.gap
    lin.size.value = lin.size.value / 2
    assert 0 < lin.gap < gap / 3  # the gap shrinks like side²
    assert "parallelogram" in lin.plot.alt


def test_linearization_explorer_bad_input(lin):
    good = lin.result
    lin.functions.value = "x, y, x y"
    assert shows_error(lin, "2 functions") and "mathkit-invalid" in classes(lin.functions)
    lin.functions.value = "x + sin(y), y + sin(x)"
    lin.variables.value = "x y z"
    assert shows_error(lin, "2 variables") and "mathkit-invalid" in classes(lin.variables)
    lin.variables.value = "x"
    assert shows_error(lin, "`y`") and "mathkit-invalid" in classes(lin.functions)
    assert lin.result == good
    lin.variables.value = "x y"
    assert no_error(lin)


# ---------------------------------------------------------------------------------------------
# imports


def test_import_mathkit_loads_no_ui_but_an_explorer_does():
    code = (
        "import sys, mathkit\n"
        "ui = ('matplotlib', 'ipywidgets', 'numpy')\n"
        "print(any(m in sys.modules for m in ui))\n"
        "mathkit.explorers.jacobian_explorer()\n"
        "print(all(m in sys.modules for m in ui))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_plain_text_repr_is_short_and_stable(jac):
    # nbval compares text/plain: no widget tree, no base64 PNG, one line
    assert repr(jac) == "<JacobianExplorer result: Matrix([[6*x*y, 3*x**2], [2, 8*y**7]])>"
    jac.functions.value = "2x +"
    assert repr(jac).startswith("<JacobianExplorer error: ") and "\n" not in repr(jac)
    assert len(repr(explorers.gradient_explorer())) < 300


# ---------------------------------------------------------------------------------------------
# mathkit.ui, the shared helpers


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (ValueError("write 2*x"), "write 2*x"),
        (ui.InputProblem("point", "move the point"), "move the point"),
        (ZeroDivisionError(), "division by zero"),
        (OverflowError(), "too large"),
        (RecursionError(), "nested too deeply"),
        (RuntimeError("internal\nstuff"), "could not compute this (RuntimeError)"),
    ],
)
def test_friendly_messages_are_one_line(exc, words):
    message = ui.friendly_message(exc)
    assert words in message and "\n" not in message and "Traceback" not in message


def test_error_line_and_invalid_marks():
    line = ui.ErrorLine()
    assert line.layout.display == "none" and line.message is None
    line.show("bad <b>input</b>")
    assert (
        line.layout.display is None and "&lt;b&gt;" in line.value and 'role="alert"' in line.value
    )
    line.clear()
    assert line.layout.display == "none" and line.value == ""
    box = ui.as_input(ui.math_area("mathkit-value"))
    ui.mark_invalid(box)
    ui.mark_invalid(box)
    assert classes(box).count("mathkit-invalid") == 1
    ui.mark_invalid(box, False)
    assert "mathkit-invalid" not in classes(box)


def test_plot_area_carries_the_alt_text():
    from mathkit import plots

    area = ui.PlotArea()
    fig = plots.neuron_figure(1.0, 0.0, x=0.5)
    area.show(fig)
    assert area.alt == plots.alt_text(fig)
    assert f'alt="{html.escape(area.alt)}"' in area.image.value
    assert "mathkit-plot" in classes(area) and "mathkit-caption" in classes(area.caption)


def test_the_figure_is_drawn_again_from_the_last_good_inputs(grad):
    grad.function.value = "x*y"
    grad.point[0].value, grad.point[1].value = 1.0, 1.0
    first, second = grad.figure, grad.figure
    assert first is not second  # a new Figure each time: the explorer keeps only the PNG
    from mathkit.plots import alt_text

    assert alt_text(first) == alt_text(second) == grad.plot.alt


# ---------------------------------------------------------------------------------------------
# issue 8: explorers declarative, one table of CSS class names


def all_widgets(root):
    seen, stack = [], [root]
    while stack:
        w = stack.pop()
        seen.append(w)
        stack.extend(getattr(w, "children", ()))
    return seen


def every_explorer():
    return [
        explorers.jacobian_explorer(),
        explorers.gradient_explorer(),
        explorers.neuron_explorer(inputs=2),
        explorers.shape_case_explorer(),
        explorers.linearization_explorer(budget=None),
    ]


def test_every_css_class_an_explorer_uses_is_in_the_one_table():
    from mathkit import css

    for ex in every_explorer():
        for w in all_widgets(ex):
            for name in w._dom_classes:
                if name == f"mathkit-{ex._name}-explorer" or not name.startswith("mathkit-"):
                    continue
                area = name.removeprefix("mathkit-")
                declared = {a.name for a in ex._areas}
                assert name in css.CLASSES or area in declared, (type(ex).__name__, name)


def test_the_base_builds_the_declared_areas_and_fills_them():
    for ex in every_explorer():
        for area in ex._areas:
            out = getattr(ex, f"{area.name}_out")
            assert {"mathkit-math", f"mathkit-{area.name}"} <= set(classes(out))
            assert out in ex.outputs.children and out.value  # built by the base, and filled


# ---------------------------------------------------------------------------------------------
# issue 9 item 20/22: formulas scroll in their own focusable, named region; rows wrap


def test_every_math_area_is_a_focusable_named_region():
    for ex in every_explorer():
        for area in ex._areas:
            value = getattr(ex, f"{area.name}_out").value
            assert value.startswith('<div class="mathkit-scroll" tabindex="0" role="region"')
            label = value.split('aria-label="', 1)[1].split('"', 1)[0]
            assert label.strip(), area.name


def test_rows_of_sliders_wrap_and_every_slider_is_named():
    import ipywidgets as widgets

    for ex in every_explorer():
        for w in all_widgets(ex):
            if isinstance(w, widgets.HBox) and any(
                isinstance(c, (widgets.FloatSlider, widgets.IntSlider)) for c in w.children
            ):
                assert w.layout.flex_flow == "row wrap", type(ex).__name__
            if isinstance(w, (widgets.FloatSlider, widgets.IntSlider)):
                assert w.description.strip(), type(ex).__name__


def test_the_stylesheet_wraps_scrolls_and_shows_focus():
    from mathkit import css

    sheet = css.STYLESHEET
    assert "overflow-x: auto" in sheet and "flex-wrap: wrap" in sheet
    assert "white-space: normal" in sheet and "word-break: break-all" not in sheet
    assert ":focus-visible" in sheet and ".noUi-handle:focus" in sheet and "outline: 3px" in sheet
    # ipywidgets' own focus rules (1 px, or none on text boxes) are !important and specific
    focus = sheet.split(".noUi-handle:focus", 1)[1].split("}", 1)[0]
    assert "!important" in focus and 'input[type="text"]:focus' in focus
    assert "max-width: 100%" in sheet and "height: auto" in sheet  # figures scale to the width
    # captions: normal size, the theme's text colour (not small light grey)
    caption = sheet.split(".mathkit-caption", 1)[1].split("}", 1)[0]
    assert "font-size: inherit" in caption and "--jp-content-font-color1" in caption
    # item 23: on a dark theme the figures are dimmed and framed, not glaring white panels
    dark = sheet.split('body[data-jp-theme-light="false"] .mathkit-plot img', 1)[1].split("}")[0]
    assert "brightness(" in dark and "border" in dark


# ---------------------------------------------------------------------------------------------
# issue 9 item 13: clamped start points, layout toggle while invalid, stale outputs


def test_a_start_point_outside_the_sliders_is_clamped_everywhere():
    ex = explorers.jacobian_explorer("x^2", "x", point=(5.0,))
    assert ex.point[0].value == 3.0
    np.testing.assert_allclose(ex.value, [[6.0]])  # 2x at the slider's x = 3, not at 5
    assert "x = 3" in ex.value_out.value and "5" not in ex.value_out.value
    ex = explorers.jacobian_explorer("x^2 + y", "x y", point={"x": -7, "y": 0.5})
    assert [s.value for s in ex.point] == [-3.0, 0.5]
    np.testing.assert_allclose(ex.value, [[-6.0, 1.0]])


def test_toggling_the_layout_while_the_text_is_invalid_keeps_label_and_toggle_agreeing(jac):
    jac.functions.value = "[x y, 2x +"
    assert shows_error(jac) and jac.stale
    jac.layout_toggle.value = "denominator"
    assert "denominator layout" in jac.jacobian_out.value
    assert "numerator layout: " not in jac.jacobian_out.value
    assert jac.result == PAPER.T  # the last valid f, in the layout the toggle shows
    assert shows_error(jac) and jac.stale  # still invalid, still marked
    jac.layout_toggle.value = "numerator"
    assert jac.result == PAPER and "numerator layout" in jac.jacobian_out.value


def test_the_last_valid_result_is_dimmed_and_labelled_while_input_is_invalid(jac):
    assert not jac.stale and jac.stale_note.layout.display == "none"
    jac.functions.value = "[x y, x + 2z]"
    assert jac.stale and "mathkit-stale" in classes(jac.outputs)
    assert jac.stale_note.layout.display != "none"
    assert "showing the last valid f" in jac.stale_note.value
    jac.functions.value = "[x, y]"
    assert not jac.stale and "mathkit-stale" not in classes(jac.outputs)
    assert jac.stale_note.layout.display == "none"


def test_linearization_stale_note_names_F(lin):
    lin.functions.value = "x + "
    assert "showing the last valid F" in lin.stale_note.value
    lin.functions.value = "x + sin(y), y + sin(x)"
    lin.variables.value = "x y"
    assert not lin.stale


# ---------------------------------------------------------------------------------------------
# issue 9 item 12: the neuron explorer decides active/inactive once, exactly


def test_neuron_explorer_at_the_corner_reached_with_its_sliders():
    ex = explorers.neuron_explorer(inputs=2, w=(1.0, 1.0), b=0.0, x=(1.0, 1.0))
    ex.w[0].value, ex.w[1].value = -2.55, 2.15
    ex.x[0].value, ex.x[1].value = 1.6, 2.2
    ex.b.value = -0.65  # z = −4.08 + 4.73 − 0.65 = 0 exactly
    p = ex.result
    assert p.z == 0.0 and not p.active and p.d_b == 0.0
    np.testing.assert_array_equal(p.d_w, [[0.0, 0.0]])
    text = html.unescape(ex.neuron_out.value + ex.partials_out.value)
    assert "e-16" not in text and "> 0" not in text.split("end{aligned}")[-1]
    assert "z = 0" in text and "slope 0" in text
    assert "off (z ≤ 0)" not in ex.plot.alt or "activation 0" in ex.plot.alt


# ---------------------------------------------------------------------------------------------
# issue 9 items 10 and 14: true shape-case words; never tell the learner to call Python


@pytest.mark.parametrize("f_kind", ["scalar", "vector"])
def test_a_vector_x_with_one_component_is_a_vector(f_kind):
    ex = explorers.shape_case_explorer(f_kind, "vector", 2, 1)
    assert ex.result.x_kind == "vector" and ex.result.n == 1
    assert ex.result.number == (4 if f_kind == "vector" else 2)
    assert "of a vector" in ex.case_out.value and "of a scalar" not in ex.case_out.value
    assert r"\mathbf{x}" in ex.example_out.value
    assert "vector, 1 × 1 (n = 1)" in ex.shapes_out.value


PYTHON_WORDS = ("jacobian(", "gradient(", "explorer", "(f, wrt)", "import ", "mk.", "mathkit.")


@pytest.mark.parametrize(
    ("make", "control", "text"),
    [
        (explorers.gradient_explorer, "function", "[x, y]"),
        (explorers.gradient_explorer, "function", "[x*y]"),
        (explorers.gradient_explorer, "function", "x // y"),
        (explorers.jacobian_explorer, "functions", "1e-300"),
        (explorers.jacobian_explorer, "functions", "Ellipsis"),
        (explorers.jacobian_explorer, "variables", "x x"),
        (lambda: explorers.linearization_explorer(budget=None), "functions", "[x]"),
        (lambda: explorers.linearization_explorer(budget=None), "variables", "x"),
    ],
)
def test_widget_messages_never_ask_for_python(make, control, text):
    ex = make()
    getattr(ex, control).value = text
    assert ex.error
    assert not any(word in ex.error for word in PYTHON_WORDS), ex.error
    assert "1 outputs" not in ex.error and "1 functions" not in ex.error


def test_no_widget_text_asks_for_python():
    for ex in every_explorer():
        for w in all_widgets(ex):
            value = getattr(w, "value", "")
            if isinstance(value, str):
                assert "jacobian_explorer" not in value and "type it into" not in value


def test_gradient_explorer_says_what_to_type_for_a_list(grad):
    grad.function.value = "[x*y]"
    assert shows_error(grad, "scalar function", "without brackets", "1 function)")
    grad.function.value = "10*x^2*y^2"
    assert no_error(grad)


# ---------------------------------------------------------------------------------------------
# issue 9 item 16: the transposed matrix in J's place


def test_linearization_explorer_compares_j_with_its_transpose():
    ex = explorers.linearization_explorer(
        "[x + y^2, x^2 - y]", "x y", point=(1.0, 0.5), size=0.2, budget=None
    )
    assert "mathkit-matrix" in classes(ex.matrix) and ex.matrix.value == "jacobian"
    right = ex.shrinkage
    assert right.ratio == pytest.approx(4.0, rel=0.05) and "about 4" in ex.gap_out.value
    ex.matrix.value = "transpose"
    wrong = ex.shrinkage
    assert wrong.matrix == "transpose" and wrong.ratio == pytest.approx(2.0, rel=0.1)
    assert "only about 2" in ex.gap_out.value and "J(p)^T" in ex.gap_out.value
    assert ex.gap == wrong.gap > 10 * right.gap
    assert "ᵀ" in ex.plot.alt


def test_linearization_explorer_says_when_j_is_symmetric():
    ex = explorers.linearization_explorer(point=(1.0, -1.0), matrix="transpose", budget=None)
    assert ex.shrinkage.symmetric and "symmetric" in ex.gap_out.value


def test_every_explorer_carries_the_script_that_names_slider_handles():
    # ipywidgets draws a slider's handle (role="slider") with no accessible name; the stylesheet
    # widget carries a constant script that copies each slider's description into aria-label
    from mathkit import css

    script = css.NAME_SLIDERS
    inside = script.split('onerror="', 1)[1].rsplit('"', 1)[0]
    assert '"' not in inside and "<" not in inside  # one attribute value, no markup
    assert "aria-label" in inside and "[role=slider]" in inside and "widget-label" in inside
    assert " hidden " in script and 'alt=""' in script
    for ex in every_explorer():
        values = [getattr(w, "value", None) for w in all_widgets(ex)]
        assert any(isinstance(v, str) and script in v for v in values), type(ex).__name__
