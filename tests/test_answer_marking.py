"""Answers to lists, matrices and numbers are marked like a teacher would mark them.

Right answers written another valid way are accepted (decimals rounded to the digits typed, a
number times a list, a transposed list, MATLAB-style rows, a product of numbered names); wrong ones
are refused with the learner's slip named in the exercise's symbols; unreadable syntax gets a
message that says what to type.

The expected numbers are derived here by hand from the paper's formula (§6):
∂C/∂w = (2/N) Σ over the active samples (zᵢ = w·xᵢ + b > 0) of (zᵢ − yᵢ) xᵢᵀ, ∂C/∂b the same
with xᵢ replaced by 1, in exact fractions (``fractions.Fraction``), from the data the prompts
state; the slips are the same sum with one thing changed. Decimals are formatted from those
fractions with Python's own rounding. Nothing here is copied from mathkit's output.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from fractions import Fraction as F

import pytest
import sympy as sp
from strategies import generous_api_budget, run_in_child  # noqa: F401  (autouse fixture)

from mathkit.exercises import check
from mathkit.exercises.model import Exercise
from mathkit.parse import ParseError, parse, reading

# ---------------------------------------------------------------------------------------------
# The data of the loss exercises, as their prompts state it, and the paper's formula by hand
# ---------------------------------------------------------------------------------------------

DATA = {  # key: (X, y, w, b, variables)
    "loss.dw": ([[2, 1], [1, 3], [3, 1]], [1, 2, 2], [1, -1], F(1, 2), "w"),
    "loss.db": ([[2, 1], [1, 3], [3, 1]], [1, 2, 2], [1, -1], F(1, 2), "b"),
    "loss.error_b": ([[1], [2]], [3, 1], [1], F(1), "b"),
    "reference.loss_dw": ([[1, 1], [-1, 1], [2, 0]], [1, 0, 1], [2, 1], F(-1), "w"),
}


def by_hand(
    key: str, *, count=lambda z: z > 0, activation=lambda z: z, factor=F(2), wrt=None
) -> list[F]:
    """(factor/N) Σ over the counted samples of (activation(zᵢ) − yᵢ) ∂zᵢ/∂θ: the paper's
    gradient by default; a slip when a part is changed (``wrt`` "w" or "b": the other one's)."""
    X, y, w, b, asked = DATA[key]
    wrt = wrt or asked
    N = len(X)
    total = [F(0)] * (len(w) if wrt == "w" else 1)
    for x, target in zip(X, y, strict=True):
        z = sum(F(wj) * xj for wj, xj in zip(w, x, strict=True)) + b
        if not count(z):
            continue
        error = activation(z) - target
        slope = x if wrt == "w" else [1]
        total = [t + error * s for t, s in zip(total, slope, strict=True)]
    return [factor / N * t for t in total]


def every(z):
    return True


def relu(z):
    return max(z, F(0))


def written(values: list, sign: int = 1) -> str:
    """A row as a learner types it with fractions: ``[5/3, 2/3]``; one number alone."""
    parts = [str(sign * v) for v in values]
    return parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]"


def rounded(value: F, digits: int, mode=ROUND_HALF_EVEN) -> str:
    """``value`` to ``digits`` significant digits as a decimal (Python's decimal rounding)."""
    d = as_decimal(value)
    if d == 0:
        return "0.0"
    exponent = d.adjusted() - digits + 1
    return str(d.quantize(Decimal(1).scaleb(exponent), rounding=mode))


def as_decimal(value: F) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def decimals(values: list[F], digits: int, mode=ROUND_HALF_EVEN) -> str:
    parts = [rounded(v, digits, mode) for v in values]
    return parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]"


def test_the_hand_derivation_is_the_papers_numbers():
    """The reference itself, checked against the numbers worked out on paper for loss.dw:
    z = 3/2, −3/2, 5/2 (the second sample inactive), errors 1/2 and 1/2."""
    assert by_hand("loss.dw") == [F(5, 3), F(2, 3)]
    assert by_hand("loss.db") == [F(2, 3)]
    assert by_hand("loss.error_b") == [F(1)]
    assert by_hand("reference.loss_dw") == [F(10, 3), F(2, 3)]


