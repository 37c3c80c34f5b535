"""7. The chain-rule stepper: the paper's four steps (introduce intermediates, differentiate
each, multiply, substitute back) for a paper example or the learner's own steps, with the shape
of every factor, the product or the total-derivative sum, a finite-difference check, and a
"try it yourself" mode that checks each typed factor (§5, the rules of §8)."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import sympy as sp

from .. import css
from ..calculus import as_variables
from ..chain import Chain, _label_latex, chain
from ..chain_steps import EXAMPLES, check_factors, pieces, read_steps, steps_text
from ..check import check_jacobian
from ..render import layout_note
from ..ui import DEFAULT_BUDGET, as_input, math_html, problem
from .base import _LABEL, _WIDE, Area, View, _Explorer, _row, _text

OWN = "your own steps"
RULES = {
    "single-variable": "the single-variable chain rule: every step is a function of one "
    "variable, so the derivative is the product of the steps' derivatives",
    "total-derivative": "the total-derivative chain rule: a step depends on x and on an earlier "
    "intermediate, so each path from x adds a term (∂ for partial derivatives, d for total ones)",
    "vector": "the vector chain rule: the derivative is the product of the Jacobians, outermost "
    "first (the order matters)",
}
HIDDEN = "hidden while you try it yourself: switch to “show the steps” to see it"


@lru_cache(maxsize=64)
def _chain_for(text: str, wrt: str) -> tuple[Chain, object]:
    """The chain of the typed steps and its finite-difference check (cached per text)."""
    steps = problem("steps", read_steps, text)
    c = problem("steps", chain, steps, wrt)
    x = problem("wrt", as_variables, wrt)[0]
    output = c.steps[-1][1]
    F = c.substituted(output if isinstance(output, sp.MatrixBase) else sp.Matrix([output]))
    check = problem("steps", check_jacobian, F, x, c.result, n_points=1)
    return c, check


def _fraction(label: str) -> str:
    return _label_latex(label)


def _shape(M: sp.Matrix) -> str:
    # the shape under the factor, without a stretched brace (MathJax clips a brace's extender,
    # which the fit check reports as cut text; render.show_chain does the same)
    return rf"\underset{{{M.rows} \times {M.cols}}}{{{sp.latex(M[0] if M.shape == (1, 1) else M)}}}"


def _chain_state(text: str, wrt: str, mode: str, typed: tuple[str, ...]) -> View:
    """Everything the chain stepper shows, by area, from its inputs (pure)."""
    c, check = _chain_for(text, wrt)
    trying = mode == "try"
    steps_latex = r",\quad ".join(
        f"{sp.latex(sp.Symbol(n))} = {sp.latex(e[0] if _one(e) else e)}" for n, e in c.steps
    )
    steps_html = math_html(
        steps_latex,
        text_before="1. Introduce the intermediate steps:",
        text_after=f"The rule that applies: {RULES[c.rule]}.",
    )
    items = pieces(c)
    factor_lines = [
        rf"{_fraction(label)} &= {_shape(M)}"
        for label, M in (
            c.factors if c.rule != "total-derivative" or len(c.terms) == 1 else c.terms
        )  # noqa: E501
    ]
    factors_html = math_html(
        r"\begin{aligned}" + r" \\ ".join(factor_lines) + r"\end{aligned}",
        text_before="2. Differentiate each step (numerator layout; the shape under each):",
    )
    left = _fraction(items[-1][0])
    if c.rule == "total-derivative" and len(c.terms) > 1:
        symbolic = " + ".join(_fraction(label) for label, _ in c.terms)
        values = " + ".join(sp.latex(_plain(M)) for _, M in c.terms)
        how = "3. Add the terms (one per path from x to the output):"
    else:
        symbolic = r"\,".join(_fraction(label) for label, _ in c.factors)
        values = r" \cdot ".join(rf"\left({sp.latex(_plain(M))}\right)" for _, M in c.factors)
        how = "3. Multiply the factors, outermost first:"
    product_html = math_html(rf"{left} = {symbolic} = {values}", text_before=how)
    R = c.result
    result_html = math_html(
        rf"{left} = {sp.latex(_plain(R))} \quad {layout_note(R.shape, 'numerator')}",
        text_before="4. Substitute the intermediates back, in terms of x only:",
    )
    at = ", ".join(f"{n} = {v:.3g}" for n, v in zip(check.variables, check.points[0], strict=True))
    mark = "✓ finite differences agree" if check.ok else "✗ finite differences disagree"
    check_html = math_html(
        "", text_before=f"{mark} at {at}: largest error {check.max_error:.1e} (central differences)"
    )
    verdict = check_factors(c, typed) if trying else None
    if trying:
        factors_html = product_html = result_html = math_html("", text_before=HIDDEN)
    try_html = _feedback(verdict) if verdict else ""
    return View(
        areas={
            "intermediates": steps_html,
            "derivatives": factors_html,
            "product": product_html,
            "result": result_html,
            "check": check_html,
            "verdict": try_html,
        },
        results={
            "result": c.result,
            "chain": c,
            "rule": c.rule,
            "check": check,
            "factor_check": verdict,
            "_labels": tuple(label for label, _ in items),
        },
    )


def _feedback(verdict) -> str:
    """One line per checked piece (escaped learner text), the first slip last."""
    shown = [v.message for v in verdict.verdicts if v.status != "unchecked"]
    if verdict.ok:
        shown.append(verdict.message)
    return "".join(f"<div>{html.escape(line)}</div>" for line in shown)


def _one(e) -> bool:
    return isinstance(e, sp.MatrixBase) and e.shape == (1, 1)


def _plain(M):
    return M[0] if M.shape == (1, 1) else M


class ChainStepper(_Explorer):
    """The chain rule step by step. Controls: ``example`` (Dropdown of the paper's examples and
    "your own steps"), ``steps`` (Textarea, one ``name = formula`` per line, the output last),
    ``wrt`` (Text), ``mode`` ("show" or "try"), in try mode ``factors`` (one Text per factor,
    then the result) and ``check_button``. Results: ``result`` (the derivative in x, numerator
    layout), ``chain`` (:class:`mathkit.chain.Chain`), ``rule``, ``check`` (finite
    differences), ``factor_check`` (:class:`mathkit.chain_steps.FactorCheck`, in try mode)."""

    _name = "chain"
    _areas = (
        Area("intermediates", "the intermediate steps and the rule"),
        Area("derivatives", "each step's derivative with its shape"),
        Area("product", "the product or the sum"),
        Area("result", "the result in x"),
        Area("check", "the finite-difference check"),
        Area("verdict", "the check of your factors"),
    )
    _results = ("result", "chain", "rule", "check", "factor_check")
    _stale_text = "showing the last valid steps"

    def __init__(
        self,
        example: str | None = "sin(x^2)",
        steps=None,
        wrt: str = "x",
        mode: str = "show",
        budget: float | None = DEFAULT_BUDGET,
    ):
        if steps is not None:
            text = steps if isinstance(steps, str) else steps_text(steps)
            example = OWN
        else:
            if example not in EXAMPLES:
                raise ValueError(f"pick one of the paper's examples: {', '.join(EXAMPLES)}")
            text = steps_text(EXAMPLES[example])
        self.example = as_input(
            widgets.Dropdown(
                options=[*EXAMPLES, OWN], value=example, description="example:", style=_LABEL
            ),
            css.EXAMPLE,
        )
        self.steps = as_input(
            widgets.Textarea(
                value=text,
                description="steps:",
                placeholder="one step per line, the output last:\nu = x^2\ny = sin(u)",
                continuous_update=False,
                rows=4,
                layout=_WIDE,
                style=_LABEL,
            ),
            css.STEPS,
        )
        self.wrt = _text(wrt, "with respect to:", "e.g. x", css.WRT)
        self.mode = as_input(
            widgets.ToggleButtons(
                options=[("show the steps", "show"), ("try it yourself", "try")],
                value=mode,
                style={"button_width": "auto"},
            ),
            css.MODE,
        )
        self.factors: list[widgets.Text] = []
        self.check_button = as_input(
            widgets.Button(description="Check my factors", tooltip="check each factor in order"),
            css.CHECK_FACTORS,
        )
        self.factors_box = as_input(widgets.VBox([]), css.FACTORS)
        self._try_row = _row([self.factors_box, self.check_button])
        self._good: tuple[str, str] | None = None
        self._syncing = False
        super().__init__(
            [self.example, self.steps, self.wrt, self.mode, self._try_row],
            budget,
            {"steps": [self.steps], "wrt": [self.wrt]},
        )
        self.example.observe(self._on_example, names="value")
        self._watch(self.steps, self.wrt, self.mode)
        self.check_button.on_click(lambda _button: self.update())
        self.update()

    def _on_example(self, change) -> None:
        if self._syncing or change["new"] == OWN:
            return
        self.steps.value = steps_text(EXAMPLES[change["new"]])  # its observer updates

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.steps and not self._syncing:
            mine = [k for k, v in EXAMPLES.items() if steps_text(v) == self.steps.value]
            self._syncing = True
            try:
                self.example.value = mine[0] if mine else OWN
            finally:
                self._syncing = False
        self.update()

    def typed(self) -> tuple[str, ...]:
        return tuple(box.value for box in self.factors)

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        text, wrt, mode = self.steps.value, self.wrt.value, self.mode.value
        typed = self.typed()
        self._try_row.layout.display = None if mode == "try" else "none"
        if self._apply(lambda: _chain_state(text, wrt, mode, typed)):
            self._good = (text, wrt)
        elif self._good is not None:
            good = self._good
            self._show_stale(lambda: _chain_state(*good, mode, typed))

    def _show(self, view: View) -> None:
        labels = view.results["_labels"]
        if tuple(box.description for box in self.factors) != tuple(f"{lb} =" for lb in labels):
            for old in self.factors:
                old.unobserve(self._on_change, names="value")
                old.close()
            self.factors = [
                as_input(
                    widgets.Text(
                        description=f"{label} =",
                        placeholder="as a formula, e.g. cos(u) or [[1, 0], [0, 2]]",
                        continuous_update=False,
                        layout=_WIDE,
                        style=_LABEL,
                    )
                )
                for label in labels
            ]
            self._watch(*self.factors)
            self.factors_box.children = [
                widgets.HTML("Type each factor in order (outermost first), then the result:"),
                *self.factors,
            ]
        super()._show(view)


def chain_stepper(
    example: str | None = "sin(x^2)",
    steps=None,
    wrt: str = "x",
    mode: str = "show",
    budget: float | None = DEFAULT_BUDGET,
) -> ChainStepper:
    """The chain rule, step by step, for a paper example or your own steps.

    ``example``: ``"sin(x^2)"``, ``"ln(sin(x^3)^2)"``, ``"x + x^2"``, ``"sin(x + x^2)"`` or
    ``"[ln(x^2), sin(3x)]"``; or ``steps=[("u", "x^2"), ("y", "sin(u)")]`` (or the text
    ``"u = x^2\\ny = sin(u)"``). Shows each local derivative with its shape, their product (or
    the total-derivative sum), the result in x and a finite-difference check; ``mode="try"``
    asks for each factor and checks them in order.

    >>> st = chain_stepper("sin(x^2)")
    >>> st.rule, st.result
    ('single-variable', Matrix([[2*x*cos(x**2)]]))
    """
    return ChainStepper(example, steps, wrt, mode, budget)
