"""mathkit.parse never runs learner text and never hangs.

Three walls, each tested on its own: the token steps refuse what is not math; the checks after
Python's parser refuse every node, name and function not on the allow-list (tested on raw Python
that skips the first wall); and size guards bound every number, power and tree, so that each call
returns or raises within a second.
"""

import ast
import builtins
import contextlib
import importlib
import time
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import FRAGMENTS, expression_text, learner_text, run_in_child, timed_table

import mathkit as mk
from mathkit.parse import ParseError, parse, parse_matrix, parse_shape, parse_variables

parse_module = importlib.import_module("mathkit.parse")  # `mathkit.parse` is also the function

SENTINEL = {"touched": False}  # an injection that ran code could flip this; none may
HANG = 1.0  # seconds: a bound on a hang, not a benchmark


def seconds(read, text: str) -> float:
    """Wall time of ``read(text)``, a ParseError being an answer. Over HANG, it is timed once more:
    a real hang is slow twice, a busy machine (or a garbage collection) rarely is."""
    times = []
    for _ in range(2):
        start = time.perf_counter()
        with contextlib.suppress(ParseError):
            read(text)
        times.append(time.perf_counter() - start)
        if times[-1] < HANG:
            break
    return min(times)


INJECTIONS = [
    '__import__("os").system("touch {sentinel}")',
    "__import__('os').system('touch {sentinel}')",
    "__import__(os).system(touch)",
    "().__class__.__bases__[0].__subclasses__()",
    "().__class__",
    "lambda: 1",
    "(lambda x: x)(1)",
    "[c for c in ()]",
    "(c for c in x)",
    '"abc"',
    "'abc'",
    "x.__class__",
    "x.y",
    "exec(\"open('{sentinel}', 'w')\")",
    'eval("1")',
    "eval(x)",
    'open("{sentinel}", "w")',
    "open(x)",
    'getattr(x, "y")',
    "getattr(x, y)",
    "globals()",
    "vars(x)",
    "print(x)",
    "breakpoint()",
    '__ｉｍｐｏｒｔ__("os")',
    "__ｉｍｐｏｒｔ__(os)",
    "ｅｖａｌ(x)",
    "x if y else z",
    "x[0]",
    "x := 1",
    "(x := 1)",
    'f"{{x}}"',
    "*x",
    "**x",
    "sin(x=1)",
    "sin(*x)",
    'Symbol("x")',
    "Symbol(x)",
    'sympify("1")',
    "sympify(x)",
    "S.One",
    "S(1)",
    "x.subs(x, 1)",
    "sin.__globals__",
    "{{1: 2}}",
    "{{x}}",
    "x and y",
    "not x",
    "x == y",
    "None",
    "True",
    "...",
    "x; y",
    "x # comment",
    "x \\\n + 1",
    "\\x41",
    "x @ y",
    "x // y",
    "~x",
    "x | y",
    "import os",
    "await x",
    "yield x",
]


@pytest.mark.parametrize("template", INJECTIONS)
def test_injections_are_refused_and_run_nothing(template, tmp_path):
    sentinel = tmp_path / "SENTINEL"
    text = template.format(sentinel=sentinel)
    for read in (parse, parse_matrix, lambda s: parse(s, variables="x y")):
        with pytest.raises(ParseError):
            read(text)
    assert not sentinel.exists()
    assert SENTINEL == {"touched": False}