# ---------------------------------------------------------------------------------------------
# 1. Decimals: the value rounded to the digits typed, at least 3 significant digits
# ---------------------------------------------------------------------------------------------

FRACTION_KEYS = ["loss.dw", "loss.db", "reference.loss_dw"]  # loss.error_b's answer is 1


@pytest.mark.parametrize("key", FRACTION_KEYS)
@pytest.mark.parametrize("digits", [3, 4, 6])
def test_a_correctly_rounded_decimal_is_right_and_the_exact_value_is_named(key, digits):
    exact = by_hand(key)
    feedback = check(key, decimals(exact, digits))
    assert feedback.correct, feedback.message
    assert f"exactly {', '.join(str(v) for v in exact)}" in feedback.message
    if digits == 6:  # many digits may be cut, not rounded: Python prints 2/3 as 0.6666666666666666
        printed = written([float(v) for v in exact])
        assert check(key, printed).correct, printed


@pytest.mark.parametrize("key", ["loss.dw", "loss.db", "reference.loss_dw"])
def test_too_few_digits_is_close_and_says_what_to_give(key):
    feedback = check(key, decimals(by_hand(key), 2))
    assert not feedback.correct
    assert feedback.mistake == "rounding"
    assert "Close" in feedback.message and "3 significant digits" in feedback.message


@pytest.mark.parametrize("key", ["loss.dw", "loss.db", "reference.loss_dw"])
def test_a_decimal_cut_instead_of_rounded_is_close_not_right(key):
    exact = by_hand(key)
    cut = decimals(exact, 4, ROUND_DOWN)
    assert cut != decimals(exact, 4)  # 1.666 is not 1.667: the test means something
    feedback = check(key, cut)
    assert not feedback.correct
    assert feedback.mistake == "rounding" and "last digit" in feedback.message


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("loss.dw", "[1.670, 0.6670]"),  # 4 digits typed: 1.670 is not 5/3 to 4 digits
        ("loss.dw", "[1.66, 0.67]"),
        ("loss.dw", "[1.6, 0.6]"),
        ("loss.db", "0.66"),
        ("loss.db", "0.7"),
        ("reference.loss_dw", "[3.3, 0.7]"),
    ],
)
def test_wrong_decimals_are_never_right_while_right_ones_are(key, answer):
    assert check(key, decimals(by_hand(key), 3)).correct  # the rule accepts decimals at all
    assert not check(key, answer).correct


VALUE = Exercise(
    key="demo.slope",
    kind="value",
    title="a slope at a point",
    prompt="d/dx of x²/3 at x = 1",
    functions="x^2/3",
    variables="x",
    wrt="x",
    at=(("x", 1),),
)  # by hand: 2x/3 at x = 1 is 2/3


@pytest.mark.parametrize(
    ("answer", "right", "mistake"),
    [
        ("0.667", True, None),
        ("0.6667", True, None),
        ("0.67", False, "rounding"),
        ("0.666", False, "rounding"),
    ],
)
def test_the_same_rule_marks_a_value_at_a_point(answer, right, mistake):
    feedback = check(VALUE, answer)
    assert (feedback.correct, feedback.mistake) == (right, mistake)
    if answer == "0.667":
        assert "exactly 2/3" in feedback.message


def test_a_decimal_is_shown_as_typed_in_what_was_understood():
    feedback = check("loss.dw", "[1.67, 0.667]")
    assert feedback.correct and "1.67" in feedback.understood and "167" not in feedback.understood


# ---------------------------------------------------------------------------------------------
# 2. Lists as people type them
# ---------------------------------------------------------------------------------------------

