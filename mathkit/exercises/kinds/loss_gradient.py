"""A "loss_gradient" answer: ∂C/∂w (a row) or ∂C/∂b (a number) of a neuron's loss, by hand.

The exercise's function is the loss written out for its data, C(w, b) = (1/N) Σᵢ (yᵢ −
max(0, w·xᵢ + b))² (:func:`mathkit.neuron.expanded_loss`), its variables ``w_1 … w_n`` or ``b``,
and ``at`` the parameters (exact numbers). The expected answer is the gradient there, in
numerator layout (∂C/∂w is 1 × n): (2/N) Σ over the *active* samples (zᵢ > 0) of eᵢ xᵢᵀ, with
eᵢ = w·xᵢ + b − yᵢ; an inactive sample adds nothing.

Diagnosed, alone or combined (each combination named part by part): the sign of the error term
(yᵢ − ŷᵢ for ŷᵢ − yᵢ: every entry negated); the case condition pulled outside the sum (every
sample counted as active with its zᵢ, the version some printings of the paper give); an inactive
sample counted with its error 0 − yᵢ though its slope is 0; the 2/N left out (or only one of
2 and 1/N). Also: a column where the paper has a row; ∂C/∂b given for ∂C/∂w (or ∂C/∂w for
∂C/∂b), or the errors added without their xᵢ; an answer that still has a variable in it; a
decimal near the right number (:mod:`mathkit.rounding`). Decimals are judged by that one rule
everywhere: ``1.67`` stands for 5/3 in a slip as in the right answer.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, NamedTuple

import sympy as sp

from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...parse import Entries
from ...render import Formula
from ...text import shape_words, text, typed
from .closed_form import vector_shape_mistake
from .matrix import (
    MatrixKind,
    as_entries,
    near_miss,
    refuse_decimal_commas,
    rounded_note,
    snapped,
    typed_text,
)
from .matrix import understood as shown_as_typed

if TYPE_CHECKING:
    from ..model import Exercise


class Sample(NamedTuple):
    """One sample of the loss as the exercise writes it: its input, target and z at the point."""

    x: tuple  # xᵢ, the coefficients of w₁ … wₙ in zᵢ
    y: sp.Expr | None  # yᵢ (None: not read)
    z: sp.Expr  # the pre-activation w·xᵢ + b, as a formula
    z_at: sp.Expr  # zᵢ at the exercise's parameters

    @property
    def shown(self) -> str:
        x = text(self.x[0]) if len(self.x) == 1 else f"[{', '.join(text(v) for v in self.x)}]ᵀ"
        return f"x = {x}" + ("" if self.y is None else f", y = {text(self.y)}")


def _relu_of(term: sp.Expr) -> sp.Max | None:
    found = [m for m in term.atoms(sp.Max) if sp.S.Zero in m.args]
    return found[0] if len(found) == 1 else None


def _inner(e: sp.Max) -> sp.Expr:
    (z,) = [a for a in e.args if a != 0]
    return z


def _weights(ex: Exercise) -> list[sp.Symbol]:
    names = [s for s in ex.F[0].free_symbols if s.name.startswith("w")]
    return sorted(names, key=sp.default_sort_key)


@lru_cache(maxsize=64)
def samples(ex: Exercise) -> tuple[Sample, ...]:
    """The samples, read back from the written-out loss: each term is (yᵢ − max(0, zᵢ))²/N."""
    out = []
    for term in sp.Add.make_args(ex.F[0]):
        relu = _relu_of(term)
        if relu is None:
            continue
        z = _inner(relu)
        x = tuple(z.coeff(w) for w in _weights(ex))
        out.append(Sample(x, _target(term, relu), z, z.subs(ex.point)))
    return tuple(out)


def _target(term: sp.Expr, relu: sp.Max) -> sp.Expr | None:
    """yᵢ of a term c·(yᵢ − max(0, zᵢ))², or None if the term is not of that form."""
    square = next((p for p in sp.Mul.make_args(term) if p.is_Pow and p.exp == 2), None)
    if square is None:
        return None
    base = square.base
    slope = base.coeff(relu)
    if slope not in (1, -1):
        return None
    return -slope * base.subs(relu, 0)


def by_hand(ex: Exercise, wrt, activation=None) -> sp.Matrix:
    """(2/N) Σᵢ (activationᵢ − yᵢ) ∂zᵢ/∂θ over the samples, a row over θ in ``wrt``, as a
    learner computes it from the samples. ``activation`` (a function of the sample) counts every
    sample with it; by default only the active samples (zᵢ > 0) count, with activationᵢ = zᵢ:
    the right gradient (the paper's §6)."""
    N = len(sp.Add.make_args(ex.F[0]))
    total = sp.zeros(1, len(wrt))
    for sample in samples(ex):
        if activation is None and sample.z_at <= 0:
            continue
        a = sample.z_at if activation is None else activation(sample)
        slope = sp.Matrix([[sample.z.coeff(v) for v in wrt]])
        total += (a - sample.y) * slope
    return total * sp.Rational(2, N)


def _all_active(F: sp.Expr) -> sp.Expr:
    """The loss with every max(0, zᵢ) replaced by zᵢ: each sample counted as active."""
    return F.replace(lambda e: isinstance(e, sp.Max) and sp.S.Zero in e.args, _inner)


class Slip(NamedTuple):
    """One way to get a wrong gradient: its code, what it does to it, and what to tell."""

    code: str
    value: sp.Matrix
    message: str


@lru_cache(maxsize=64)
def slips(ex: Exercise) -> tuple[tuple[Slip, ...], ...]:
    """Every combination of the classic slips (one, two or three at a time) whose gradient differs
    from the right one, fewest slips first: ``((slip, ...), ...)`` with each combination's parts."""
    E = ex.expected
    lhs = f"∂{ex.f_name}/∂{ex.x_label}"
    N = len(sp.Add.make_args(ex.F[0]))
    inactive = [s for s in samples(ex) if s.z_at <= 0]
    which = " and ".join(f"{s.shown} (z = w·x + b = {text(s.z_at)} ≤ 0)" for s in inactive)
    one = len(inactive) == 1
    sample_word = "the sample" if one else "the samples"
    cases: list[Slip | None] = [None]
    if any(sample.y is None for sample in samples(ex)):
        return ()
    outside = by_hand(ex, ex.x, lambda sample: sample.z_at)
    if inactive and not _same(outside, E):
        cases.append(
            Slip(
                "case_outside_sum",
                outside - E,
                f"That counts {sample_word} {which} as active, with z in place of "
                f"max(0, z): the case (active or not) belongs inside the sum, sample by sample, "
                f"and an inactive sample adds nothing to {lhs}. (Printings of the paper that "
                "pull the case outside the sum are wrong here.)",
            )
        )
    counted = by_hand(ex, ex.x, lambda sample: max(sample.z_at, 0))
    if inactive and not _same(counted, E) and not _same(counted, outside):
        cases.append(
            Slip(
                "inactive_counted",
                counted - E,
                f"That counts {sample_word} {which}, with {'its' if one else 'their'} error "
                f"0 − y: there max(0, z) is the constant 0, whose slope is 0, so an inactive "
                f"sample adds nothing to {lhs}.",
            )
        )
    sign = Slip(
        "error_sign",
        sp.Integer(-1),
        "Check the sign of the error term: C = (1/N) Σ (yᵢ − activationᵢ)², and "
        "differentiating −activationᵢ brings a minus sign, so a sample adds "
        "(activationᵢ − yᵢ), not (yᵢ − activationᵢ).",
    )
    factors = [None]
    for c, what in ((sp.Rational(N, 2), "the 2/N"), (N, "the 1/N"), (sp.Rational(1, 2), "the 2")):
        if c != 1:
            factors.append(
                Slip(
                    "factor",
                    c,
                    f"{what[0].upper()}{what[1:]} in front of the sum is missing: C averages over "
                    f"all N = {N} samples, and the square brings a 2.",
                )
            )
    combos = []
    for case, flipped, factor in product(cases, (False, True), factors):
        parts = tuple(p for p in (case, sign if flipped else None, factor) if p is not None)
        if parts:
            combos.append(parts)
    return tuple(sorted(combos, key=len))


def slip_value(ex: Exercise, parts: tuple[Slip, ...]) -> sp.Matrix:
    """The gradient a combination of slips gives."""
    value = ex.expected
    for part in parts:
        if part.code in ("case_outside_sum", "inactive_counted"):
            value = value + part.value
    for part in parts:
        if part.code in ("error_sign", "factor"):
            value = value * part.value
    return value


def _same(A: sp.Matrix, E: sp.Matrix) -> bool:
    return A.shape == E.shape and all(_equal(a, e) for a, e in zip(A, E, strict=True))


def _equal(a: sp.Expr, e: sp.Expr) -> bool:
    """Numbers are compared exactly (fast: a slip is tried on every combination); anything
    else by :func:`equivalent`."""
    if a.is_Rational and e.is_Rational:
        return a == e
    return equivalent(a, e)


def _other_gradient(ex: Exercise) -> tuple[str, sp.Matrix] | None:
    """The gradient with respect to the other parameters (b for w, w for b), and its name."""
    b = sp.Symbol("b")
    weights = _weights(ex)
    others = [b] if b not in ex.x and b in ex.F[0].free_symbols else weights
    if not others or set(others) & set(ex.x):
        return None
    name = "b" if others == [b] else "w"
    if any(sample.y is None for sample in samples(ex)):
        return None
    return name, by_hand(ex, others)


class LossGradientKind(MatrixKind):
    """The loss gradient at the point ``ex.at``: numbers, compared entry by entry."""

    name = "loss_gradient"
    placeholder = "numbers, e.g. [1/2, -3/4] for a row, or 5/6"
    mistakes = {
        "error_sign": "the error term's sign flipped (yᵢ − ŷᵢ for ŷᵢ − yᵢ)",
        "case_outside_sum": "the ReLU case pulled outside the sum: inactive samples counted",
        "inactive_counted": "an inactive sample counted with its error, though its slope is 0",
        "other_parameter": "∂C/∂b given for ∂C/∂w, or ∂C/∂w for ∂C/∂b",
        "input_missing": "the errors added without their inputs xᵢ (∂zᵢ/∂w = xᵢᵀ)",
        "rounding": "a decimal near the right number: too few digits, or rounded wrong",
    }

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.at:
            raise ValueError("a loss_gradient exercise names the parameters: at=(('w_1', 1), ...)")

    def read(self, ex: Exercise, raw: str) -> Entries:
        entries = super().read(ex, raw)
        refuse_decimal_commas(ex, raw, entries, len(ex.expected))
        return entries

    def expected(self, ex: Exercise) -> sp.Matrix:
        return jacobian(ex.F, ex.x).subs(ex.point)

    def wrong_case_outside(self, ex: Exercise) -> sp.Matrix:
        """∂C/∂w as if every sample were active (the case pulled outside the sum)."""
        return jacobian(_all_active(ex.F[0]), ex.x).subs(ex.point)

    def judge(self, ex: Exercise, value: sp.Matrix | Entries) -> Feedback:
        entries = as_entries(value)
        A = entries.matrix
        understood = shown_as_typed(entries)
        lhs = f"∂{ex.f_name}/∂{ex.x_label}"
        if A.free_symbols:
            names = ", ".join(text(s) for s in sorted(A.free_symbols, key=sp.default_sort_key))
            message = (
                f"Put in the numbers: {lhs} here is {shape_words(ex.expected.shape)} of numbers, "
                f"and the answer still has {names}."
            )
            return Feedback(False, message, "not_a_number", understood)
        E = ex.expected
        combos = slips(ex)
        wrong = [slip_value(ex, parts) for parts in combos]
        other = _other_gradient(ex)
        targets = [*E, *(v for W in wrong for v in W), *(other[1] if other else [])]
        A = snapped(entries, targets)
        if _same(A, E):
            shown = text(E[0] if E.shape == (1, 1) else E)
            return Feedback(True, f"{lhs} = {shown}{rounded_note(entries, E)}.", None, understood)
        found = vector_shape_mistake(A, E, ex.f_name, ex.x_label, quoted=typed_text(entries))
        if found is not None:
            return Feedback(False, found[1], found[0], understood)
        if A.shape != E.shape:
            return self._other_shape(ex, A, understood)
        if self._inputs_missing(ex, A):
            message = (
                f"Each entry is ∂{ex.f_name}/∂b: the errors were added without their inputs. "
                f"For {lhs} each active sample's error is multiplied by its xᵢᵀ "
                "(∂zᵢ/∂w = xᵢᵀ), so entry j adds eᵢ xᵢⱼ."
            )
            return Feedback(False, message, "input_missing", understood)
        matched = [parts for parts, W in zip(combos, wrong, strict=True) if _same(A, W)]
        if matched:
            return _named(matched, understood)
        if other is not None and not _same(other[1], E) and _same(A, other[1]):
            return self._other_shape(ex, A, understood)  # ∂C/∂w of one weight typed for ∂C/∂b
        close = near_miss(entries, E)
        if close is not None:
            return Feedback(False, close, "rounding", understood)
        N = len(sp.Add.make_args(ex.F[0]))
        message = (
            f"Not yet: for each sample find zᵢ = w·xᵢ + b; skip the samples with zᵢ ≤ 0; add "
            f"eᵢ xᵢᵀ (eᵢ = zᵢ − yᵢ) over the others, then multiply by 2/N (N = {N})."
            if ex.x.rows > 1 or ex.x[0].name != "b"
            else f"Not yet: add the errors eᵢ = zᵢ − yᵢ of the samples with zᵢ > 0, then multiply "
            f"by 2/N (N = {N})."
        )
        code = "entry" if len(E) == 1 else "entries"
        return Feedback(False, message, code, understood)

    @staticmethod
    def _inputs_missing(ex: Exercise, A: sp.Matrix) -> bool:
        """Every entry of ∂C/∂w is ∂C/∂b: the errors added without their xᵢ."""
        other = _other_gradient(ex)
        if other is None or other[0] != "b" or len(A) < 2:
            return False
        return _same(A, sp.ones(*A.shape) * other[1][0])

    def _other_shape(self, ex: Exercise, A: sp.Matrix, understood: str) -> Feedback:
        """An answer of another shape: the other parameter's gradient, the errors without their
        xᵢ, or just the wrong shape."""
        E = ex.expected
        lhs = f"∂{ex.f_name}/∂{ex.x_label}"
        other = _other_gradient(ex)
        if other is not None and len(A) == len(other[1]) and _same(A, other[1].reshape(*A.shape)):
            name, G = other
            what = (
                "one number: each active sample adds its error eᵢ (∂zᵢ/∂b = 1)"
                if len(E) == 1
                else f"{shape_words(E.shape)}: each active sample adds its error times its "
                f"xᵢᵀ (∂zᵢ/∂w = xᵢᵀ)"
            )
            message = f"That is ∂{ex.f_name}/∂{name}; {lhs} is {what}."
            return Feedback(False, message, "other_parameter", understood)
        message = (
            f"You typed {shape_words(A.shape)}; {lhs} is {shape_words(E.shape)} in "
            f"numerator layout (one column per {ex.x_label}ⱼ)."
        )
        return Feedback(False, message, "wrong_shape", understood)

    def solution(self, ex: Exercise) -> Formula:
        E = ex.expected
        shown = E[0] if E.shape == (1, 1) else E
        lhs = rf"\frac{{\partial {ex.f_name}}}{{\partial {ex.x_label}}}"
        return Formula(
            rf"{lhs} = {sp.latex(shown)}",
            f"∂{ex.f_name}/∂{ex.x_label} = {text(shown)} ({shape_words(E.shape)}, numerator "
            "layout)",
        )

    def explanation(self, ex: Exercise) -> str:
        return (
            "Only the samples with zᵢ = w·xᵢ + b > 0 count: each adds (2/N) eᵢ xᵢᵀ to ∂C/∂w and "
            "(2/N) eᵢ to ∂C/∂b, with eᵢ = zᵢ − yᵢ; the case stays inside the sum."
        )

    def answer_text(self, ex: Exercise) -> str:
        E = ex.expected
        if E.shape == (1, 1):
            return typed(E[0])
        return "[" + ", ".join(typed(e) for e in E) + "]"


def _named(matched: list[tuple[Slip, ...]], understood: str) -> Feedback:
    """The feedback for the slips that give the answer: the fewest; two readings both named."""
    fewest = [parts for parts in matched if len(parts) == len(matched[0])]
    readings = " Or: ".join(_told(parts) for parts in fewest[:2])
    message = readings if len(fewest) == 1 else f"Two different slips give this answer. {readings}"
    return Feedback(False, message, fewest[0][0].code, understood)


_COUNT = {2: "Two", 3: "Three"}


def _told(parts: tuple[Slip, ...]) -> str:
    """One slip's message, or a combination's, numbered: "Two slips at once: (1) … (2) …"."""
    if len(parts) == 1:
        return parts[0].message
    listed = " ".join(f"({i}) {p.message}" for i, p in enumerate(parts, 1))
    return f"{_COUNT[len(parts)]} slips at once: {listed}"