# The same attacks as raw Python, past the token steps: the tree checks alone must refuse them.
RAW_PYTHON = [
    "__import__('os').system('touch {sentinel}')",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "(lambda x: x)(1)",
    "[c for c in ()]",
    "{{c for c in ()}}",
    "{{c: c for c in ()}}",
    "(c for c in ())",
    "'abc'",
    "b'abc'",
    "x.__class__",
    'exec(\'open("{sentinel}", "w")\')',
    "eval('1')",
    "open('{sentinel}', 'w')",
    "getattr(x, 'y')",
    "__ｉｍｐｏｒｔ__('os')",  # Python folds this into __import__: the name check comes after
    "x if y else z",
    "x[0]",
    "x[0:1]",
    "(x := 1)",
    "f'{{x}}'",
    "sin(x=1)",
    "sin(*x)",
    "sin(**x)",
    "Symbol('x')",
    "sympify('1')",
    "S.One",
    "x // 2",
    "x % 2",
    "x @ y",
    "x ^ y",
    "x | y",
    "x & y",
    "x << y",
    "~x",
    "not x",
    "x < y",
    "x and y",
    "{{1: 2}}",
    "{{1}}",
    "True",
    "None",
    "...",
    "1j",
    "await x",
    "(yield x)",
    "x + (1, 2)",
    "[x, y][0]",
    "(x)(y)",
    "sin(x)(y)",
    "__x",
    "x__",
    "lambda_",
]


@pytest.mark.parametrize("template", RAW_PYTHON)
def test_tree_checks_alone_refuse_raw_python(template, tmp_path):
    sentinel = tmp_path / "SENTINEL"
    code = template.format(sentinel=sentinel)
    ast.parse(code, mode="eval")  # valid Python: only the tree checks stand in the way
    with pytest.raises(ParseError):
        parse_module._from_python(code)
    assert not sentinel.exists()


def test_tree_checks_accept_what_the_token_steps_hand_over():
    x, y = sympy.symbols("x y")
    assert parse_module._from_python("3 * x ** 2 * y + sin(x)") == 3 * x**2 * y + sympy.sin(x)


REFUSED_SIZES = [  # each must be refused, fast
    "9**9**9",
    "10^10^10",
    "2**2**2**2**2**2",
    "x^(10^10)",
    "x^(2^100)",
    "9999999999999999999999999**99",
    "(" * 5000 + "x" + ")" * 5000,
    "x+" * 50000 + "x",
    "1" * 100000,
    "sin(" * 1000 + "x" + ")" * 1000,
    "sin(" * 400 + "x" + ")" * 400,
    "(" * 51 + "x" + ")" * 51,
    "-" * 1999 + "x",
    "+".join(["x"] * 999),
    "*".join(["x"] * 999),
    "+".join(f"x{i}" for i in range(51)),
    "x^" * 999 + "x",
    "[" * 900 + "]" * 900,
    "[" + ",".join(["x"] * 999) + "]",
    "exp(10^12*log(2))",
    "e^(100*log(10^15))",
    "sigmoid(-10^12*log(2))",
    "((10^12)^100)^100",
    "(10^15-1)^100",
    "*".join(["9^99"] * 200),
    "+".join(f"1/{p}^99" for p in (3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59) * 8),
    "1e15^100",
    "exp(100*log(10^15))",
    "9^99",
    "max(sin(exp(10^6)), 0)",
    "max(sin(exp(10^5)), 0)",
    "max(exp(999999999999989^7+1), exp(999999999999989^7+3))",
    "exp(2000)*exp(2000)",
    "((exp(100))^100)^100",
    "e^e^e^e",
    "pi^pi^pi^pi",
    "max(2^(pi*10^10), 3)",
    "sinh(10^5)",
    "+".join(f"sin({k})" for k in range(1, 10)),
    "sqrt(999999999999999)^99",
    "1/(x-x)",
    "0^-1",
    "x" + "²" * 1999,
    "x" + "₁" * 1999,
    "9" * 2000,
    "." * 2000,
    "x" * 2000,
    "sin(x)" + "^2" * 997,
    "sin(" * 45 + "x" + ")" * 45,
    # sympy's own work on a formula, bounded before it starts (issue 9, item 8)
    "tanh(" * 9 + "x" + ")" * 9,
    "tanh(tanh(tanh((x+y+1)^20)))",
    "cosh(sinh(tanh(x)))",
    "σ(" * 30 + "x" + ")" * 30,
    "sigmoid(" * 9 + "x" + ")" * 9,
    "exp(" * 9 + "x" + ")" * 9,
    "max(" * 15 + "x" + "".join(f", {k}x+{k})" for k in range(1, 16)),
    "max(max(x, y), max(2x, max(3y, 4x + y)))",
    "max(max(max(x, y), max(2x, 3y)), max(max(4x, 5y), max(6x, 7y)))",
    "relu(max(max(x, y), max(2x, 3y)))",
    "min(min(x, 1), min(y, min(2, x + y)))",
    "1e-300",
    "(1e-20)^5",
]
# Fine where the variables are known (an exercise reads xy as x·y), refused by plain parse:
# σ⁸(xy) took 1.3 s in exercises.check before its points were evaluated without sympy's rules.
WITH_VARIABLES = ["σ(" * 8 + "xy" + ")" * 8, "[" + "σ(" * 8 + "yx" + ")" * 8 + ", 3x^2]"]

