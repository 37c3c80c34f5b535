"""The chain rules of the paper (§5, summarized in §8), step by step, in numerator layout.

A composition is written as steps, each naming an intermediate, the last one the output::

    chain([("u", "x^2"), ("y", "sin(u)")], "x")                  # y = sin(x²)
    chain([("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")], "x")   # a vector intermediate g

The paper's rule for which chain rule applies (§8):

- **single-variable**: x is a scalar and every step is a scalar function of one variable: the
  derivative is the product dy/du · du/dx (single-variable chain rule, §5.1.1);
- **total-derivative**: some step depends on several of x and the earlier intermediates (as in
  y = x + u with u = x²): dy/dx = ∂y/∂x + Σ ∂y/∂u_i · du_i/dx (single-variable total-derivative
  chain rule, §5.1.2);
- **vector**: otherwise (vector intermediates or a vector x): ∂y/∂x = ∂y/∂g · ∂g/∂x, a product
  of Jacobians in numerator layout, outermost first (vector chain rule, §5.2).

>>> c = chain([("u", "x^2"), ("y", "sin(u)")], "x")
>>> c.rule, [label for label, _ in c.factors], c.result
('single-variable', ['dy/du', 'du/dx'], Matrix([[2*x*cos(x**2)]]))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce

import sympy as sp

from .calculus import jacobian
from .parse import ParseError, parse, symbol
from .vectors import MAX_SIZE, check_vectors, vector, vector_variables

__all__ = ["Chain", "chain"]

MAX_STEPS = 20


@dataclass(frozen=True)
class _Node:
    """x (a wrt group) or an intermediate: its name, its symbols (a column), its formula."""

    name: str
    symbols: sp.Matrix
    is_vector: bool
    expr: sp.Matrix | None = None  # None for a variable of wrt
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    """One application of a chain rule: which rule, its factors and terms, and the result.

    ``factors`` are ``(label, Matrix)`` in product order (outermost first), each a Jacobian in
    numerator layout written in the intermediates' own symbols; ``terms`` are the products summed
    by the total-derivative rule (one term for the other rules); ``result`` is the Jacobian of the
    output with respect to wrt, with every intermediate replaced by its formula in wrt.
    """

    rule: str
    factors: list[tuple[str, sp.Matrix]]
    terms: list[tuple[str, sp.Matrix]]
    result: sp.Matrix
    steps: list[tuple[str, sp.Expr | sp.Matrix]]
    substitutions: dict = field(repr=False)
    wrt_label: str = "x"

    def substituted(self, M: sp.Matrix) -> sp.Matrix:
        """M with every intermediate replaced by its formula in wrt."""
        return sp.Matrix(M).xreplace(self.substitutions)

    def product(self) -> sp.Matrix:
        """The product of the factors, intermediates replaced: equal to ``result``."""
        return self.substituted(reduce(lambda a, b: a * b, [M for _, M in self.factors]))

    @property
    def latex(self) -> str:
        """The derivation: the steps, the rule, the factors with their shapes, the result."""
        steps = r",\quad ".join(
            f"{_latex_name(n, e)} = {sp.latex(_plain(e))}" for n, e in self.steps
        )
        output = self.steps[-1][0]
        vectors = {n for n, e in self.steps if isinstance(e, sp.MatrixBase) and e.rows > 1}
        bold = frozenset(vectors | ({self.wrt_label} if self.result.cols > 1 else set()))
        left = _fraction(self.rule, output, self.wrt_label, bold)
        symbolic = r"\,".join(_label_latex(label, bold) for label, _ in self.factors)
        if self.rule == "total-derivative":
            symbolic = " + ".join(_label_latex(label, bold) for label, _ in self.terms)
        shaped = r"\,".join(
            rf"\underbrace{{{sp.latex(_plain(M))}}}_{{{M.rows} \times {M.cols}}}"
            for _, M in self.factors
        )
        return (
            r"\begin{aligned}"
            rf"&{steps}\\ "
            rf"{left} &= {symbolic}\\ "
            rf"&= {shaped}\\ "
            rf"&= {sp.latex(_plain(self.result))}"
            r"\end{aligned}"
        )

    def _repr_latex_(self) -> str:
        return f"$${self.latex}$$"


def _plain(M):
    """A 1 × 1 matrix as its entry, for display."""
    return M[0] if isinstance(M, sp.MatrixBase) and M.shape == (1, 1) else M


def _latex_name(name: str, value) -> str:
    latex = sp.latex(symbol(name))
    return rf"\mathbf{{{latex}}}" if isinstance(value, sp.MatrixBase) and value.rows > 1 else latex


def _fraction(rule: str, top: str, bottom: str, bold: frozenset[str] = frozenset()) -> str:
    d = r"\partial " if rule == "vector" else "d"  # dy/dx: the total derivative
    return rf"\frac{{{d}{_name_latex(top, bold)}}}{{{d}{_name_latex(bottom, bold)}}}"


def _name_latex(name: str, bold: frozenset[str] = frozenset()) -> str:
    """``u3`` -> ``u_{3}``; a vector's name in bold; a group such as ``(x, u)`` as it is."""
    if name.startswith("("):
        return name
    latex = sp.latex(symbol(name))
    return rf"\mathbf{{{latex}}}" if name in bold else latex


