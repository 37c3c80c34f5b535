"""The paper's vector notation: what it reads, what it refuses, the paper's rules, and safety.

Expected values are built directly with sympy from the components (an independent reference), and
the closed forms of the paper's tables (§4.2–§4.4) are written here by hand from the paper.
"""

from __future__ import annotations

import ast
import builtins
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import FRAGMENTS, learner_text
from test_parse_security import INJECTIONS

import mathkit as mk
from mathkit import vectors as V
from mathkit.parse import ParseError

HANG = 1.0  # seconds: a bound on a hang, not a benchmark


def comps(name: str, n: int) -> list[sp.Symbol]:
    """x_1 ... x_n built directly, not through mathkit."""
    return [sp.Symbol(f"{name}_{i}") for i in range(1, n + 1)]


w3, x3 = comps("w", 3), comps("x", 3)
z, b = sp.symbols("z b")
SIZES = {"w": 3, "x": 3}


def column(items) -> sp.Matrix:
    return sp.Matrix(list(items))


# ---------------------------------------------------------------------------------------------
# vector()


def test_vector_is_the_column_of_the_symbols_parse_gives():
    assert mk.vector("x", 3) == sp.Matrix([mk.parse("x1"), mk.parse("x2"), mk.parse("x₃")])
    assert mk.vector("w", 1).shape == (1, 1)


@pytest.mark.parametrize(("name", "n"), [("x", 0), ("x", 21), ("x", 2.0), ("x1", 2), ("xy", 2)])
def test_vector_refuses_bad_names_and_sizes(name, n):
    with pytest.raises(ParseError):
        mk.vector(name, n)


def test_vector_size_limit_is_in_the_message():
    with pytest.raises(ParseError, match="1 to 20"):
        mk.parse("sum(x)", vectors={"x": 21})


# ---------------------------------------------------------------------------------------------
# What it reads


ACCEPTED = [
    ("w + x", column(a + c for a, c in zip(w3, x3, strict=True))),
    ("w - x", column(a - c for a, c in zip(w3, x3, strict=True))),
    ("w − x", column(a - c for a, c in zip(w3, x3, strict=True))),
    ("w ⊗ x", column(a * c for a, c in zip(w3, x3, strict=True))),
    ("w ⊙ x", column(a * c for a, c in zip(w3, x3, strict=True))),
    ("w .* x", column(a * c for a, c in zip(w3, x3, strict=True))),
    ("w.*x", column(a * c for a, c in zip(w3, x3, strict=True))),
    ("w ⊘ x", column(a / c for a, c in zip(w3, x3, strict=True))),
    ("w ./ x", column(a / c for a, c in zip(w3, x3, strict=True))),
    ("x + z", column(c + z for c in x3)),
    ("x - z", column(c - z for c in x3)),
    ("x z", column(c * z for c in x3)),
    ("z x", column(c * z for c in x3)),
    ("z*x", column(c * z for c in x3)),
    ("x/z", column(c / z for c in x3)),
    ("2x", column(2 * c for c in x3)),
    ("2.*x", column(2 * c for c in x3)),
    ("-x", column(-c for c in x3)),
    ("w · x", sum(a * c for a, c in zip(w3, x3, strict=True))),
    ("w⋅x", sum(a * c for a, c in zip(w3, x3, strict=True))),
    ("dot(w, x)", sum(a * c for a, c in zip(w3, x3, strict=True))),
    ("w · x + b", sum(a * c for a, c in zip(w3, x3, strict=True)) + b),
    ("sum(x)", sum(x3)),
    ("sum (x)", sum(x3)),
    ("sum(x z)", sum(c * z for c in x3)),
    ("sum(w ⊗ x)", sum(a * c for a, c in zip(w3, x3, strict=True))),
    ("sin(x)", column(sp.sin(c) for c in x3)),
    ("exp(x)", column(sp.exp(c) for c in x3)),
    ("e^x", column(sp.exp(c) for c in x3)),
    ("x^2", column(c**2 for c in x3)),
    ("x²", column(c**2 for c in x3)),
    ("max(0, x)", column(sp.Max(0, c) for c in x3)),
    ("relu(x)", column(sp.Max(0, c) for c in x3)),
    ("σ(x)", column(1 / (1 + sp.exp(-c)) for c in x3)),
    ("max(0, w · x + b)", sp.Max(0, sum(a * c for a, c in zip(w3, x3, strict=True)) + b)),
    ("(w + x) · (w - x)", sum((a + c) * (a - c) for a, c in zip(w3, x3, strict=True))),
    ("x1 + sum(w)", x3[0] + sum(w3)),
    ("[sum(x), w1]", sp.Matrix([sum(x3), w3[0]])),
    ("2·z", 2 * z),  # · between scalars stays a product
    ("z ⊗ 3", 3 * z),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED, ids=[t for t, _ in ACCEPTED])
