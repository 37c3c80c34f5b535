"""Learner-facing text: short unicode math, numbers, shapes and the words of the two layouts.

Every sentence a learner reads about a layout is built here, once:

* numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, m × n, one row per function (m) and
  one column per variable (n);
* denominator layout: the transpose, n × m, one row per variable and one column per function.

>>> x, y = sp.symbols("x y")
>>> text(3 * x**2 * y), typed(3 * x**2 * y), number(-0.000012345)
('3x²y', '3*x^2*y', '−1.234·10⁻⁵')
>>> per_axis("denominator", m=2, n=3)
'one row per variable (n = 3) and one column per function (m = 2)'
>>> counted(1, "function"), counted(3, "variable"), other_layout("numerator")
('1 function', '3 variables', 'denominator')
"""

from __future__ import annotations

import html
import re

import sympy as sp
from sympy.printing.str import StrPrinter

from .calculus import check_layout
from .render import shape_text

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# ---------------------------------------------------------------------------------------------
# Expressions: 3x²y, 8y⁷, x₁x₂, 2x·cos(x²); and as a learner would type them: 3*x^2*y


class _TextPrinter(StrPrinter):
    """sympy's str printer with superscript powers, subscript indices and implicit products."""

    def _print_Symbol(self, expr) -> str:
        m = re.fullmatch(r"([A-Za-z]+)_?(\d+)", expr.name)
        return m.group(1) + m.group(2).translate(_SUBSCRIPT) if m else expr.name

    def _print_Pow(self, expr, rational=False) -> str:
        base, exp = expr.args
        if exp.is_Integer and exp > 1:
            text = self._print(base)
            if not (base.is_Symbol or base.is_Function or (base.is_Integer and base > 0)):
                text = f"({text})"
            return text + str(exp).translate(_SUPERSCRIPT)
        if exp.is_Integer and exp < 0:
            return self._quotient(expr)  # 1/(x + 1)²
        return super()._print_Pow(expr, rational).replace("**", "^")  # 2^(-x), as typed

    def _print_Max(self, expr) -> str:
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr) -> str:
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_log(self, expr) -> str:
        return f"ln({self._print(expr.args[0])})"  # the paper's natural logarithm

    def _print_Heaviside(self, expr) -> str:
        # the slope of max(0, z): 1 where z > 0, 0 where z < 0; step(z) takes 0 at z = 0
        z, at_zero = expr.args
        return f"step({self._print(z)})" if at_zero == 0 else super()._print_Heaviside(expr)

    def _print_Mul(self, expr) -> str:
        coeff, rest = expr.as_coeff_Mul()
        factors = rest.as_ordered_factors() if rest.is_Mul else [rest]
        if (
            coeff.is_Rational
            and not coeff.is_Integer
            or any(f.is_Pow and f.exp.is_negative for f in factors)
        ):
            return self._quotient(expr)
        if not (coeff.is_Integer or coeff.is_Float):
            return super()._print_Mul(expr)
        out = {1: "", -1: "-"}.get(coeff, self._print(coeff))
        simple_before = out not in ("", "-")
        for f in factors:
            text = self._print(f)
            simple = f.is_Symbol or (f.is_Pow and f.base.is_Symbol)
            if f.is_Add:
                text, simple = f"({text})", False
            joiner = "" if (simple and (simple_before or out in ("", "-"))) else "·"
            out += text if out in ("", "-") else joiner + text
            simple_before = simple
        return out

    def _quotient(self, expr) -> str:
        """``6x²·cos(x³)/sin(x³)``, ``-w₁/x₁²``, ``x/2``: numerator and denominator each printed
        as a product, the denominator in parentheses when it is one."""
        top, bottom = sp.fraction(expr)
        if bottom == 1:
            return super()._print_Mul(expr)
        sign = "-" if top.could_extract_minus_sign() else ""
        top = -top if sign else top
        top_text = self._print(top)
        if top.is_Add:
            top_text = f"({top_text})"
        bottom_text = self._print(bottom)
        if bottom.is_Add or bottom.is_Mul:
            bottom_text = f"({bottom_text})"
        return f"{sign}{top_text}/{bottom_text}"


def text(expr) -> str:
    """A short unicode form of a sympy expression or matrix, for feedback messages.

    >>> x, y = sp.symbols("x y")
    >>> text(3 * x**2 * y), text(2 * x * sp.cos(x**2)), text(sp.Matrix([[6 * x * y, 3 * x**2]]))
    ('3x²y', '2x·cos(x²)', '[6xy, 3x²]')
    >>> z = sp.Symbol("z")
    >>> text(6 * x**2 * sp.cos(x**3) / sp.sin(x**3)), text(-y / x**2), text(sp.Heaviside(z, 0))
    ('6x²·cos(x³)/sin(x³)', '-y/x²', 'step(z)')
    >>> text(sp.log(sp.sin(x**3) ** 2))
    'ln(sin(x³)²)'
    """
    if isinstance(expr, sp.MatrixBase):
        rows = [", ".join(text(e) for e in expr.row(i)) for i in range(expr.rows)]
        if expr.rows == 1:
            return f"[{rows[0]}]"
        return "[" + ", ".join(f"[{r}]" for r in rows) + "]"
    return _TextPrinter().doprint(sp.sympify(expr, strict=True))


def of_text(expr) -> str:
    """``3x²y``, or ``(2x + y⁸)`` for a sum, after "∂/∂y of"."""
    return f"({text(expr)})" if isinstance(expr, sp.Add) else text(expr)


