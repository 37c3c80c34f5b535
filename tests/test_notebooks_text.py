"""Part 2's notebooks (07-12) show results as a learner reads them, in boxes that fit.

JupyterLab and Voilà show plain-text output (``print``, a bare ``repr``) in a ``<pre>`` that
breaks words anywhere (``word-break: break-all``): at 800 px and on a projector the long result
lines of 07-12 were cut mid-word (the browser tests' fit check, issue 11). Their results are shown
through :class:`mathkit.text.Lines` (HTML that wraps between words) or a
:class:`mathkit.render.Formula` (typeset math in a focusable scroll box) instead, and their text
reads like the course: x², max, step, ln, not sympy's ``x**2``, ``Max``, ``Heaviside(z, 0)``,
``log``. The browser tests check the pages themselves; these check the sources and the saved
outputs, and that the course's text means the expression it stands for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
import sympy as sp

import mathkit as mk
from mathkit import neuron
from mathkit.render import show_chain
from mathkit.text import text

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PART2 = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if 7 <= int(p.name[:2]) <= 12)
SHORT = 40  # characters: a plain-text line this short fits even the projector's narrow cells
SYMPY_SPELLINGS = ("**", "Heaviside", "Max(", "Min(", "log(", "Matrix(")


def _code_cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def test_part2_notebooks_are_found():
    assert [p.name[:2] for p in PART2] == ["07", "08", "09", "10", "11", "12"]


@pytest.mark.parametrize("path", PART2, ids=lambda p: p.name)
def test_part2_notebooks_never_print(path):
    """A printed line goes to a <pre> that breaks words: show it through mk.text.Lines."""
    printing = [
        i
        for i, cell in _code_cells(path)
        for node in ast.walk(ast.parse(cell.source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"
    ]
    assert not printing, f"{path.name}: cells {printing} print; show mk.text.Lines(...) instead"


@pytest.mark.parametrize("path", PART2, ids=lambda p: p.name)
def test_part2_saved_outputs_wrap_and_read_like_the_course(path):
    """Every saved result longer than a short line has an HTML form (so it wraps between words
    or scrolls in a focusable box), and none spells math the way sympy does."""
    problems = []
    for i, cell in _code_cells(path):
        if "NBVAL_IGNORE_OUTPUT" in cell.source:
            continue  # widgets: the browser tests check them
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                problems.append(f"cell {i}: a stream output ({out.text[:40]!r})")
                continue
            data = out.get("data", {})
            plain = data.get("text/plain", "")
            if "text/html" not in data and "image/png" not in data and len(plain) > SHORT:
                problems.append(f"cell {i}: plain text only ({plain[:40]!r})")
            problems += [
                f"cell {i}: {spelling!r} in {plain[:60]!r}"
                for spelling in SYMPY_SPELLINGS
                if spelling in plain and not plain.startswith("Figure:")
            ]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


x, z, b = sp.symbols("x z b")
w1, w2, x1, x2 = sp.symbols("w_1 w_2 x_1 x_2")
SHOWN = [
    neuron.expanded_loss([[2, 1], [-1, 3]], [1, 0]),  # 11's loss
    6 * x**2 * sp.cos(x**3) / sp.sin(x**3),  # 09's ln(sin(x³)²)
    (2 * x + 1) * sp.cos(x**2 + x),
    sp.log(sp.sin(x**3) ** 2),
    -w1 / x1**2,  # 07's w ⊘ x
    3 * x1 / 16,
    (x + 1) / (2 * z),
    sp.Max(0, b + w1 * x1 + w2 * x2) ** 2 / 2,
    # cousins, found by trying: a lone negative power, a symbolic power, a float coefficient
    (x + 1) ** -2,
    2**-x,
    x ** sp.Rational(1, 3),
    sp.Float(0.5) * x,
]


@pytest.mark.parametrize("expr", SHOWN, ids=str)
def test_the_course_text_means_the_expression(expr):
    """What a learner reads, typed back into mathkit's parser, is the same expression."""
    shown = text(expr)
    assert not any(spelling in shown for spelling in SYMPY_SPELLINGS), shown
    assert sp.simplify(mk.parse(shown) - expr) == 0, (shown, mk.parse(shown))


def test_relu_slope_reads_step_with_the_papers_convention():
    slope = mk.jacobian("max(0, z)", "z")[0]  # Heaviside(z, 0): 0 at z = 0, as in the paper
    assert slope.subs(z, 0) == 0 and slope.subs(z, 1) == 1 and slope.subs(z, -1) == 0
    assert text(slope) == "step(z)"
    assert r"\operatorname{step}" in mk.render.latex(slope) and r"\theta" not in mk.render.latex(
        slope
    )


@pytest.mark.parametrize(
    "steps, rule",
    [
        ([("u", "x^2"), ("y", "sin(u)")], "single-variable"),
        ([("u", "x^2"), ("y", "x + u")], "total-derivative"),
        ([("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")], "vector"),
    ],
)
def test_show_chain_names_rule_shapes_and_result_without_stretched_braces(steps, rule):
    c = mk.chain(steps, "x")
    shown = show_chain(c)
    lines = repr(shown).splitlines()
    assert f"({rule} chain rule, numerator layout)" in lines[1]
    assert r"\underbrace" not in shown.latex  # MathJax clips a brace's extender (fit: "cut")
    if rule != "total-derivative":
        for _, M in c.factors:
            assert rf"\underset{{{M.rows} \times {M.cols}}}" in shown.latex
    # the last line is the result, as the course writes it, and means the result
    result = lines[-1].split("= ", 1)[1]
    one = c.result.shape == (1, 1)
    parsed = sp.Matrix([[mk.parse(result)]]) if one else mk.parse_matrix(result)
    assert sp.simplify(parsed - c.result) == sp.zeros(*c.result.shape), (result, c.result)
    assert 'role="region"' in shown._repr_html_() and 'tabindex="0"' in shown._repr_html_()


def test_play_buttons_are_named_by_a_constant_script():
    """ipywidgets draws a Play widget's buttons as bare icons: the naming script gives each a
    fixed name (never learner text) by its icon."""
    from mathkit import css

    assert set(css.PLAY_BUTTON_NAMES) == {"fa-play", "fa-pause", "fa-stop", "fa-retweet"}
    assert all(name and "'" not in name for name in css.PLAY_BUTTON_NAMES.values())
    for icon, name in css.PLAY_BUTTON_NAMES.items():
        assert f"'{icon}':'{name}'" in css.NAME_SLIDERS
    assert ".widget-play button" in css.NAME_SLIDERS
