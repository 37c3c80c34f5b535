"""mathkit.codegen: the one eval in the package; it compiles expression trees, never text."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import mathkit
from mathkit import codegen, numeric

x, y = sp.symbols("x y")
PACKAGE = Path(mathkit.__file__).parent


@pytest.mark.parametrize(
    "name",
    [
        "__import__('os')",
        "__import__('os').system('echo pwned')",
        "x)",
        "a.b",
        "lambda",
        "x y",
        "1x",
        "",
    ],
)
def test_a_crafted_symbol_name_is_refused_before_eval(name, monkeypatch):
    calls = []
    monkeypatch.setattr(builtins, "eval", lambda *a, **k: calls.append(a))
    crafted = sp.Symbol(name)
    with pytest.raises(ValueError, match="plain identifier"):
        codegen.compiled((crafted + 1,), (crafted,))
    assert calls == []


def test_the_api_refuses_a_crafted_symbol_with_a_value_error():
    crafted = sp.Symbol("__import__('os')")
    with pytest.raises(ValueError):
        numeric.evaluate(sp.Matrix([[crafted**2]]), sp.Matrix([crafted]), 2.0)


def test_compiled_agrees_with_lambdify():
    exprs = (x * y + sp.sin(x), sp.Max(0, x - y), sp.Heaviside(x, 0), sp.Abs(y) ** 2)
    want = sp.lambdify((x, y), list(exprs), modules="numpy")(0.7, -1.3)
    got = codegen.compiled(exprs, (x, y))(0.7, -1.3)
    np.testing.assert_allclose(np.array(got, dtype=float), np.array(want, dtype=float))


def test_names_numpy_uses_still_work():
    e, sin = sp.Symbol("e"), sp.Symbol("sin")
    assert float(codegen.compiled((e * sin,), (e, sin))(2.0, 3.0)[0]) == 6.0
    wide = sp.Symbol("ｓｉｎ")  # NFKC makes this the name sin: it must not shadow numpy's sin
    got = codegen.compiled((sp.sin(wide),), (wide,))(0.5)[0]
    assert float(got) == pytest.approx(np.sin(0.5))


def _calls_eval(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "eval"
        for node in ast.walk(tree)
    )


def test_eval_occurs_in_one_module_only():
    modules = sorted(
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if _calls_eval(p)
    )
    assert modules == ["codegen.py"]


def test_a_budget_stopping_the_first_compile_cannot_break_later_ones():
    # sympy fills its numpy namespace for lambdify on first use, once: codegen fills it whole at
    # import, so a first use stopped half way (by a time budget) cannot leave names out of it
    import subprocess
    import sys

    code = (
        "import sys, sympy as sp\n"
        "L = sys.modules[sp.lambdify.__module__]\n"
        "ns = L.MODULES['numpy'][0]\n"
        "ns.clear(); ns.update(L.MODULES['numpy'][1]); ns['stopped'] = True  # half built\n"
        "import mathkit.codegen as C\n"
        "x = sp.Symbol('x')\n"
        "f = C.compiled((sp.sin(x) + sp.Max(0, x), sp.Heaviside(x, 0)), (x,))\n"
        "g = sp.lambdify([x], sp.sinc(x), modules='numpy')\n"
        "print(round(float(f(1.0)[0]), 6), float(f(1.0)[1]), round(float(g(1.0)), 6))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        str(round(np.sin(1.0) + 1.0, 6)),
        "1.0",
        str(round(np.sin(1.0), 6)),
    ]