def _label_latex(label: str, bold: frozenset[str] = frozenset()) -> str:
    """``dy/du`` -> \\frac{dy}{du}; ``∂y/∂g · dg/dx`` -> two fractions; vectors (``bold``) bold."""
    parts = []
    for piece in label.split(" · "):
        top, bottom = (
            ("\\partial " if side[0] == "∂" else "d") + _name_latex(side[1:], bold)
            for side in piece.split("/", 1)
        )
        parts.append(rf"\frac{{{top}}}{{{bottom}}}")
    return r"\,".join(parts)


# ---------------------------------------------------------------------------------------------
# Reading the steps


def _wrt_nodes(wrt, sizes: dict[str, int]) -> tuple[list[_Node], sp.Matrix, bool]:
    """The variables as groups (a vector is one group), their column of symbols, and whether
    wrt is a vector."""
    variables = vector_variables(wrt, sizes) if sizes else None
    if variables is None:
        from .calculus import as_variables

        column, is_vector = as_variables(wrt)
    else:
        is_vector = isinstance(variables, sp.MatrixBase)
        column = variables if is_vector else sp.Matrix([variables])
    groups: dict[str, list] = {}
    for s in column:
        name = s.name.split("_")[0] if s.name.split("_")[0] in sizes else s.name
        groups.setdefault(name, []).append(s)
    nodes = [_Node(n, sp.Matrix(g), n in sizes) for n, g in groups.items()]
    return nodes, column, is_vector


def _read_step(name: str, text, sizes: dict[str, int]) -> sp.Matrix:
    options = {"vectors": sizes} if sizes else {}
    if isinstance(text, (list, tuple)):
        value = sp.Matrix([parse(item, **options) for item in text])
    elif isinstance(text, str):
        value = parse(text, **options)
    else:
        raise TypeError(f"step {name!r}: write its formula as text, not {type(text).__name__}")
    if isinstance(value, sp.MatrixBase):
        return sp.Matrix(value)
    return sp.Matrix([value])


def _symbols_for(name: str, value, is_vector: bool) -> sp.Matrix:
    if is_vector:
        return vector(name, value.rows)
    return sp.Matrix([symbol(name)])


def _nodes(steps, wrt, vectors) -> tuple[list[_Node], list[_Node], sp.Matrix, bool]:
    sizes = check_vectors(vectors or {})
    if not steps or len(steps) > MAX_STEPS:
        raise ValueError(f"give 1 to {MAX_STEPS} steps as (name, formula) pairs")
    inputs, column, x_is_vector = _wrt_nodes(wrt, sizes)
    owner = {s: node.name for node in inputs for s in node.symbols}
    nodes: list[_Node] = []
    for name, text in steps:
        if name in sizes or any(n.name == name for n in [*inputs, *nodes]):
            raise ParseError(f"`{name}` is already a variable or a step: give each step a new name")
        value = _read_step(name, text, sizes)
        earlier = set().union(*(n.expr.free_symbols for n in nodes))
        own = symbol(name)
        if any(s == own or s.name.startswith(f"{own.name}_") for s in earlier):
            raise ParseError(f"`{name}` is used in a step before it is defined")
        is_vector = isinstance(text, (list, tuple)) or value.rows > 1
        if is_vector and value.rows > MAX_SIZE:
            raise ParseError(f"a vector step has at most {MAX_SIZE} components")
        symbols = _symbols_for(name, value, is_vector)
        used = {owner[s] for s in value.free_symbols if s in owner}
        order = [n.name for n in [*inputs, *nodes]]
        node = _Node(name, symbols, is_vector, value, tuple(sorted(used, key=order.index)))
        nodes.append(node)
        owner.update({s: name for s in symbols})
        if is_vector:
            sizes = {**sizes, name: value.rows}
    return inputs, nodes, column, x_is_vector