def test_reads_the_papers_notation(text, expected):
    got = mk.parse(text, vectors=SIZES)
    assert type(got) is type(expected) or isinstance(got, sp.Expr) == isinstance(expected, sp.Expr)
    assert sp.simplify(sp.Matrix([got]) - sp.Matrix([expected])) == sp.zeros(
        *sp.Matrix([got]).shape
    )


def test_variables_limit_the_scalars_but_not_the_vectors():
    assert (
        mk.parse("w · x + b", variables="b", vectors=SIZES)
        == sum(a * c for a, c in zip(w3, x3, strict=True)) + b
    )
    with pytest.raises(ParseError, match="not one of your variables"):
        mk.parse("w · x + c", variables="b", vectors=SIZES)


def test_without_vectors_the_parser_is_unchanged():
    assert mk.parse("x·y") == sp.Symbol("x") * sp.Symbol("y")


# ---------------------------------------------------------------------------------------------
# What it refuses, where, and what it says to write

REFUSED = [
    ("w * x", "for the element-wise product write w ⊗ x, for the dot product w · x", 4),
    ("w x", "for the element-wise product write w ⊗ x, for the dot product w · x", 2),
    ("w × x", "a product of two vectors is ambiguous", 4),
    ("(w + x)(w - x)", "write u ⊗ v, for the dot product u · v", 8),
    ("x x", "write x ⊗ x, for the dot product x · x", 2),
    ("w / x", "element-wise division write w ⊘ x", 4),
    ("w + y", "w has 3 components but y has 2", 4),
    ("z + w ⊗ y", "w has 3 components but y has 2", 8),
    ("w · y", "the dot product needs vectors of the same size", 4),
    ("dot(w, y)", "same size", 0),
    ("x^w", "an exponent must be a number or a scalar", 2),
    ("[x, w]", "one scalar function", 1),
    ("sum(z)", "adds the components of a vector", 0),
    ("sum", "needs brackets: write sum(x)", 0),
    ("sum + 1", "needs brackets: write sum(x)", 0),
    ("dot(w)", "dot(w, x) takes two vectors", 0),
    ("dot(z, w)", "takes two vectors", 0),
    ("x(1 + z)", "not a function", 0),
    ("w ⊗", "ends too early", None),
    ("foo(x)", "not a function I know", 0),
]


@pytest.mark.parametrize(("text", "words", "position"), REFUSED, ids=[t for t, *_ in REFUSED])
def test_refuses_with_place_and_advice(text, words, position):
    with pytest.raises(ParseError) as error:
        mk.parse(text, vectors={**SIZES, "y": 2})
    assert words in str(error.value)
    if position is not None:
        assert error.value.position == position


# ---------------------------------------------------------------------------------------------
# The paper's rules (§4.2 element-wise, §4.3 scalar expansion, §4.4 sum, the dot product):
# jacobian of the expansion == the closed form the paper gives, written here by hand.


def I(n):  # noqa: E743 (the paper's name)
    return sp.eye(n)


def diag(items):
    return sp.diag(*items)


def ones(n):
    return sp.ones(n, 1)


def row(items):
    return sp.Matrix([list(items)])