HEAVY_BUT_FINE = [  # within every limit, and still fast
    "(" * 50 + "x" + ")" * 50,
    "sin(" * 8 + "x" + ")" * 8,
    "tanh(tanh((x+y+1)^20))",
    "tanh(tanh(x*y - 3)) + cosh(sinh(x^100 + y))",
    "σ(" * 8 + "x*y" + ")" * 8,
    "tanh(" * 2 + "σ(" * 6 + "(x+y+1)^20" + ")" * 8,
    "max(max(x, 2y+1), max(3x-y, 4y))",
    "relu(max(x - y, min(x, y)))",
    "(9^80)^(1/3)*(9^80)^(1/3)*(9^80)^(1/3)",
    "max(sin(9^80), cos(9^80))",
    "cos(pi/65537) + tan(10^14*pi/3)",
    "2^(1/99999999999999)",
    "exp(10*log(10^6))",
    "+".join(
        f"abs(x*(sin(exp(170)+{k}/(10^25)^3)-sin(exp(170)+{k + 1}/(10^25)^3)))" for k in range(6)
    ),
    "+".join(f"max(x+sin({k}/(10^25)^3), x+sin({k + 1}/(10^25)^3))" for k in range(1, 7)),
    "((x+1)^100)^100",
    "+".join(f"x{i}^99" for i in range(48)),
    "*".join(f"(x{i}+1)" for i in range(48)),
    "*".join(f"sigmoid(x{i})" for i in range(48)),
    ", ".join("*".join(f"({letter}{i}+1)" for i in range(48)) for letter in "abcd"),
    "[" + ", ".join(f"max(sin(x{i})^2, cos(y{i})^3)" for i in range(20)) + "]",
]


# The size table runs in a child process (strategies.timed_table): if a guard ever breaks, sympy
# computes a huge number in C and nothing can interrupt it, so the parent names the input that hung.


@pytest.fixture(scope="module")
def sizes() -> dict[str, tuple[float, str | None]]:
    """For each text of REFUSED_SIZES and HEAVY_BUT_FINE: (seconds, ParseError message or None)."""
    setup = "from mathkit.parse import parse as read"
    return timed_table(setup, REFUSED_SIZES + HEAVY_BUT_FINE, HANG)


@pytest.mark.parametrize("text", REFUSED_SIZES + HEAVY_BUT_FINE, ids=lambda s: s[:40])
def test_no_input_hangs(text, sizes):
    assert sizes[text][0] < HANG


@pytest.mark.parametrize("text", REFUSED_SIZES, ids=lambda s: s[:40])
def test_hostile_sizes_are_refused_with_a_short_message(text, sizes):
    message = sizes[text][1]
    assert message is not None and len(message) < 120


@pytest.mark.parametrize("text", HEAVY_BUT_FINE, ids=lambda s: s[:40])
def test_large_but_fair_formulas_are_accepted(text, sizes):
    assert sizes[text][1] is None
    assert isinstance(parse(text), (sympy.Expr, sympy.MatrixBase))