def _rule(inputs: list[_Node], nodes: list[_Node], x_is_vector: bool) -> str:
    if any(len(node.depends_on) > 1 for node in nodes):
        return "total-derivative"
    if not x_is_vector and len(inputs) == 1 and not any(n.is_vector for n in nodes):
        return "single-variable"
    return "vector"


# ---------------------------------------------------------------------------------------------
# The rules


def chain(steps, wrt, vectors: dict[str, int] | None = None) -> Chain:
    """Differentiate a composition step by step with the chain rule the paper prescribes.

    ``steps``: ``[(name, text), ...]``, the last one the output; a text may use wrt and earlier
    names (a vector step g as ``g`` or by components ``g1``, ``g2``); a list of texts, or a text
    in brackets, defines a vector. ``vectors`` declares vector variables, as in :func:`parse`.

    >>> c = chain([("u", "x^2"), ("y", "x + u")], "x")
    >>> c.rule, [(label, M[0]) for label, M in c.terms], c.result
    ('total-derivative', [('∂y/∂x', 1), ('∂y/∂u · du/dx', 2*x)], Matrix([[2*x + 1]]))
    >>> c = chain([("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")], "x")
    >>> c.rule, [(label, M.shape) for label, M in c.factors]
    ('vector', [('∂y/∂g', (2, 2)), ('∂g/∂x', (2, 1))])
    """
    inputs, nodes, column, x_is_vector = _nodes(steps, wrt, vectors)
    rule = _rule(inputs, nodes, x_is_vector)
    by_name = {n.name: n for n in [*inputs, *nodes]}
    values = _values(nodes, by_name)
    substitutions = {s: v for n in nodes for s, v in zip(n.symbols, values[n.name], strict=True)}
    x = _group_label(inputs)
    d = "d" if rule == "single-variable" else "∂"
    output = nodes[-1]
    if rule == "total-derivative":
        factors, terms = _total(output, by_name, column, x)
    else:
        factors = _path_factors(output, by_name, column, x, d)
        terms = [(" · ".join(label for label, _ in factors), _product(factors))]
    result = sp.Matrix(_product(factors)).xreplace(substitutions)
    shown = [(n.name, n.expr[0] if not n.is_vector else n.expr) for n in nodes]
    return Chain(rule, factors, terms, result, shown, substitutions, x)


def _values(nodes: list[_Node], by_name: dict) -> dict[str, sp.Matrix]:
    """Each intermediate's formula in wrt alone, substituting the earlier ones."""
    values: dict[str, sp.Matrix] = {}
    replace: dict = {}
    for node in nodes:
        values[node.name] = node.expr.xreplace(replace)
        replace.update(dict(zip(node.symbols, values[node.name], strict=True)))
    return values


def _group_label(inputs: list[_Node]) -> str:
    names = [n.name for n in inputs]
    return names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"


def _product(factors: list[tuple[str, sp.Matrix]]) -> sp.Matrix:
    return reduce(lambda a, b: a * b, [M for _, M in factors])


def _path_factors(output: _Node, by_name: dict, column: sp.Matrix, x: str, d: str) -> list:
    """One factor per step on the path from the output back to wrt, outermost first."""
    factors, node = [], output
    while node.depends_on and by_name[node.depends_on[0]].expr is not None:
        inner = by_name[node.depends_on[0]]
        factors.append((f"{d}{node.name}/{d}{inner.name}", jacobian(node.expr, inner.symbols)))
        node = inner
    factors.append((f"{d}{node.name}/{d}{x}", jacobian(node.expr, column)))
    return factors