# (text, wrt, closed form as a function of n, the paper's name for it)
RULES = [
    ("w + x", "w", lambda n: I(n), "I"),
    ("w + x", "x", lambda n: I(n), "I"),
    ("w - x", "w", lambda n: I(n), "I"),
    ("w - x", "x", lambda n: -I(n), "-I"),
    ("w ⊗ x", "w", lambda n: diag(comps("x", n)), "diag(x)"),
    ("w ⊗ x", "x", lambda n: diag(comps("w", n)), "diag(w)"),
    ("w ⊘ x", "w", lambda n: diag(1 / c for c in comps("x", n)), "diag(1/x)"),
    (
        "w ⊘ x",
        "x",
        lambda n: diag(-a / c**2 for a, c in zip(comps("w", n), comps("x", n), strict=True)),
        "diag(-w/x^2)",
    ),
    ("x + z", "x", lambda n: I(n), "I"),
    ("x + z", "z", lambda n: ones(n), "1"),
    ("x - z", "z", lambda n: -ones(n), "-1"),
    ("x z", "x", lambda n: z * I(n), "z I"),
    ("x z", "z", lambda n: sp.Matrix(comps("x", n)), "x"),
    ("sum(x)", "x", lambda n: row([1] * n), "1ᵀ"),
    ("sum(x z)", "x", lambda n: z * row([1] * n), "z 1ᵀ"),
    ("sum(x z)", "z", lambda n: sp.Matrix([sum(comps("x", n))]), "sum(x)"),
    ("w · x", "w", lambda n: row(comps("x", n)), "xᵀ"),
    ("w · x", "x", lambda n: row(comps("w", n)), "wᵀ"),
    ("w · x + b", "b", lambda n: sp.Matrix([1]), "1"),
]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize(
    ("text", "wrt", "closed", "name"), RULES, ids=[f"{r[0]}/{r[1]}" for r in RULES]
)
def test_jacobian_of_the_expansion_is_the_papers_closed_form(text, wrt, closed, name, n):
    sizes = {"w": n, "x": n}
    J = mk.jacobian(text, wrt, vectors=sizes)
    assert J.shape == closed(n).shape
    assert sp.simplify(J - closed(n)) == sp.zeros(*J.shape)


def test_jacobian_with_respect_to_a_vector_and_a_scalar():
    J = mk.jacobian("max(0, w · x + b)", "w b", vectors=SIZES)
    assert J.shape == (1, 4)
    assert mk.gradient("w · x + b", "w b", vectors=SIZES) == row([*x3, 1])
    assert mk.gradient("w · x + b", "w b", "denominator", vectors=SIZES) == column([*x3, 1])


def test_a_list_of_vector_formulas_is_a_vector_function():
    expected = sp.Matrix([[1, 1, 1], list(w3)])
    assert mk.jacobian(["sum(x)", "w · x"], "x", vectors=SIZES) == expected


def test_shape_case_knows_a_vector_name_is_a_vector():
    assert mk.shape_case("w · x + b", "w", vectors=SIZES).number == 2
    assert mk.shape_case("x + z", "z", vectors=SIZES).number == 3
    assert mk.shape_case("w ⊗ x", "x", vectors=SIZES).number == 4
    assert mk.shape_case("sum(x)", "x", vectors={"x": 1}).number == 2  # a vector, even of size 1
    assert mk.shape_case("w · x", "b", vectors=SIZES).number == 1
    assert mk.shape_case("w · x + b", "[b]", vectors=SIZES).number == 2  # a vector of one


# ---------------------------------------------------------------------------------------------
# Safety: injections, sizes, fuzzing -- with the new operators


VECTOR_INJECTIONS = [
    "w ⊗ __import__('os')",
    "sum(__import__)",
    "dot(w, x.__class__)",
    "w .* x.__class__",
    "w ⊘ (lambda: 1)",
    "sum(x)[0]",
    "w ⊗ x[0]",
    "dot(w, x=1)",
    "sum(*x)",
    "sum(x, x)",
    "x @ w",
    "x // w",
    "x % w",
    "w ⊗ 'abc'",
    "sum(x) if w else x",
    "dot.__globals__",
    "sum.__class__",
]


@pytest.mark.parametrize("template", INJECTIONS + VECTOR_INJECTIONS)
def test_injections_are_refused_with_vectors_too(template, tmp_path):
    sentinel = tmp_path / "SENTINEL"
    text = template.format(sentinel=sentinel) if "{sentinel}" in template else template
    with pytest.raises(ParseError):
        mk.parse(text, vectors=SIZES)
    assert not sentinel.exists()


def balanced(leaf: str, operator: str, depth: int) -> str:
    """2^depth leaves joined by operator, bracketed as a balanced tree (shallow, but wide)."""
    if depth == 0:
        return leaf
    half = balanced(leaf, operator, depth - 1)
    return f"({half}){operator}({half})"


