"""Notebook 09, the chain rules (§4.5): factors of the single-variable rule, the total
derivative of x + x², which rule applies, and the order of the vector rule's factors."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR
from ._part2 import composed

SIN_X2 = (("u", "x^2"), ("y", "sin(u)"))
X_PLUS_X2 = (("u", "x^2"), ("y", "x + u"))
LN_SIN = (("u", "x^3"), ("v", "sin(u)"), ("s", "v^2"), ("y", "ln(s)"))
VECTOR = (("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]"))
RULES = "(1) single-variable, (2) total-derivative or (3) vector"

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="chain.sin_x2_factors",
        kind="chain_factors",
        title="The factors of d sin(x²)/dx",
        prompt=r"$y = \sin(x^2)$ with the intermediate $u = x^2$, $y = \sin u$. Type the two "
        r"factors of $\dfrac{dy}{dx}$ by the chain rule, separated by `·`, in the rule's order "
        "(in u or in x).",
        functions=composed(SIN_X2, "x"),
        variables="x",
        steps=SIN_X2,
        hint="Differentiate each step in its own variable: y in u, then u in x.",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="chain.x_plus_x2",
        kind="chain_derivative",
        title="d(x + x²)/dx with u = x²",
        prompt=r"$y = x + x^2$, written with $u = x^2$ as $y = x + u$. What is $\dfrac{dy}{dx}$? "
        "(One expression: no layout to choose.)",
        functions=composed(X_PLUS_X2, "x"),
        variables="x",
        steps=X_PLUS_X2,
        wrt="x",
        hint="y reaches x in two ways: directly, and through u. Add what each path gives.",
        f_name="y",
    ),
    Exercise(
        key="chain.rule_x_plus_x2",
        kind="chain_rule",
        title="Which chain rule for y = x + x²?",
        prompt=r"$y = x + x^2$ with $u = x^2$, $y = x + u$. Which of the paper's chain rules "
        f"applies (the simplest that does): {RULES}?",
        functions=composed(X_PLUS_X2, "x"),
        variables="x",
        steps=X_PLUS_X2,
        hint="Draw the data flow from x to y: how many paths are there?",
        f_name="y",
    ),
    Exercise(
        key="chain.rule_ln_sin",
        kind="chain_rule",
        title="Which chain rule for y = ln(sin(x³)²)?",
        prompt=r"$y = \ln(\sin(x^3)^2)$ with $u = x^3$, $v = \sin u$, $s = v^2$, $y = \ln s$. "
        f"Which of the paper's chain rules applies (the simplest that does): {RULES}?",
        functions=composed(LN_SIN, "x"),
        variables="x",
        steps=LN_SIN,
        hint="Count, for each step, how many earlier variables it uses.",
        f_name="y",
    ),
    Exercise(
        key="chain.rule_vector",
        kind="chain_rule",
        title="Which chain rule for y = [ln(x²), sin(3x)]?",
        prompt=r"$\mathbf{y} = [\ln(x^2),\ \sin(3x)]^T$ with $\mathbf{g} = [x^2,\ 3x]^T$ and "
        r"$\mathbf{y} = [\ln g_1,\ \sin g_2]^T$. Which of the paper's chain rules applies (the "
        f"simplest that does): {RULES}?",
        functions=composed(VECTOR, "x"),
        variables="x",
        steps=VECTOR,
        hint="What kind of object is each intermediate, and what is x?",
        f_name="y",
    ),
    Exercise(
        key="chain.vector_factors",
        kind="chain_factors",
        title="The factors of the vector chain rule, in order",
        prompt=r"$\mathbf{y} = [\ln g_1,\ \sin g_2]^T$ with $\mathbf{g} = [x^2,\ 3x]^T$. Type "
        r"the two factors of $\dfrac{\partial \mathbf{y}}{\partial x}$ by the vector chain rule, "
        rf"in {NUMERATOR}, separated by `·`, in the rule's order. A column is `[[a], [b]]` or "
        "`[a, b]ᵀ`.",
        functions=composed(VECTOR, "x"),
        variables="x",
        steps=VECTOR,
        hint="One Jacobian per step: y in g (which yᵢ uses which gⱼ?), and g in x.",
        f_name="y",
        x_name="x",
    ),
)