# Every public entry on the same table, in a child process too: each answers within its budget
# (1 s, mathkit.budget) with a value, a ParseError or another ValueError (TooSlow, TooDeep).
API_CHILD = """
import json, sys, time
import mathkit as mk
from mathkit.exercises import check
ENTRIES = {
    "parse": mk.parse,
    "jacobian": lambda text: mk.jacobian(text, "x y"),
    "gradient": lambda text: mk.gradient(text, "x y"),
    "shape_case": lambda text: mk.shape_case(text, "x y"),
    "check_jacobian": lambda text: mk.check_jacobian(text, "x y"),
    "exercises.check": lambda text: check("gradients.3x2y_dy", text),
}
for entry in ENTRIES.values():
    entry("3x^2 y")  # warm up
for text in json.load(sys.stdin):
    for name, entry in ENTRIES.items():
        print(json.dumps({"started": [name, text]}), flush=True)
        start = time.perf_counter()
        try:
            entry(text)
            outcome = "value"
        except ValueError as error:
            outcome = type(error).__name__
        except BaseException as error:
            outcome = f"raw {type(error).__name__}: {error}"
        seconds = time.perf_counter() - start
        print(json.dumps({"entry": name, "seconds": seconds, "outcome": outcome}), flush=True)
"""
CHILD_BUDGET = 1.0  # mathkit.budget.DEFAULT_BUDGET in a fresh process (tests/conftest.py raises
# it for the in-process tests only)
API_ENTRIES = ["parse", "jacobian", "gradient", "shape_case", "check_jacobian", "exercises.check"]
API_SLACK = 0.5  # seconds past the budget for the budget's own exception to arrive


def run_api_table(texts: list[str]) -> dict[tuple[str, str], tuple[float, str]]:
    """(entry, text) -> (seconds, outcome) for every public entry on every text, in a child."""
    records = run_in_child(API_CHILD, texts, timeout=60 + 2 * len(API_ENTRIES) * len(texts))
    keys = [(entry, text) for text in texts for entry in API_ENTRIES]
    return {key: (r["seconds"], r["outcome"]) for key, r in zip(keys, records, strict=True)}


@pytest.fixture(scope="module")
def api_table():
    return run_api_table(REFUSED_SIZES + HEAVY_BUT_FINE + WITH_VARIABLES)


@pytest.mark.parametrize("entry", API_ENTRIES)
def test_every_public_entry_answers_every_table_input_within_its_budget(entry, api_table):
    rows = {text: answer for (name, text), answer in api_table.items() if name == entry}
    raw = {text[:60]: outcome for text, (_, outcome) in rows.items() if outcome.startswith("raw")}
    slow = {text[:60]: t for text, (t, _) in rows.items() if t > CHILD_BUDGET + API_SLACK}
    assert raw == {}
    assert slow == {}


# Huge whole numbers inside functions numpy evaluates: once a raw TypeError in check_jacobian
# (numpy has no cos of a Python int); the derivative of a constant is 0, of x + c is 1.
HUGE_CONSTANTS = {
    "max(sin(9^80), cos(9^80))": 0.0,
    "min(sin(9^80), cos(9^80))": 0.0,
    "abs(sin(9^80))": 0.0,
    "abs(max(sin(9^80), cos(9^70)))": 0.0,
    "max(sin(9^80), cos(9^80)) + x": 1.0,
    "x + 9^70": 1.0,
}


@pytest.mark.parametrize(("text", "slope"), HUGE_CONSTANTS.items())
def test_check_jacobian_of_huge_constants_is_a_result(text, slope):
    from mathkit.check import check_jacobian

    result = check_jacobian(text, "x")
    assert result.ok
    assert all(abs(float(a[0, 0]) - slope) < 1e-9 for a in result.analytic)


