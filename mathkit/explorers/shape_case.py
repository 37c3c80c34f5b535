"""4. The shape-case explorer: scalar or vector f and x, an example of each case and its shapes."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import sympy as sp

from ..calculus import as_functions, as_variables, jacobian
from ..examples import CATALOG
from ..render import shape_text, show_jacobian
from ..shapes import ShapeCase, shape_case
from ..ui import (
    DEFAULT_BUDGET,
    as_input,
    math_area,
    math_html,
)
from .base import (
    _LABEL,
    _Explorer,
)


def _case_example(f_kind: str, x_kind: str, m: int, n: int) -> tuple[str, str]:
    """An example (functions, variables) as text: the catalog's when its sizes match, else a
    made-up one with the right sizes (x₁ … xₙ and f_i = i·x_a² + x_b for vectors)."""
    m = m if f_kind == "vector" else 1
    n = n if x_kind == "vector" else 1
    number = 1 + (x_kind == "vector") + 2 * (f_kind == "vector")
    for e in CATALOG:
        sizes = (len(as_functions(e.functions)[0]), len(as_variables(e.variables)[0]))
        if e.case == number and sizes == (m, n):
            return e.functions, e.variables
    if x_kind == "scalar":
        items = [f"x^{i + 2}" for i in range(m)]
        variables = "x"
    else:
        names = [f"x{j + 1}" for j in range(n)]
        variables = " ".join(names)
        if f_kind == "scalar":
            items = [" + ".join(f"{name}^2" for name in names)]
        else:
            items = [
                f"{i + 1}*{names[i % n]}^2" + (f" + {names[(i + 1) % n]}" if n > 1 else "")
                for i in range(m)
            ]
    functions = f"[{', '.join(items)}]" if f_kind == "vector" else items[0]
    return functions, variables


@dataclass(frozen=True)
class _CaseState:
    case: ShapeCase
    jacobian: sp.Matrix
    example: tuple[str, str]
    case_html: str
    example_html: str
    jacobian_html: str
    shapes_html: str
    rule_html: str


def _case_state(f_kind: str, x_kind: str, m: int, n: int) -> _CaseState:
    """Everything the shape-case explorer shows, from its inputs (pure)."""
    functions, variables = _case_example(f_kind, x_kind, m, n)
    case = shape_case(functions, variables)
    F, f_vec = as_functions(functions)
    x, x_vec = as_variables(variables)
    J = jacobian(F, x)
    f_name = r"\mathbf{f}" if f_vec else "f"
    x_name = r"\mathbf{x}" if x_vec else "x"
    f_latex = sp.latex(F) if f_vec else sp.latex(F[0])
    x_latex = sp.latex(x) if x_vec else sp.latex(x[0])
    example_html = math_html(
        rf"{f_name}({x_name}) = {f_latex}, \qquad {x_name} = {x_latex}",
        text_before="An example (type it into jacobian_explorer to play with it):",
    )
    both = [show_jacobian(functions, variables, layout) for layout in ("numerator", "denominator")]
    jacobian_html = math_html(
        r"\begin{gathered}" + r" \\ ".join(b.latex for b in both) + r"\end{gathered}"
    )

    def kind(is_vector: bool, size: int, letter: str) -> str:
        return f"vector, {size} × 1 ({letter} = {size})" if is_vector else "scalar, 1 × 1"

    rows = [
        ("f", kind(f_vec, case.m, "m"), kind(f_vec, case.m, "m")),
        ("x", kind(x_vec, case.n, "n"), kind(x_vec, case.n, "n")),
        (
            "∂f/∂x",
            shape_text(case.jacobian_shape("numerator")),
            shape_text(case.jacobian_shape("denominator")),
        ),
    ]
    cells = "".join(f"<tr><th>{a}</th><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    shapes_html = (
        '<table role="table"><tr><th></th><th>numerator layout</th><th>denominator layout</th>'
        f"</tr>{cells}</table>"
    )
    return _CaseState(
        case,
        J,
        (functions, variables),
        math_html("", text_before=f"Case {case.number} of 4: a {case.name}."),
        example_html,
        jacobian_html,
        shapes_html,
        math_html("", text_before=f"Rule: {case.rule}"),
    )


class ShapeCaseExplorer(_Explorer):
    """Pick scalar or vector for f and x and the sizes m, n: see the four shape cases.

    See the module docstring for the attributes."""

    _name = "shape-case"

    def __init__(
        self,
        f_kind: str = "vector",
        x_kind: str = "vector",
        m: int = 2,
        n: int = 2,
        budget: float | None = DEFAULT_BUDGET,
    ):
        def toggle(value: str, description: str) -> widgets.ToggleButtons:
            return as_input(
                widgets.ToggleButtons(
                    options=["scalar", "vector"],
                    value=value,
                    description=description,
                    style={"button_width": "auto", "description_width": "initial"},
                ),
                "mathkit-kind",
            )

        self.f_kind = toggle(f_kind, "f is a")
        self.x_kind = toggle(x_kind, "x is a")
        self.m = as_input(
            widgets.IntSlider(value=m, min=1, max=6, description="m (functions)", style=_LABEL)
        )
        self.n = as_input(
            widgets.IntSlider(value=n, min=1, max=6, description="n (variables)", style=_LABEL)
        )
        sizes = as_input(widgets.HBox([self.m, self.n]), "mathkit-sizes")
        self.case_out = math_area("mathkit-case")
        self.example_out = math_area("mathkit-example")
        self.jacobian_out = math_area("mathkit-jacobian")
        self.shapes_out = math_area("mathkit-shapes")
        self.rule_out = math_area("mathkit-rule")
        self.jacobian: sp.Matrix | None = None
        self.example: tuple[str, str] | None = None
        self._busy = False
        super().__init__(
            [self.f_kind, self.x_kind, sizes],
            [self.case_out, self.example_out, self.jacobian_out, self.shapes_out, self.rule_out],
            budget,
            {"sizes": [sizes]},
        )
        self._watch(self.f_kind, self.x_kind, self.m, self.n)
        self._sync_sizes()
        self.update()

    def _sync_sizes(self) -> None:
        """A scalar has size 1: fix the matching slider at 1 (disabled) while it is a scalar."""
        self._busy = True
        try:
            for kind, slider in ((self.f_kind, self.m), (self.x_kind, self.n)):
                scalar = kind.value == "scalar"
                if scalar:
                    slider.value = 1
                elif slider.disabled and slider.value == 1:
                    slider.value = 2
                slider.disabled = scalar
        finally:
            self._busy = False

    def _on_change(self, change=None) -> None:
        if self._busy:
            return
        if change is not None and change.get("owner") in (self.f_kind, self.x_kind):
            self._sync_sizes()
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        args = (self.f_kind.value, self.x_kind.value, self.m.value, self.n.value)
        self._apply(lambda: _case_state(*args), self._show)

    def _show(self, s: _CaseState) -> None:
        self.case_out.value = s.case_html
        self.example_out.value = s.example_html
        self.jacobian_out.value = s.jacobian_html
        self.shapes_out.value = s.shapes_html
        self.rule_out.value = s.rule_html
        self.result, self.jacobian, self.example = s.case, s.jacobian, s.example


def shape_case_explorer(
    f_kind: str = "vector", x_kind: str = "vector", m: int = 2, n: int = 2
) -> ShapeCaseExplorer:
    """An explorer for the four shape cases: choose scalar/vector for f and x and the sizes m, n;
    see an example function, its Jacobian in both layouts, the shapes of f, x and ∂f/∂x, and the
    one-line rule. ``result`` is the :class:`mathkit.ShapeCase`."""
    return ShapeCaseExplorer(f_kind, x_kind, m, n)