ACCEPTED = [
    ("loss.dw", "2/3*[5/2, 1]"),  # the paper's (2/N) Σ, factored
    ("loss.dw", "2/3*[2.5, 1]"),
    ("loss.dw", "2/3 [5/2, 1]"),
    ("loss.dw", "[5, 2]/3"),
    ("loss.dw", "[5/3; 2/3]ᵀ"),  # the transpose of a column is the row
    ("loss.dw", "[[5/3], [2/3]]^T"),
    ("reference.loss_dw", "2/3*[5, 1]"),
    ("gradients.3x2y", "x*[6y, 3x]"),  # ∇(3x²y) = [6xy, 3x²]
    ("gradients.3x2y", "3x*[2y, x]"),
    ("jacobian.paper", "[6xy, 3x^2; 2, 8y^7]"),  # the paper's J, MATLAB-style rows
    ("jacobian.paper", "[[6xy, 3x^2]; [2, 8y^7]]"),
    ("jacobian.paper_denominator", "[6xy, 2; 3x^2, 8y^7]"),
    ("jacobian.gradient_column", "[2xy, x^2 + 1]ᵀ"),  # ∂(x²y + y)/∂x, denominator: a column
    ("jacobian.gradient_column", "[2xy; x^2 + 1]"),
    ("generalized.identity", "[1, 0, 0; 0, 1, 0; 0, 0, 1]"),
    ("elementwise.not_diagonal", "[0, x_1; x_2, 0]"),  # ∂[w₂x₁, w₁x₂]/∂w
    ("elementwise.not_diagonal", "[0, x1; x2, 0;]"),
    ("loss.dw", "［5/3，2/3］"),  # full-width punctuation, as a CJK keyboard types it
    ("loss.dw", "[5/3；2/3]ᵀ"),
]


@pytest.mark.parametrize(("key", "answer"), ACCEPTED)
def test_right_answers_written_another_valid_way_are_right(key, answer):
    feedback = check(key, answer)
    assert feedback.correct, feedback.message


SHAPE_SLIPS = [  # read, then judged by their shape: a column where the paper has a row
    ("loss.dw", "[5/3; 2/3]"),
    ("loss.dw", "[5/3, 2/3]^T"),
    ("loss.dw", "[5/3, 2/3]ᵀ"),
    ("reference.loss_dw", "[10/3; 2/3]"),
]


@pytest.mark.parametrize(("key", "answer"), SHAPE_SLIPS)
def test_a_column_typed_with_semicolons_or_a_transpose_is_a_column(key, answer):
    feedback = check(key, answer)
    assert not feedback.correct
    assert feedback.mistake == "column_for_row"
    assert "row" in feedback.message and "∂C/∂w" in feedback.message


SAYS_WHAT_TO_TYPE = [
    ("loss.dw", "[5/3 2/3]", "[5/3, 2/3]"),
    ("gradients.3x2y", "[6xy 3x^2]", "[6xy, 3x^2]"),
    ("loss.dw", "[5/3 -2/3]", "[5/3, -2/3]"),
    ("jacobian.paper", "[6xy 3x^2; 2 8y^7]", "[6xy, 3x^2; 2, 8y^7]"),
    ("loss.dw", "[5/3, 2/3]'", "ᵀ"),
    ("loss.dw", "[5/3, 1] + [0, -1/3]", "one list"),
    ("gradients.3x2y", "x[6y, 3x]", "x*[a, b]"),
    ("loss.db", "2/3; 1", "[a, b; c, d]"),
]


@pytest.mark.parametrize(("key", "answer", "advice"), SAYS_WHAT_TO_TYPE)
def test_unread_list_syntax_says_what_to_type(key, answer, advice):
    feedback = check(key, answer)
    assert (feedback.correct, feedback.mistake) == (False, "parse_error")
    assert advice in feedback.message
    assert "2*3" not in feedback.message  # no advice for a product inside a list
    assert len(feedback.message) < 120


def test_a_tuple_is_a_list():
    assert check("loss.dw", "(5/3, 2/3)").correct
    assert check("jacobian.paper", "((6xy, 3x^2), (2, 8y^7))").correct
    assert check("loss.dw", "(5/3; 2/3)").mistake == "parse_error"
    assert "[" in check("loss.dw", "(5/3; 2/3)").message


# ---------------------------------------------------------------------------------------------
# 3. Implicit products read the same way everywhere, and echoed
# ---------------------------------------------------------------------------------------------


def test_numbered_names_multiply_like_letters_and_are_echoed():
    w1, x1, w2, x2 = sp.symbols("w_1 x_1 w_2 x_2")
    assert parse("w1x1 + w2x2", "w1 w2 x1 x2") == w1 * x1 + w2 * x2
    assert reading("w1x1 + w_2x_2", "w1 w2 x1 x2") == "w1·x1 + w_2·x_2"
    with pytest.raises(ParseError):
        parse("w1x1", "w1 w2")  # x1 is not one of the names: refused, never guessed


