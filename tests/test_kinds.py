"""Answer kinds: one class each, registered by name; a new kind needs nothing else to change."""

from __future__ import annotations

import pytest
from strategies import generous_api_budget  # noqa: F401  (autouse: see its docstring)

from mathkit.exercises import KINDS, Exercise, check
from mathkit.exercises.kinds import AnswerKind, answer_kind
from mathkit.mistakes import MISTAKES, Feedback


def test_every_kind_is_registered_with_its_format():
    assert {"expression", "value", "matrix", "shape", "case"} <= set(KINDS)
    for name, kind in KINDS.items():
        assert kind.name == name
        assert kind.placeholder


def test_an_unknown_kind_lists_the_kinds():
    with pytest.raises(ValueError, match="matrix"):
        answer_kind("essay")


def test_a_new_kind_is_one_class(monkeypatch):
    """A kind defined anywhere registers itself; the model and the other kinds do not change."""
    monkeypatch.setitem(KINDS, "_probe", None)  # restored (removed) after the test
    monkeypatch.setitem(MISTAKES, "_probe", "")

    class Parity(AnswerKind):
        name = "_probe"
        placeholder = "even or odd"
        mistakes = {"_probe": "the other parity"}

        def read(self, ex, raw):
            return raw.strip().lower()

        def expected(self, ex):
            return "even" if ex.F[0].subs(ex.x[0], -ex.x[0]) == ex.F[0] else "odd"

        def judge(self, ex, value):
            if value == ex.expected:
                return Feedback(True, f"{ex.f_name} is {value}.")
            return Feedback(False, "Compare f(-x) with f(x).", "_probe")

    assert isinstance(KINDS["_probe"], Parity)
    assert MISTAKES["_probe"] == "the other parity"
    ex = Exercise(
        key="t.parity", kind="_probe", title="t", prompt="p", functions="x^3", variables="x"
    )
    assert ex.expected == "odd" and ex.placeholder == "even or odd"
    assert check(ex, "odd").correct and check(ex, "even").mistake == "_probe"
    assert check(ex, "  ").mistake == "empty"


def test_a_point_makes_a_value_exercise():
    fields = dict(key="t.v", title="t", prompt="p", functions="x^2", variables="x", wrt="x")
    with pytest.raises(ValueError, match="value"):
        Exercise(kind="expression", at=(("x", 1),), **fields)
    with pytest.raises(ValueError, match="point"):
        Exercise(kind="value", **fields)
    ex = Exercise(kind="value", at=(("x", 3),), **fields)
    assert check(ex, "6").correct
    assert check(ex, "2x").mistake == "not_a_number"  # worth 6 at x = 3, but not a number
    assert check(ex, "x^2").mistake == "undifferentiated"


def _closed(functions: str, variables: str) -> Exercise:
    return Exercise(
        key="t.closed",
        kind="closed_form",
        title="t",
        prompt="p",
        functions=functions,
        variables=variables,
    )


def test_closed_form_answers():
    """∂(w ⊗ x)/∂w = diag(x) and ∂(w · x)/∂w = xᵀ (the paper, §4.2), by hand."""
    hadamard = _closed("[w1*x1, w2*x2, w3*x3]", "w1 w2 w3")
    assert hadamard.answer_text == "diag(x)"
    for right in ("diag(x)", "[[x1, 0, 0], [0, x2, 0], [0, 0, x3]]", "1 diag(x)"):
        assert check(hadamard, right).correct, right
    assert check(hadamard, "I").mistake == "other_operation"  # ∂(w + x)/∂w: the table's neighbour
    assert check(hadamard, "x^T").mistake == "vector_for_diagonal"  # Part 2's diagnosis
    assert check(hadamard, "-diag(x)").mistake == "sign"
    assert check(hadamard, "diag(x").mistake == "parse_error"
    dot = _closed("w1*x1 + w2*x2 + w3*x3", "w1 w2 w3")
    assert dot.answer_text == "xᵀ" and check(dot, "x^T").correct and check(dot, "xᵀ").correct
    feedback = check(dot, "x")  # the column: the other layout
    assert feedback.mistake == "column_for_row" and "denominator layout" in feedback.message
    assert "diag(x)" in hadamard.explanation and "diag(x)" in hadamard.solution.text
    with pytest.raises(ValueError, match="numerator"):
        Exercise(
            key="t.c",
            kind="closed_form",
            title="t",
            prompt="p",
            functions="x1",
            variables="x1",
            layout="denominator",
        )