def _total(output: _Node, by_name: dict, column: sp.Matrix, x: str) -> tuple[list, list]:
    """The total-derivative rule: ∂y/∂x + Σ ∂y/∂u_i · du_i/dx, each du_i/dx itself total."""
    totals: dict[str, sp.Matrix] = {}

    def total(name: str) -> sp.Matrix:
        node = by_name[name]
        if node.expr is None:  # a group of wrt: the rows of I that pick it out
            return jacobian(sp.Matrix(node.symbols), column)
        if name not in totals:
            parts = [jacobian(node.expr, by_name[d].symbols) * total(d) for d in node.depends_on]
            totals[name] = reduce(lambda a, b: a + b, parts, sp.zeros(node.expr.rows, column.rows))
        return totals[name]

    inner = [by_name[d] for d in output.depends_on] or [by_name.get(x)]
    if inner == [None]:
        zero = sp.zeros(output.expr.rows, column.rows)
        return [(f"∂{output.name}/∂{x}", zero)], [(f"∂{output.name}/∂{x}", zero)]
    terms = []
    for node in inner:
        partial = jacobian(output.expr, node.symbols)
        if node.expr is None:
            terms.append((f"∂{output.name}/∂{node.name}", partial * total(node.name)))
        else:
            label = f"∂{output.name}/∂{node.name} · d{node.name}/d{x}"
            terms.append((label, partial * total(node.name)))
    names = ", ".join(n.name for n in inner)
    together = names if len(inner) == 1 else f"({names})"
    stacked = sp.Matrix.vstack(*[total(n.name) for n in inner])
    symbols = sp.Matrix.vstack(*[n.symbols for n in inner])
    factors = [
        (f"∂{output.name}/∂{together}", jacobian(output.expr, symbols)),
        (f"d{together}/d{x}", stacked),
    ]
    return factors, terms


# ---------------------------------------------------------------------------------------------
# The chain's names: what a factor typed for it may use


def all_symbols(c: Chain) -> set:
    found = set(c.substitutions)
    for value in c.substitutions.values():
        found |= value.free_symbols
    for _, value in c.steps:
        found |= sp.sympify(value).free_symbols
    for _, M in c.factors:
        found |= M.free_symbols
    return found


def output_symbols(c: Chain) -> set:
    """The symbols naming the output step (y, or y_1 … y_m): not usable inside a factor."""
    name = symbol(c.steps[-1][0]).name
    return {s for s in c.substitutions if s.name == name or s.name.startswith(f"{name}_")}


def usable_symbols(c: Chain) -> set:
    """The symbols a factor may use: the variables and the intermediates, not the output."""
    return all_symbols(c) - output_symbols(c)


def group_symbols(c: Chain, name: str) -> list:
    """The symbols of a name: [u] for a scalar, [w_1, w_2, w_3] for a vector."""
    own = symbol(name).name if re.fullmatch(r"[A-Za-z]\w*", name) else name
    pool = all_symbols(c)
    exact = [s for s in pool if s.name == own]
    if exact:
        return exact
    parts = [s for s in pool if re.fullmatch(rf"{re.escape(own)}_\d+", s.name)]
    return sorted(parts, key=lambda s: int(s.name.rsplit("_", 1)[1]))


def scalar_steps(c: Chain) -> set:
    return {symbol(n) for n, v in c.steps if not isinstance(v, sp.MatrixBase)}


def groups_in(c: Chain, expr: sp.Matrix) -> dict[str, list]:
    """The variables and intermediates of a formula, a vector as one group: {"w": [w_1, …]}."""
    groups: dict[str, list] = {}
    scalars = scalar_steps(c)
    for s in sorted(expr.free_symbols, key=sp.default_sort_key):
        match = re.fullmatch(r"([A-Za-z])_(\d+)", s.name)
        if match and s not in scalars:
            groups.setdefault(match[1], group_symbols(c, match[1]))
        else:
            groups.setdefault(re.sub(r"_(\d+)$", r"\1", s.name), [s])
    return groups


def vector_sizes(c: Chain) -> dict[str, int]:
    """The vectors a factor may name by their letter: vector steps and vector variables."""
    sizes = {n: v.rows for n, v in c.steps[:-1] if isinstance(v, sp.MatrixBase) and v.rows > 1}
    scalars = scalar_steps(c)
    for s in all_symbols(c) - scalars - output_symbols(c):
        match = re.fullmatch(r"([A-Za-z])_(\d+)", s.name)
        if match and match[1] not in sizes:
            sizes[match[1]] = len(group_symbols(c, match[1]))
    return sizes


def direct_part(c: Chain, label: str, M: sp.Matrix) -> tuple[sp.Matrix, str] | None:
    """For a factor d(name)/dx whose step uses x directly and through earlier intermediates:
    its direct part ∂name/∂x (intermediates held), else None."""
    match = re.fullmatch(r"d(?P<name>\w+)/d(?P<x>\w+)", label)
    if not match or M.shape != (1, 1):
        return None
    formulas = dict(c.steps)
    expr = formulas.get(match["name"])
    x = symbol(match["x"])
    if expr is None or isinstance(expr, sp.MatrixBase) or x not in expr.free_symbols:
        return None
    if not any(symbol(name) in expr.free_symbols for name in formulas):
        return None
    return jacobian(expr, x), match["name"]