def test_a_jacobian_of_numbered_variables_reads_their_products():
    # J of [x1², x1 x2 x3, sin x3] by hand: rows [2x1, 0, 0], [x2x3, x1x3, x1x2], [0, 0, cos x3]
    answer = "[[2x1, 0, 0], [x2x3, x1x3, x1x2], [0, 0, cos(x3)]]"
    feedback = check("generalized.three_by_three", answer)
    assert feedback.correct, feedback.message
    assert feedback.reading == "[[2·x1, 0, 0], [x2·x3, x1·x3, x1·x2], [0, 0, cos(x3)]]"


def test_matlab_rows_are_echoed_as_read():
    feedback = check("jacobian.paper", "[6xy, 3x^2; 2, 8y^7]")
    assert feedback.correct
    assert feedback.reading == "[6·x·y, 3·x^2; 2, 8·y^7]"


# ---------------------------------------------------------------------------------------------
# 4. The loss gradient's slips, alone and together, named in the exercise's symbols
# ---------------------------------------------------------------------------------------------


def slip(key, *, sign=1, missing=None, case=None) -> str:
    """The answer a slip gives, by hand: ``missing`` the "2/N", "1/N" or "2" in front;
    ``case`` "outside" (every sample active with its z) or "inactive" (every sample counted, with
    its activation max(0, z))."""
    N = len(DATA[key][0])
    factor = {None: F(2), "2/N": F(N), "1/N": F(2 * N), "2": F(1)}[missing]
    count, activation = {
        None: (lambda z: z > 0, lambda z: z),
        "outside": (every, lambda z: z),
        "inactive": (every, relu),
    }[case]
    return written(by_hand(key, count=count, activation=activation, factor=factor), sign)


SLIPS = [  # key, the slips (as `slip` takes them), the mistake code, words the message must have
    ("loss.dw", {"sign": -1, "missing": "2/N"}, "error_sign", ["sign", "2/N", "Two slips"]),
    ("loss.dw", {"sign": -1, "missing": "1/N"}, "error_sign", ["sign", "1/N"]),
    ("loss.dw", {"case": "outside", "missing": "2/N"}, "case_outside_sum", ["inside", "2/N"]),
    ("loss.dw", {"case": "outside"}, "case_outside_sum", ["[1, 3]ᵀ", "-3/2"]),
    ("loss.dw", {"case": "inactive"}, "inactive_counted", ["[1, 3]ᵀ", "slope is 0"]),
    ("loss.dw", {"case": "inactive", "missing": "2/N"}, "inactive_counted", ["slope is 0", "2/N"]),
    ("loss.dw", {"case": "inactive", "sign": -1}, "inactive_counted", ["slope is 0", "sign"]),
    ("loss.db", {"case": "outside", "sign": -1, "missing": "2/N"}, "case_outside_sum", ["Three"]),
    ("reference.loss_dw", {"sign": -1, "missing": "2/N"}, "error_sign", ["sign", "2/N"]),
    ("reference.loss_dw", {"case": "outside"}, "case_outside_sum", ["[-1, 1]ᵀ", "≤ 0"]),
    ("loss.error_b", {"sign": -1, "missing": "1/N"}, "error_sign", ["sign", "1/N"]),
    ("loss.error_b", {"missing": "2"}, "factor", ["The 2"]),
]


@pytest.mark.parametrize(("key", "slips", "code", "words"), SLIPS)
def test_each_slip_and_combination_is_named(key, slips, code, words):
    answer = slip(key, **slips)
    assert answer != written(by_hand(key))  # a slip that changes nothing is no test
    feedback = check(key, answer)
    assert not feedback.correct
    assert feedback.mistake == code, feedback.message
    for word in words:
        assert word in feedback.message, (word, feedback.message)


def test_a_slip_typed_in_decimals_is_named_the_same_way():
    minus = decimals([-v for v in by_hand("loss.dw")], 3)  # [-1.67, -0.667]
    assert check("loss.dw", minus).mistake == "error_sign"


