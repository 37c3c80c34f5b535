"""The Part-2 explorers (vector notation, chain-rule stepper, training), driven by setting their
controls' values as a learner would; and the pure functions under them.

Expected results are hand-derived from the paper (§4.2–§4.4 tables, §5 chain examples, §6
loss gradient) and built with sympy directly, or checked by finite differences of
``neuron.loss``; never copied from the code under test.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp

from mathkit import css, explorers, neuron, training
from mathkit.chain import chain
from mathkit.chain_steps import EXAMPLES, check_factors, pieces, read_steps

N = 3
w = sp.Matrix(sp.symbols("w_1:4"))
x = sp.Matrix(sp.symbols("x_1:4"))
z, b, X = sp.symbols("z b x")


def classes(widget) -> tuple[str, ...]:
    return tuple(widget._dom_classes)


def all_widgets(root):
    seen, stack = [], [root]
    while stack:
        item = stack.pop()
        seen.append(item)
        stack.extend(getattr(item, "children", ()))
    return seen


def friendly(ex, *words) -> bool:
    return (
        ex.error is not None
        and all(word in ex.error for word in words)
        and "Traceback" not in ex.error_out.value
        and "\n" not in ex.error
    )


# ---------------------------------------------------------------------------------------------
# vector_explorer: the paper's tables, by hand

relu_z = (w.T * x)[0] + b
PAPER_TABLE = [
    # (formula, wrt, Jacobian in numerator layout by hand, the paper's name)
    ("w + x", "w", sp.eye(N), "I"),
    ("w - x", "x", -sp.eye(N), "-I"),
    ("w ⊗ x", "w", sp.diag(*x), "diag(x)"),
    ("w ⊗ x", "x", sp.diag(*w), "diag(w)"),
    ("w ⊘ x", "w", sp.diag(*[1 / xi for xi in x]), "diag(1/x)"),
    ("w ⊘ x", "x", sp.diag(*[-wi / xi**2 for wi, xi in zip(w, x, strict=True)]), "diag(-w/x^2)"),
    ("x z", "x", z * sp.eye(N), "z I"),
    ("x z", "z", x, "x"),
    ("x + z", "z", sp.ones(N, 1), "1"),
    ("sum(x)", "x", sp.ones(1, N), "1ᵀ"),
    ("sum(x z)", "z", sp.Matrix([[sum(x)]]), "sum(x)"),
    ("w · x", "w", x.T, "xᵀ"),
    ("max(0, w·x + b)", "w", x.T * sp.Heaviside(relu_z, 0), None),
    ("max(0, w·x + b)", "b", sp.Matrix([[sp.Heaviside(relu_z, 0)]]), None),
]


@pytest.fixture
def vec():
    return explorers.vector_explorer("w ⊗ x", "w x", 3, "w")


@pytest.mark.parametrize(("text", "wrt", "J", "name"), PAPER_TABLE)
def test_vector_explorer_reproduces_the_papers_tables(vec, text, wrt, J, name):
    vec.text.value, vec.wrt.value = text, wrt
    assert vec.error is None and not vec.stale
    assert sp.simplify(vec.result - J) == sp.zeros(*J.shape)
    if name is not None:
        assert vec.closed_form.text == name
    rows, cols = J.shape
    assert f"{rows} × {cols}" in vec.jacobian_out.value and "numerator layout" in (
        vec.jacobian_out.value
    )


def test_vector_explorer_shows_the_scalar_components(vec):
    assert list(vec.components) == [wi * xi for wi, xi in zip(w, x, strict=True)]
    assert "f_{3}" in vec.components_out.value and "3 scalar components" in vec.components_out.value
    vec.text.value = "w · x + b"
    assert vec.components == relu_z
    assert "scalar" in vec.components_out.value


def test_vector_explorer_layout_toggle_names_both_layouts(vec):
    vec.text.value = "w · x"
    assert vec.result == x.T and vec.closed_form.text == "xᵀ"
    vec.layout_toggle.value = "denominator"
    assert vec.result == x and vec.closed_form.text == "x"  # the transpose: a column
    assert "denominator layout" in vec.jacobian_out.value and "3 × 1" in vec.jacobian_out.value
    assert "numerator layout (the paper" in vec.closed_form_out.value
    assert "xᵀ" in vec.closed_form_out.value  # the other layout is named too


@pytest.mark.parametrize("n", [1, 2, 5, 6])
def test_vector_explorer_size_slider(vec, n):
    vec.size.value = n
    assert vec.result.shape == (n, n)
    assert vec.result == sp.diag(*sp.symbols(f"x_1:{n + 1}"))
    assert vec.size.min == 1 and vec.size.max == 6 and vec.size.description


@pytest.mark.parametrize(
    ("control", "value", "words"),
    [
        ("text", "w * x", ("⊗", "·")),
        ("text", "w ⊗ (x", ("(",)),
        ("text", "w / x", ("⊘",)),
        ("vectors", "w1 x", ("one letter",)),
        ("vectors", "", ("declare",)),
        ("wrt", "w w", ("twice",)),
    ],
)
def test_vector_explorer_bad_input_keeps_the_last_good_result(vec, control, value, words):
    good = vec.result
    getattr(vec, control).value = value
    assert friendly(vec, *words)
    assert vec.result == good and vec.stale
    assert "showing the last valid formula" in vec.stale_note.value
    assert css.INVALID in classes(getattr(vec, control))
    vec.layout_toggle.value = "denominator"  # the last good result, in the layout shown
    assert vec.result == good.T and vec.stale
    getattr(vec, control).value = {"text": "w ⊗ x", "vectors": "w x", "wrt": "w"}[control]
    assert vec.error is None and not vec.stale and css.INVALID not in classes(vec.text)


def test_vector_explorer_names_its_scalars_and_a_case_slip(vec):
    vec.text.value = "max(0, w·x + b)"
    assert "b is a scalar" in vec.components_out.value
    vec.text.value = "W ⊗ X"  # capitals: not the declared vectors w and x
    shown = vec.components_out.value
    assert "W, X are scalars" in shown and "case" in shown and "w" in shown
    assert vec.result == sp.zeros(1, 3)  # read as scalars, W X has no w in it


# ---------------------------------------------------------------------------------------------
# chain_stepper and check_factors: the paper's examples, differentiated directly by sympy

BY_HAND = {
    "sin(x^2)": (sp.sin(X**2), "single-variable"),
    "ln(sin(x^3)^2)": (sp.log(sp.sin(X**3) ** 2), "single-variable"),
    "x + x^2": (X + X**2, "total-derivative"),
    "sin(x + x^2)": (sp.sin(X + X**2), "total-derivative"),
    "[ln(x^2), sin(3x)]": (sp.Matrix([sp.log(X**2), sp.sin(3 * X)]), "vector"),
}


@pytest.mark.parametrize("example", list(BY_HAND))
def test_chain_stepper_paper_examples(example):
    f, rule = BY_HAND[example]
    st = explorers.chain_stepper(example)
    direct = sp.Matrix([f]).diff(X) if not isinstance(f, sp.MatrixBase) else f.diff(X)
    assert sp.simplify(st.result - direct) == sp.zeros(*direct.shape)
    assert st.rule == rule and st.error is None
    assert st.check.ok and "✓ finite differences agree" in st.check_out.value
    assert r"\times" in st.derivatives_out.value  # every factor's shape is shown
    for label, M in pieces(st.chain)[:-1]:  # the factors, or the terms of the sum
        assert rf"{M.rows} \times {M.cols}" in st.derivatives_out.value, label


def test_chain_stepper_picking_and_typing_steps():
    st = explorers.chain_stepper("sin(x^2)")
    st.example.value = "x + x^2"
    assert st.rule == "total-derivative" and st.result == sp.Matrix([[2 * X + 1]])
    assert "y = x + u" in st.steps.value
    st.steps.value = "u = x^3\ny = exp(u)"
    assert st.example.value == "your own steps"
    assert st.result == sp.Matrix([[3 * X**2 * sp.exp(X**3)]])
    own = explorers.chain_stepper(steps=[("u", "x^2"), ("y", "cos(u)")])
    assert own.result == sp.Matrix([[-2 * X * sp.sin(X**2)]])


@pytest.mark.parametrize(
    ("text", "words"),
    [("u = x^2\ny = sin(u", ("(",)), ("sin(u)", ("name = formula",)), ("", ("step",))],
)
def test_chain_stepper_bad_steps_keep_the_last_good(text, words):
    st = explorers.chain_stepper("sin(x^2)")
    good = st.result
    st.steps.value = text
    assert friendly(st, *words) and st.result == good and st.stale
    assert "showing the last valid steps" in st.stale_note.value


def test_read_steps():
    assert read_steps("u = x^2\n\ny = sin(u)\n") == [("u", "x^2"), ("y", "sin(u)")]
    with pytest.raises(ValueError):
        read_steps("u := x^2")


def _chain(example):
    return chain(EXAMPLES[example], "x")


@pytest.mark.parametrize(
    ("example", "typed"),
    [
        ("sin(x^2)", ["cos(u)", "2x", "2x cos(x^2)"]),
        ("sin(x^2)", ["cos(x^2)", "2*x", "cos(x^2)*2x"]),  # a factor written in x is right too
        ("ln(sin(x^3)^2)", ["1/u3", "2 u2", "cos(u1)", "3x^2", "6x^2 cos(x^3)/sin(x^3)"]),
        ("x + x^2", ["1", "2x", "1 + 2x"]),
        ("sin(x + x^2)", ["cos(u2)", "1 + 2x", "(1 + 2x) cos(x + x^2)"]),
        ("[ln(x^2), sin(3x)]", ["[[1/g1, 0], [0, cos(g2)]]", "[2x, 3]ᵀ", "[2/x, 3 cos(3x)]ᵀ"]),
        ("[ln(x^2), sin(3x)]", ["diag(1/g1, cos(g2))", "[[2x], [3]]", "[2/x, 3 cos(3x)]ᵀ"]),
    ],
)
def test_check_factors_accepts_right_answers_written_any_valid_way(example, typed):
    result = check_factors(_chain(example), typed)
    assert result.ok, result.message
    assert result.message.startswith("✓")


def test_check_factors_diagnoses_the_wrong_order():
    result = check_factors(_chain("sin(x^2)"), ["2x", "cos(u)", ""])
    assert not result.ok and "that is du/dx, not dy/du" in result.message
    assert "outermost first" in result.message
    assert [v.status for v in result.verdicts] == ["wrong", "unchecked", "unchecked"]


def test_check_factors_diagnoses_the_missing_total_derivative_term():
    # d(x + x²)/dx: 2x forgets ∂y/∂x = 1 (the paper's motivating example)
    result = check_factors(_chain("x + x^2"), ["1", "2x", "2x"])
    assert "leaves out the term ∂y/∂x = 1" in result.message
    # sin(x + x²): du2/dx = 2x forgets ∂u2/∂x = 1
    result = check_factors(_chain("sin(x + x^2)"), ["cos(u2)", "2x"])
    assert "leaves out the term ∂u2/∂x = 1" in result.message
    result = check_factors(_chain("sin(x + x^2)"), ["cos(u2)", "2x + 1", "2x cos(x + x^2)"])
    assert "leaves out the term ∂u2/∂x = 1" in result.message


def test_check_factors_diagnoses_a_transposed_factor_and_never_accepts_wrong():
    c = _chain("[ln(x^2), sin(3x)]")
    result = check_factors(c, ["[[1/g1, 0], [0, cos(g2)]]", "[[2x, 3]]"])
    assert "transpose" in result.message and "2 × 1" in result.message
    for wrong in (["cos(u)", "x^2", "?"], ["sin(u)", "2x", "2x"], ["cos(u)", "2x", "2x"]):
        assert not check_factors(_chain("sin(x^2)"), wrong).ok
    assert "(" in check_factors(_chain("sin(x^2)"), ["cos(u"]).message


def test_check_factors_wants_the_result_in_x_alone():
    result = check_factors(_chain("sin(x^2)"), ["cos(u)", "2x", "2x cos(u)"])
    assert not result.ok and "substitute u = x^2" in result.message


def test_pieces_are_the_factors_or_the_terms_then_the_result():
    assert [lb for lb, _ in pieces(_chain("sin(x^2)"))] == ["dy/du", "du/dx", "dy/dx"]
    labels = [lb for lb, _ in pieces(_chain("[ln(x^2), sin(3x)]"))]
    assert labels == ["∂y/∂g", "∂g/∂x", "∂y/∂x"]


def test_chain_stepper_try_it_yourself():
    st = explorers.chain_stepper("x + x^2", mode="try")
    assert [box.description for box in st.factors] == ["∂y/∂x =", "∂y/∂u · du/dx =", "dy/dx ="]
    assert "hidden while you try" in st.result_out.value and "2 x + 1" not in st.result_out.value
    for box, text in zip(st.factors, ["1", "2x", "2x"], strict=True):
        box.value = text
    assert "leaves out the term ∂y/∂x = 1" in st.verdict_out.value
    st.factors[2].value = "2x + 1"
    assert st.factor_check.ok and "✓ every factor" in st.verdict_out.value
    st.mode.value = "show"
    assert "2 x + 1" in st.result_out.value
    st.example.value = "sin(x^2)"  # new pieces, new boxes
    assert [box.description for box in st.factors] == ["dy/du =", "du/dx =", "dy/dx ="]


# ---------------------------------------------------------------------------------------------
# training_explorer: neuron.loss and loss_gradient, checked by finite differences


def _finite_gradient(name, w0, b0, h=1e-6):
    data = training.data_set(name)
    Xf, yf = data.floats()
    params = [*w0, b0]

    def C(p):
        return neuron.loss(Xf, yf, p[:-1], p[-1])

    out = []
    for j in range(len(params)):
        up, down = list(params), list(params)
        up[j] += h
        down[j] -= h
        out.append((C(up) - C(down)) / (2 * h))
    return np.array(out)


@pytest.mark.parametrize("name", ["1d", "2d"])
def test_built_in_data_starts_with_some_samples_inactive(name):
    data = training.data_set(name)
    s = training.state(name, data.w0, data.b0)
    active = np.asarray(s.gradient.active)
    assert active.any() and not active.all()
    # z_i ≤ 0 by hand for the inactive ones
    Xf, _ = data.floats()
    z_hand = Xf @ np.array(data.w0) + data.b0
    assert (z_hand > 0).tolist() == active.tolist()
    # the gradient against finite differences of neuron.loss, just off the start (the start
    # puts samples exactly at the corner z = 0, where the slope is the paper's convention)
    near = (tuple(v + 0.013 for v in data.w0), data.b0 + 0.007)
    moved = training.state(name, *near)
    analytic = [*np.ravel(moved.gradient.dw), moved.gradient.db]
    np.testing.assert_allclose(analytic, _finite_gradient(name, *near), atol=1e-5)


def test_training_step_is_gradient_descent_by_hand():
    # 1-D start w = 0.5, b = -0.5: active x = 2 (e = -3) and x = 3 (e = -4), N = 6:
    # ∂C/∂w = (2/6)(-3·2 - 4·3) = -6, ∂C/∂b = (2/6)(-7) = -7/3
    after = training.step("1d", (0.5,), -0.5, 0.05)
    assert after.w[0] == pytest.approx(0.5 + 0.05 * 6)
    assert after.b == pytest.approx(-0.5 + 0.05 * 7 / 3)


@pytest.mark.parametrize("name", ["1d", "2d"])
def test_step_lowers_the_loss_and_moves_the_sliders(name):
    ex = explorers.training_explorer(name, budget=None)
    start = ex.loss
    assert ex.error is None and len(ex.losses) == 1
    ex.step_button.click()
    assert ex.loss < start and ex.losses == [start, ex.loss]
    assert ex.w[0].value == pytest.approx(ex.result.w[0], abs=0.006)
    assert ex.b.value == pytest.approx(ex.result.b, abs=0.006)
    for _ in range(5):
        ex.step_button.click()
    assert all(a > b_ for a, b_ in zip(ex.losses, ex.losses[1:], strict=False))


def test_each_play_tick_does_one_step_and_stop_rewinds():
    ex = explorers.training_explorer("1d", budget=None)
    assert isinstance(ex.play, widgets.Play)
    ex.play.playing = True  # as the browser's Play sends it, before its first tick
    ex.play.value = 1
    assert len(ex.losses) == 2
    ex.play.value = 2
    ex.play.value = 3
    assert len(ex.losses) == 4
    ex.play.playing = True
    ex.stop()
    assert ex.play.playing is False and ex.play.value == 0 and len(ex.losses) == 4


def test_a_late_tick_after_reset_or_pause_takes_no_step():
    # The browser's Play sends a tick every 300 ms; one already on its way when the learner
    # presses Reset (or pause) arrives after it: it must not step from the new start.
    ex = explorers.training_explorer("1d", budget=None)
    ex.play.playing = True
    ex.play.value = 1
    ex.play.value = 2
    assert len(ex.losses) == 3
    ex.reset_button.click()
    assert ex.play.playing is False and len(ex.losses) == 1
    ex.play.value = 3  # the late tick
    assert len(ex.losses) == 1 and ex.result.w == (0.5,) and ex.result.b == -0.5
    ex.play.playing = True  # Run again: ticks step again
    ex.play.value = 4
    assert len(ex.losses) == 2
    ex.play.playing = False  # pause, in the browser
    ex.play.value = 5  # a tick sent just before it
    assert len(ex.losses) == 2


def test_a_dead_neuron_says_why_nothing_moves_and_stops_the_run():
    # 2-D data, w = (−3, −3), b = −3: z_i = −3(x₁ + x₂) − 3 ≤ 0 for every sample (by hand:
    # x₁ + x₂ ≥ 0 for all seven), so no sample is active and the gradient is 0.
    ex = explorers.training_explorer("2d", budget=None)
    ex.w[0].value, ex.w[1].value, ex.b.value = -3.0, -3.0, -3.0
    assert not np.asarray(ex.result.gradient.active).any()
    assert "no sample is active" in ex.summary_out.value.lower()
    assert "gradient is 0" in ex.summary_out.value
    start = ex.loss
    ex.step_button.click()
    assert ex.loss == start  # gradient descent cannot move: said, not silently ignored
    ex.play.playing = True
    ex.play.value = 1
    assert ex.play.playing is False, "Run goes on ticking where nothing can change"
    ex.b.value = 3.0  # every z_i > 0 again: the note goes
    assert "no sample is active" not in ex.summary_out.value.lower()


def test_parameters_beyond_the_sliders_range_are_named():
    # 1-D start w = 0.5, b = −0.5, ∂C/∂w = −6 (by hand, above): at η = 0.5 one step takes w to
    # 0.5 + 0.5·6 = 3.5, past the slider's end 3.
    ex = explorers.training_explorer("1d", budget=None)
    ex.rate.value = 0.5
    ex.step_button.click()
    assert ex.result.w[0] == pytest.approx(3.5)
    assert ex.w[0].value == 3.0
    summary = ex.summary_out.value
    assert "w = 3.5" in summary and "beyond" in summary and "[−3, 3]" in summary
    ex.reset_button.click()
    assert "beyond" not in ex.summary_out.value


def test_moving_a_slider_starts_again_from_there():
    ex = explorers.training_explorer("1d", budget=None)
    ex.step_button.click()
    ex.w[0].value = 1.5
    ex.b.value = 0.5
    assert len(ex.losses) == 1 and ex.result.w == (1.5,) and ex.result.b == 0.5
    Xf, yf = training.data_set("1d").floats()
    assert ex.loss == pytest.approx(neuron.loss(Xf, yf, [1.5], 0.5))
    ex.reset_button.click()
    assert ex.result.w == (0.5,) and ex.result.b == -0.5


def test_training_explorer_shows_errors_activity_and_the_gradient_arrow():
    ex = explorers.training_explorer("2d", budget=None)
    assert ex.w[1].layout.display is None and ex.w[0].description == "w₁"
    assert "no (adds 0)" in ex.samples_out.value and "yes" in ex.samples_out.value
    assert r"\mathbf{x}_i^T" in ex.summary_out.value and "1 × 2" in ex.summary_out.value
    fig = ex.figure
    gids = {a.get_gid() for ax in fig.axes for a in ax.get_children()}
    assert {"samples", "boundary", "contours", "params", "descent", "loss-curve"} <= gids
    assert "−∇C" in ex.plot.alt and "inactive" in ex.plot.alt
    assert fig.get_figwidth() * fig.dpi <= 352  # the figure area's width beside a file browser
    ex.data.value = "1d"
    assert ex.w[1].layout.display == "none" and ex.w[0].description == "w"


@pytest.mark.parametrize("name", ["1d", "2d"])
def test_the_redrawn_figure_is_the_figure_drawn_afresh(name):
    # The explorers redraw one figure in place and render only what moves; after 12 steps
    # (the step axis grew twice: 5, 10, 20), with another explorer drawing 24 steps on the same
    # figure in between, its PNG must show what a new figure of the same state shows, to within
    # antialiasing where marks overlap (a stale tick label is ~250 px).
    import base64
    import io
    import re

    from PIL import Image

    from mathkit.plots import png_bytes

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)

    ex = explorers.training_explorer(name, budget=None)
    other = explorers.training_explorer(name, budget=None)  # draws on the same shared figure
    for _ in range(12):
        ex.step_button.click()
        other.step_button.click()
        other.step_button.click()
    shown = base64.b64decode(re.search(r"base64,([^\"]+)", ex.plot.image.value)[1])
    afresh = png_bytes(ex.figure)
    different = np.abs(pixels(shown) - pixels(afresh)).max(axis=2) > 64
    assert different.sum() < 100, f"{different.sum()} pixels differ"


def test_training_explorer_shows_a_narrow_figure_and_writes_numbers_as_the_course_does():
    import base64
    import io
    import re

    from PIL import Image

    # 1-D start w = 0.5, b = −0.5: the activation max(0, 0.5x − 0.5), never "0.5x + −0.5"
    ex = explorers.training_explorer("1d", budget=None)
    shown = base64.b64decode(re.search(r"base64,([^\"]+)", ex.plot.image.value)[1])
    width, height = Image.open(io.BytesIO(shown)).size
    assert width <= 352 and height > width  # narrow, the panels one above the other
    assert "max(0, 0.5x − 0.5)" in ex.plot.alt and "+ −" not in ex.plot.alt
    assert "after 0 step(s)" in ex.plot.alt and "w = 0.5," in ex.plot.alt
    summary = ex.summary_out.value
    assert "After 0 step(s)" in summary and "b = −0.5" in summary and "b = -0.5" not in summary
    assert ">−1.5</td>" in ex.samples_out.value  # sample 1: z = 0.5·(−2) − 0.5 by hand
    ex.step_button.click()
    assert "after 1 step(s) of" in ex.plot.alt and "+ −" not in ex.plot.alt


def test_training_explorer_repr_is_short_and_stable():
    ex = explorers.training_explorer("1d", budget=None)
    assert repr(ex) == "<TrainingExplorer 1d data, step 0, loss 4.875>"  # 29.25 / 6 by hand


def test_a_step_that_cannot_be_taken_keeps_the_last_good_state():
    ex = explorers.training_explorer("1d", budget=None)
    good = ex.loss
    ex.rate.value = 0.5
    for _ in range(60):
        if not ex.step():
            break
    if ex.error is not None:  # overshoot to infinity: one friendly line, last good state kept
        assert friendly(ex, "learning rate") and ex.stale and np.isfinite(ex.loss)
    assert good > 0


# ---------------------------------------------------------------------------------------------
# all three: the explorers' shared contract


def part2():
    return [
        explorers.vector_explorer(),
        explorers.chain_stepper("x + x^2", mode="try"),
        explorers.training_explorer("2d", budget=None),
    ]


def test_part2_explorers_use_only_declared_classes_and_named_focusable_areas():
    for ex in part2():
        assert css.EXPLORER in classes(ex) and f"mathkit-{ex._name}-explorer" in classes(ex)
        declared = {a.name for a in ex._areas}
        # an area's class must not be a control's (or an exercise's) class too
        assert not {css.area(name) for name in declared} & set(css.CLASSES), type(ex).__name__
        for item in all_widgets(ex):
            for name in item._dom_classes:
                if name == f"mathkit-{ex._name}-explorer" or not name.startswith("mathkit-"):
                    continue
                assert name in css.CLASSES or name.removeprefix("mathkit-") in declared, name
            if isinstance(item, (widgets.FloatSlider, widgets.IntSlider)):
                assert item.description.strip()
        for area in ex._areas:
            value = getattr(ex, f"{area.name}_out").value
            if value:
                assert value.startswith('<div class="mathkit-scroll" tabindex="0" role="region"')
        assert any(css.NAME_SLIDERS in str(getattr(i, "value", "")) for i in all_widgets(ex))


def test_part2_explorers_are_exported():
    for name in ("vector_explorer", "chain_stepper", "training_explorer"):
        assert name in explorers.__all__


@pytest.mark.parametrize(("text", "wrt"), [(t, v) for t, v, _, _ in PAPER_TABLE])
def test_the_denominator_name_is_the_name_of_the_transpose(text, wrt):
    from mathkit.closed_form import closed_form

    ex = explorers.vector_explorer(text, "w x", 3, wrt)
    J = ex.result
    assert ex.denominator_form.matrix == J.T
    assert ex.denominator_form.text == closed_form(J.T, {"w": 3, "x": 3}).text