REFUSED_SIZES = [
    balanced("sin(x)", "⊗", 7),  # 128 sines of 20 components: too many component operations
    "sin(x)⊗" * 200 + "x",
    "+".join(["x"] * 300),
    "+".join(["sum(x ⊗ w)"] * 300),
    " ⊗ ".join(["sin(x)"] * 300),
    "+".join(["dot(w, x)"] * 300),
    "sum(" * 60 + "x" + ")" * 60,
    "dot(w, x)^(10^10)",
    "9^99 ⊗ x",
    "sum(x ⊘ (x - x))",
    "x ⊘ 0",
    "sin(" * 45 + "x" + ")" * 45,  # each function works on all 20 components: nesting is bounded
    "sum(" + "relu(" * 40 + "x ⊗ w" + ")" * 41,
    "max(" * 10 + "x" + ", w)" * 10,
]
HEAVY_BUT_FINE = [
    "exp(x ⊗ 10^6)",
    balanced("sin(x)", "⊗", 5),
    "sum(x^100)^100",
    "+".join(["sum(x ⊗ w)"] * 20),
    " ⊗ ".join(["sin(x)"] * 20),
    "sum(max(0, x ⊗ w + z)^2)",
    "dot(σ(w ⊙ x), relu(x ./ w))",
]

CHILD = """
import json, sys, time
from mathkit.parse import ParseError, parse
sizes = {"w": 20, "x": 20}
parse("w · x", vectors=sizes)  # warm up
for text in json.load(sys.stdin):
    print(json.dumps({"started": text}), flush=True)
    times = []
    for _ in range(2):  # over the bound once: time it again (a busy machine, not a hang)
        start = time.perf_counter()
        try:
            parse(text, vectors=sizes)
            message = None
        except ParseError as error:
            message = str(error)
        times.append(time.perf_counter() - start)
        if times[-1] < 1.0:
            break
    print(json.dumps({"seconds": min(times), "message": message}), flush=True)
"""


@pytest.fixture(scope="module")
def sizes() -> dict:
    """(seconds, message or None) for each sized input, parsed in a child process with n = 20."""
    texts = REFUSED_SIZES + HEAVY_BUT_FINE
    try:
        child = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            timeout=30 + 3 * HANG * len(texts),
            check=True,
        )
    except subprocess.TimeoutExpired as hung:
        output = hung.stdout or b""
        lines = (output.decode() if isinstance(output, bytes) else output).splitlines()
        started = [json.loads(line)["started"] for line in lines if '"started"' in line]
        pytest.fail(f"parse hung on {started[-1][:80]!r}" if started else "the child hung")
    records = [json.loads(line) for line in child.stdout.splitlines()]
    results = [(r["seconds"], r["message"]) for r in records if "seconds" in r]
    return dict(zip(texts, results, strict=True))


@pytest.mark.parametrize("text", REFUSED_SIZES + HEAVY_BUT_FINE, ids=lambda s: s[:40])
def test_no_vector_input_hangs(text, sizes):
    assert sizes[text][0] < HANG


@pytest.mark.parametrize("text", REFUSED_SIZES, ids=lambda s: s[:40])
def test_hostile_vector_sizes_are_refused(text, sizes):
    message = sizes[text][1]
    assert message is not None and len(message) < 160


@pytest.mark.parametrize("text", HEAVY_BUT_FINE, ids=lambda s: s[:40])
def test_large_but_fair_vector_formulas_are_accepted(text, sizes):
    assert sizes[text][1] is None


def test_no_eval_exec_or_sympify_in_vectors():
    source = Path(V.__file__).read_text(encoding="utf-8")
    runs_text = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__", "getattr"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in runs_text, f"line {node.lineno} calls {node.func.id}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in runs_text - {"compile"}, f"line {node.lineno}"


def test_reading_vectors_never_calls_eval_or_sympify_on_text(monkeypatch):
    original = {"eval": builtins.eval, "exec": builtins.exec, "sympify": sp.sympify}

    def refuse(name):
        def spy(arg, *args, **kwargs):
            if isinstance(arg, str):
                raise AssertionError(f"{name} called on text")
            return original[name](arg, *args, **kwargs)

        return spy

    monkeypatch.setattr(builtins, "eval", refuse("eval"))
    monkeypatch.setattr(builtins, "exec", refuse("exec"))
    monkeypatch.setattr(sp, "sympify", refuse("sympify"))
    for text, _ in ACCEPTED:
        mk.parse(text, vectors=SIZES)