def test_two_slips_with_the_same_number_are_both_named():
    """On loss.db, −2/3 is both the sign flipped and the inactive sample counted with 0 − y₂."""
    flipped = slip("loss.db", sign=-1)
    assert flipped == slip("loss.db", case="inactive")  # by hand: the coincidence is real
    message = check("loss.db", flipped).message
    assert "sign" in message and "slope is 0" in message


@pytest.mark.parametrize(
    ("key", "answer", "code", "named"),
    [
        ("loss.dw", written(by_hand("loss.db")), "other_parameter", "∂C/∂b"),  # b's for w's
        ("loss.db", written(by_hand("loss.dw")), "other_parameter", "∂C/∂w"),
        ("loss.dw", written(by_hand("loss.db") * 2), "input_missing", "xᵢ"),  # no xᵢ: each is ∂C/∂b
        ("loss.error_b", written(by_hand("loss.error_b", wrt="w")), "other_parameter", "∂C/∂w"),
    ],
)
def test_the_other_parameters_gradient_is_named(key, answer, code, named):
    feedback = check(key, answer)
    assert (feedback.correct, feedback.mistake) == (False, code)
    assert named in feedback.message


# ---------------------------------------------------------------------------------------------
# 5. The adversary: new syntax, hostile sizes, within the budget, never a traceback
# ---------------------------------------------------------------------------------------------

HOSTILE = [
    "[" + "1;" * 600 + "1]",
    "[" + "1 " * 600 + "]",
    "[" + "[1];" * 300 + "]",
    "ᵀ" * 500,
    "[1]" + "ᵀ" * 500,
    "[1, 2]" + "^T" * 300,
    "[[" * 40 + "1;2" + "]]" * 40,
    "(" * 40 + "[1, 2]" + ")" * 40,
    "2*" * 300 + "[1, 2]",
    "[1, 2]" + "/3" * 300,
    "9^99*[1, 2]",
    "[9^50, 1]*9^50",
    "[1, 2]/0",
    "[1, 2]/(1 - 1)",
    "[1, 2].__class__",
    "[1, 2].T.T.__class__",
    "[1,2]ᵀ.__class__.__bases__",
    "[x2x3x1w1" * 40 + "]",
    "[" + "1.0000000000001, " * 19 + "1]",
    "[1e-300, 1]",
    "[1" + "0" * 400 + ", 1]",
    "[5/3; 2/3" + "; 1" * 30 + "]",
    "[１, ２]",
    "[5/3, 2/3]ᵀ" * 50,
    "[" + ";" * 500 + "]",
    "0e-99999999",  # read exactly, 10^99999999 would be built: once over the budget
    "[1e-999999, 1]",
    "0." + "0" * 1900 + "1",
    "[5/3, 2/3]" + "'" * 500,
]

FAIR = [  # new ways to write the right ∂C/∂w of loss.dw, in the same child: read, not refused
    "2/3*[5/2, 1]",
    "[5/3; 2/3]ᵀ",
    "[1.6667, 0.6667]",
    "(((2/3)))*((([5/2, 1])))",
    "[[5/3], [2/3]]^T",
]

CHILD = """
import json, sys, time
from mathkit.exercises import check
check("loss.dw", "[5/3, 2/3]")  # warm up
for key, text in json.load(sys.stdin):
    print(json.dumps({"started": [key, text]}), flush=True)
    start = time.perf_counter()
    try:
        outcome = "right" if check(key, text).correct else "refused"
    except ValueError as error:  # TooSlow: over the budget, stopped
        outcome = type(error).__name__
    except BaseException as error:
        outcome = f"raw {type(error).__name__}: {error}"
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "outcome": outcome}), flush=True)
"""
BUDGET = 1.0  # mathkit.budget's, in a fresh process
SLACK = 0.5  # for the budget's own exception to arrive