def typed(expr) -> str:
    """An expression (or matrix) as a learner would type it: ``3*x^2*y``, ``[[1, 0], [0, 1]]``.

    >>> x, y = sp.symbols("x y")
    >>> typed(3 * x**2 * y), typed(sp.Matrix([[2, 8 * y**7]]))
    ('3*x^2*y', '[[2, 8*y^7]]')
    """
    if isinstance(expr, sp.MatrixBase):
        rows = [", ".join(typed(v) for v in expr.row(i)) for i in range(expr.rows)]
        return "[" + ", ".join(f"[{r}]" for r in rows) + "]"
    return sp.sstr(expr).replace("**", "^")


def shortened(words: str, limit: int = 40) -> str:
    """``words``, cut to ``limit`` characters with … (to quote a long answer back).

    >>> shortened("x + " * 30, 12)
    'x + x + x +…'
    """
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def capitalized(sentence: str) -> str:
    """The sentence with its first letter capitalized (and nothing else changed), unless it
    starts with mathematics, which keeps its case: a single letter (``x I is ...``) or a formula
    (``diag(x) + 1 adds ...``).

    >>> capitalized("the answer is empty"), capitalized("x I is a vector")
    ('The answer is empty', 'x I is a vector')
    >>> capitalized("diag(x) + 1 adds a scalar"), capitalized("a vector needs a size")
    ('diag(x) + 1 adds a scalar', 'A vector needs a size')
    """
    words = sentence.split(" ", 2)
    first, second = words[0], (words[1] if len(words) > 1 else "")
    article = first == "a" and len(second) > 1 and second.isalpha()  # "a vector ...", not "a is"
    if (len(first) == 1 and not article) or not first.isalpha():
        return sentence
    return sentence[:1].upper() + sentence[1:]


def subscript(i: int) -> str:
    """``12`` -> ``₁₂``."""
    return str(i).translate(_SUBSCRIPT)


def counted(count: int, word: str) -> str:
    """``1 function``, ``2 functions``: a count with its noun in the right number."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# Numbers


def number(v, digits: int = 4, *, latex: bool = False) -> str:
    """A number for a learner: ``digits`` significant digits, a true minus sign, no "−0",
    powers of ten written out.

    >>> number(2.5), number(-1 / 3), number(-0.0), number(1234567.0), number(1e-5, latex=True)
    ('2.5', '−0.3333', '0', '1.235·10⁶', '1 \\\\cdot 10^{-5}')
    >>> number(0.123456, 3)
    '0.123'
    """
    v = float(v) + 0.0  # + 0.0: no "−0"
    words = f"{v:.{digits}g}"
    if "e" in words:
        mantissa, exponent = words.split("e")
        power = int(exponent)
        if latex:
            words = rf"{mantissa} \cdot 10^{{{power}}}"
        else:
            words = f"{mantissa}·10{str(power).translate(_SUPERSCRIPT)}"
    return words if latex else words.replace("-", "−")


# ---------------------------------------------------------------------------------------------
# Shapes and layouts


def shape_words(shape: tuple[int, int]) -> str:
    """``a row (1 × 3)``, ``a column (2 × 1)``, ``a 2 × 3 matrix``, ``a single entry (1 × 1)``."""
    r, c = shape
    if r == 1 and c == 1:
        return "a single entry (1 × 1)"
    if r == 1:
        return f"a row ({shape_text(shape)})"
    if c == 1:
        return f"a column ({shape_text(shape)})"
    return f"a {shape_text(shape)} matrix"


def other_layout(layout: str) -> str:
    """The other layout: "denominator" for "numerator" and back."""
    return "denominator" if check_layout(layout) == "numerator" else "numerator"


def axis_meaning(layout: str) -> tuple[str, str]:
    """What rows and columns stand for: ("function", "variable") in numerator layout."""
    if check_layout(layout) == "numerator":
        return "function", "variable"
    return "variable", "function"


def per_axis(layout: str, m: int | None = None, n: int | None = None) -> str:
    """ "one row per function (m = 2) and one column per variable (n = 3)" in numerator layout,
    the other way round in denominator layout; the counts only when given."""
    size = {"function": f" (m = {m})" if m is not None else "", "variable": ""}
    size["variable"] = f" (n = {n})" if n is not None else ""
    rows, cols = axis_meaning(layout)
    return f"one row per {rows}{size[rows]} and one column per {cols}{size[cols]}"


def layout_reason(layout: str, m: int, n: int) -> str:
    """ "numerator layout has one row per function (m = 2) and one column per variable (n = 2)"."""
    return f"{check_layout(layout)} layout has {per_axis(layout, m, n)}"


def wrapped_text_html(words: str) -> str:
    """Plain text as HTML that keeps its lines and indents but wraps long lines between words.

    JupyterLab shows plain-text outputs in a ``<pre>`` that breaks words anywhere
    (``word-break: break-all``); this box wraps at spaces only (a word longer than the line
    may break, rather than run past the output's edge). The text is HTML-escaped.

    >>> shown = wrapped_text_html("a < b")
    >>> shown.endswith(">a &lt; b</div>"), "white-space:pre-wrap;word-break:normal" in shown
    (True, True)
    """
    style = (
        "white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;"
        "font-family:var(--jp-code-font-family, monospace);"
        "font-size:var(--jp-code-font-size, inherit);line-height:1.4"
    )
    return f'<div class="mathkit-text" style="{style}">{html.escape(words, quote=False)}</div>'


class Lines:
    """Lines of plain text for a notebook: shown wrapped between words (HTML), never mid-word.

    >>> Lines(["case 1: 1 × 1", "case 2: 1 × n"])
    case 1: 1 × 1
    case 2: 1 × n
    """

    def __init__(self, lines):
        self.text = "\n".join(str(line) for line in lines)

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return wrapped_text_html(self.text)