VECTOR_FRAGMENTS = [*FRAGMENTS, "⊗", "⊙", "⊘", ".*", "./", "·", "w", "x", "sum(", "dot(", "z"]


def _only_parse_errors(text: str) -> None:
    times = []
    for _ in range(2):  # slow once: time it again (a busy machine, not a hang)
        start = time.perf_counter()
        try:
            mk.parse(text, vectors=SIZES)
        except ParseError as error:
            assert error.position is None or 0 <= error.position <= len(text)
            assert 0 < len(str(error)) < 200
        times.append(time.perf_counter() - start)
        if times[-1] < HANG:
            break
    assert min(times) < HANG, text


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@fuzz(600)
@given(st.one_of(learner_text(), st.lists(st.sampled_from(VECTOR_FRAGMENTS)).map("".join)))
def test_fuzz_vector_text(text):
    _only_parse_errors(text)


@fuzz(300)
@given(st.sampled_from([t for t, _ in ACCEPTED]), st.integers(0), st.sampled_from(VECTOR_FRAGMENTS))
def test_fuzz_broken_vector_formulas(text, where, fragment):
    where %= len(text) + 1
    _only_parse_errors(text[:where] + fragment + text[where:])


# ---------------------------------------------------------------------------------------------
# Random formulas in the notation, against the same formula built component by component


def _vector_leaves(n):
    return st.sampled_from(
        [("w", comps("w", n)), ("x", comps("x", n)), ("(x + 1)", [c + 1 for c in comps("x", n)])]
    )


def _vector_formulas(n):
    def extend(inner):
        def binary(pair, op):
            (ta, va), (tb, vb) = pair
            build = {
                "+": lambda a, c: a + c,
                "-": lambda a, c: a - c,
                "⊗": lambda a, c: a * c,
                ".*": lambda a, c: a * c,
            }[op]
            return f"({ta} {op} {tb})", [build(a, c) for a, c in zip(va, vb, strict=True)]

        return st.one_of(
            st.builds(binary, st.tuples(inner, inner), st.sampled_from(["+", "-", "⊗", ".*"])),
            inner.map(lambda tv: (f"(z {tv[0]})", [z * c for c in tv[1]])),
            inner.map(lambda tv: (f"({tv[0]} + z)", [c + z for c in tv[1]])),
            inner.map(
                lambda tv: (
                    f"{tv[0]} ⊘ x",
                    [c / v for c, v in zip(tv[1], comps("x", n), strict=True)],
                )
            ),
            inner.map(lambda tv: (f"sin({tv[0]})", [sp.sin(c) for c in tv[1]])),
            inner.map(lambda tv: (f"({tv[0]})^2", [c**2 for c in tv[1]])),
        )

    return st.recursive(_vector_leaves(n), extend, max_leaves=6)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(st.just(n), _vector_formulas(n), _vector_formulas(n))
    )
)
def test_random_vector_formulas_match_their_components(case):
    n, (ta, va), (tb, vb) = case
    sizes = {"w": n, "x": n}
    assert mk.parse(ta, vectors=sizes) == sp.Matrix(va)
    assert mk.parse(f"sum({ta})", vectors=sizes) == sp.Add(*va)
    assert mk.parse(f"({ta}) · ({tb})", vectors=sizes) == sp.Add(
        *[a * c for a, c in zip(va, vb, strict=True)]
    )


def test_dotted_power_is_the_element_wise_power():
    """``x.^2`` (MATLAB's element-wise power) is x^2 for each component: [w₁/x₁², w₂/x₂²]."""
    w1, w2, x1, x2 = sp.symbols("w_1 w_2 x_1 x_2")
    value = V.parse_vectors("-w ./ x.^2", vectors={"w": 2, "x": 2})
    assert value == sp.Matrix([-w1 / x1**2, -w2 / x2**2])


def test_two_element_wise_signs_in_a_row_are_refused():
    """``w ⊗⊗ x`` is a typo, not w ⊗ x (the two signs used to merge into one operator)."""
    with pytest.raises(ParseError):
        V.parse_vectors("w ⊗⊗ x", vectors={"w": 2, "x": 2})