def test_hostile_list_syntax_is_refused_within_the_budget_and_fair_syntax_read():
    keys = ("loss.dw", "jacobian.paper", "neuron.relu_at_2")
    pairs = [(key, text) for text in HOSTILE for key in keys] + [("loss.dw", t) for t in FAIR]
    records = run_in_child(CHILD, pairs, timeout=60 + 3 * len(pairs))
    outcomes = {(key, text[:40]): r for (key, text), r in zip(pairs, records, strict=True)}
    wanted = {(key, text[:40]): "right" if text in FAIR else "refused" for key, text in pairs}
    assert {k: r["outcome"] for k, r in outcomes.items()} == wanted
    assert {k: r["seconds"] for k, r in outcomes.items() if r["seconds"] > BUDGET + SLACK} == {}


# ---------------------------------------------------------------------------------------------
# 6. Cousins found while hunting: decimal commas, trailing zeros, shapes and cases in words
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "answer", "point"),
    [("loss.dw", "[1,67, 0,667]", "1.67"), ("loss.db", "0,667", "0.667")],
)
def test_a_decimal_comma_is_told_to_be_a_point(key, answer, point):
    feedback = check(key, answer)
    assert feedback.mistake == "parse_error" and point in feedback.message


def test_a_trailing_zero_claims_a_digit():
    """0.6670 says 2/3 to 4 digits, which is 0.6667: close, not right, not a generic "Not yet"."""
    assert rounded(F(2, 3), 4) == "0.6667"
    feedback = check("loss.db", "0.6670")
    assert (feedback.correct, feedback.mistake) == (False, "rounding")


# ∂(3x²y)/∂[x, y] in denominator layout is n × m = 2 × 1 (by hand: 2 variables, 1 function)
@pytest.mark.parametrize("answer", ["2-by-1", "2 rows, 1 column", "a 2 × 1 matrix", "2 and 1"])
def test_a_shape_in_words_is_read(answer):
    assert check("shapes.gradient_denominator", answer).correct


# [cos t, sin t] is a vector function of a scalar: the paper's case 3
@pytest.mark.parametrize("answer", ["Case III", "three", "(3)", "3)", "#3"])
def test_a_case_in_words_or_numerals_is_read(answer):
    assert check("shapes.case_circle", answer).correct


@pytest.mark.parametrize("answer", ["iv", "case IV", "four"])
def test_a_wrong_case_in_words_is_diagnosed_not_refused(answer):
    feedback = check("shapes.case_circle", answer)
    assert (feedback.correct, feedback.mistake) == (False, "case")


def test_a_column_of_decimals_is_quoted_as_typed():
    feedback = check("loss.dw", "[1.67; 0.667]")
    assert feedback.mistake == "column_for_row" and "1.67" in feedback.message


# y = [w₂x₁, w₁x₂] (notebook 07's counterexample): by hand ∂y/∂w = [[0, x₁], [x₂, 0]], not diagonal
@pytest.mark.parametrize("answer", ["[[x1, 0], [0, x2]]", "[x_2, 0; 0, x_1]"])
def test_a_diagonal_typed_for_a_non_diagonal_jacobian_names_the_condition(answer):
    feedback = check("elementwise.not_diagonal", answer)
    assert (feedback.correct, feedback.mistake) == (False, "diagonal_assumed")
    assert "y₁ = w₂x₁ depends on w₂" in feedback.message


def test_diag_in_an_entries_answer_says_to_type_the_entries():
    feedback = check("elementwise.not_diagonal", "diag(x)")
    assert feedback.mistake == "parse_error" and "[[a, 0], [0, b]]" in feedback.message


@pytest.mark.parametrize(
    ("answer", "quoted", "ratio"),
    [
        ("[1.99, 8y^7]", "1.99", "0.995"),  # 1.99 / 2, by hand
        ("[2, 6.4y^7]", "6.4y⁷", "0.8"),  # 6.4 / 8
    ],
)
def test_a_coefficient_slip_quotes_the_typed_decimal_and_the_ratio_as_a_decimal(
    answer, quoted, ratio
):
    # g = 2x + y⁸, so ∇g = [2, 8y⁷]: the slip is a coefficient, named in the learner's decimals
    feedback = check("gradients.g", answer)
    assert not feedback.correct and feedback.mistake == "factor"
    assert f"({quoted} is {ratio} times the right one)" in feedback.message, feedback.message
    assert "/100" not in feedback.message and "/200" not in feedback.message