def test_no_eval_exec_or_sympify_in_the_source():
    """No call to anything that runs text, anywhere in mathkit/parse.py and its parse_*.py steps."""
    files = sorted(Path(parse_module.__file__).parent.glob("parse*.py"))
    assert len(files) > 1, "the parser's step modules were not found"
    source = "\n".join(f.read_text(encoding="utf-8") for f in files)
    runs_text = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__", "getattr"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in runs_text, f"line {node.lineno} calls {node.func.id}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in runs_text - {"compile"}, f"line {node.lineno}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            assert not {alias.name for alias in node.names} & runs_text, f"line {node.lineno}"


def test_parsing_never_calls_eval_or_sympify_on_text(monkeypatch):
    calls = []

    def refuse(name):
        def spy(arg, *args, **kwargs):
            if isinstance(arg, str):
                calls.append((name, arg))
                raise AssertionError(f"{name} called on text")
            return original[name](arg, *args, **kwargs)

        return spy

    original = {"eval": builtins.eval, "exec": builtins.exec, "sympify": sympy.sympify}
    monkeypatch.setattr(builtins, "eval", refuse("eval"))
    monkeypatch.setattr(builtins, "exec", refuse("exec"))
    monkeypatch.setattr(sympy, "sympify", refuse("sympify"))
    for text in ["3x^2 y", "[sin(x), e^x]", "σ(w1 x1 + b)", "max(0, z)", "sqrt(8)/2"]:
        parse(text)
    parse_matrix("[[1, x], [y, 2]]")
    assert calls == []


# Fuzzing, 3,500 texts in all: only ParseError may escape, within a second, and nothing runs.
def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def _only_parse_errors(text: str) -> None:
    for read in (parse, parse_matrix, parse_variables, parse_shape):
        start = time.perf_counter()
        try:
            read(text)
        except ParseError as error:
            assert error.position is None or 0 <= error.position <= len(text)
            assert 0 < len(str(error)) < 200
        if time.perf_counter() - start >= HANG:  # slow once: time it again before failing
            assert seconds(read, text) < HANG, (read.__name__, text)
    assert SENTINEL == {"touched": False}


@fuzz(1200)
@given(learner_text())
def test_fuzz_learner_text(text):
    _only_parse_errors(text)


@fuzz(1000)
@given(st.lists(st.sampled_from(INJECTIONS + REFUSED_SIZES[:6] + ["x", "+", "(", ")", "^9"])))
def test_fuzz_glued_attacks(pieces):
    _only_parse_errors("".join(pieces)[:3000].replace("{sentinel}", "S"))


@fuzz(800)
@given(st.text(min_size=1, max_size=80))
def test_fuzz_any_text(text):
    _only_parse_errors(text)


@fuzz(500)
@given(expression_text(), st.integers(min_value=0), st.sampled_from([*FRAGMENTS, "^99", "/0"]))
def test_fuzz_broken_formulas(case, where, fragment):
    """A valid formula with something inserted: reaches the tree checks, not only the tokens."""
    text = case[0]
    where %= len(text) + 1
    _only_parse_errors(text[:where] + fragment + text[where:])


def _only_value_errors_from_the_api(text: str) -> None:
    """jacobian, gradient and shape_case answer with a value or a ValueError (ParseError, TooSlow,
    TooDeep ...), within their budget (mathkit.budget, 1 s) and a little slack."""
    for entry in (mk.jacobian, mk.gradient, mk.shape_case):
        for attempt in range(2):  # slow once: time it again (a busy machine, not a hang)
            start = time.perf_counter()
            with contextlib.suppress(ValueError):
                entry(text, "x y")
            if time.perf_counter() - start < CHILD_BUDGET + API_SLACK:
                break
            assert attempt == 0, (entry.__name__, text)


@fuzz(300)
@given(learner_text())
def test_fuzz_public_entries(text):
    _only_value_errors_from_the_api(text)


@fuzz(200)
@given(st.lists(st.sampled_from(["tanh(", "σ(", "max(", "x", "y", ", ", ")", "^20", "+1", "("])))
def test_fuzz_the_shapes_that_hung(pieces):
    """Nested tanh, sigmoids and max: the shapes of input that took seconds before issue 9."""
    _only_value_errors_from_the_api("".join(pieces))