# ---------------------------------------------------------------------------------------------
# ReLU's slope at its corner: the slips named, words read
# ---------------------------------------------------------------------------------------------
# By hand: max(0, z) has slope 0 for z < 0 and 1 for z > 0; at z = 0 the paper's convention
# takes 0 (the left piece). A central difference at 0 gives (1 + 0)/2 = 1/2.


@pytest.mark.parametrize(
    ("answer", "mistake", "words"),
    [
        ("1", "other_piece", ["slope of the piece where z > 0", "convention"]),
        ("1/2", "corner_average", ["average of the two one-sided slopes (0 and 1)", "central"]),
        ("0.5", "corner_average", ["average"]),
    ],
)
def test_a_slip_at_relus_corner_is_named(answer, mistake, words):
    feedback = check("neuron.relu_at_0", answer)
    assert not feedback.correct and feedback.mistake == mistake, feedback
    assert all(w in feedback.message for w in words), feedback.message


@pytest.mark.parametrize("answer", ["undefined", "Does not exist.", "DNE", "nan"])
def test_undefined_at_the_corner_is_half_right_and_asks_for_the_convention(answer):
    feedback = check("neuron.relu_at_0", answer)
    assert not feedback.correct
    assert "(0 and 1) disagree" in feedback.message and "convention" in feedback.message


def test_undefined_where_the_function_is_smooth_says_the_slope_exists():
    feedback = check("neuron.relu_at_2", "undefined")
    assert not feedback.correct and "exists" in feedback.message


@pytest.mark.parametrize(
    ("key", "answer", "right"),
    [
        ("neuron.relu_at_0", "zero", True),
        ("neuron.relu_at_2", "One", True),
        ("neuron.relu_at_minus1", "zero", True),
        ("neuron.relu_at_2", "zero", False),
    ],
)
def test_a_number_word_is_its_number(key, answer, right):
    assert check(key, answer).correct is right


# ---------------------------------------------------------------------------------------------
# Two partials typed in each other's places
# ---------------------------------------------------------------------------------------------
# By hand (the paper's example): f = [3x²y, 2x + y⁸]ᵀ, J = [[6xy, 3x²], [2, 8y⁷]] in numerator
# layout (rows f₁, f₂; columns x, y); denominator layout is Jᵀ = [[6xy, 2], [3x², 8y⁷]].


@pytest.mark.parametrize(
    ("key", "answer", "names", "words"),
    [
        ("jacobian.paper", "[[3x^2, 6xy], [2, 8y^7]]", ("∂f₁/∂x", "∂f₁/∂y"), "one variable"),
        ("jacobian.paper", "[[6xy, 3x^2], [8y^7, 2]]", ("∂f₂/∂x", "∂f₂/∂y"), "one variable"),
        ("jacobian.paper", "[[2, 3x^2], [6xy, 8y^7]]", ("∂f₁/∂x", "∂f₂/∂x"), "one function"),
        (
            "jacobian.paper_denominator",
            "[[3x^2, 2], [6xy, 8y^7]]",
            ("∂f₁/∂x", "∂f₁/∂y"),
            "each row holds the partials with respect to one variable",
        ),
    ],
)
def test_two_partials_in_each_others_places_are_named_as_swapped(key, answer, names, words):
    feedback = check(key, answer)
    assert not feedback.correct and feedback.mistake == "entries_swapped", feedback
    assert all(n in feedback.message for n in names) and words in feedback.message


@pytest.mark.parametrize("answer", ["eye(3)", "diag(1, 1, 1)", "diag(1,1,1)ᵀ", "2I - I"])
def test_the_identity_jacobian_in_a_closed_form_is_right(answer):
    # f(x) = x with x = [x₁, x₂, x₃]ᵀ: ∂fᵢ/∂xⱼ is 1 when i = j, else 0 (by hand): the 3 × 3 I
    assert check("generalized.identity", answer).correct


@pytest.mark.parametrize("answer", ["eye(2)", "diag(1, 2, 1)", "diag(1, 1)"])
def test_a_wrong_closed_form_in_an_entries_answer_is_wrong(answer):
    assert not check("generalized.identity", answer).correct
