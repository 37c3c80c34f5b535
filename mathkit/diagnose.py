"""Compatibility only: what ``mathkit.diagnose`` held now lives by job in three modules.

* :mod:`mathkit.equivalence`: whether two answers are equal (:func:`equivalent`);
* :mod:`mathkit.mistakes`: the likely mistake (:func:`diagnose`, :class:`Feedback`, MISTAKES);
* :mod:`mathkit.text`: learner-facing text (:func:`text`, shape and layout words, numbers).

Import from those; this module keeps old imports working while other branches still use them.
"""

from __future__ import annotations

from .equivalence import equivalent
from .mistakes import MISTAKES, Feedback, diagnose, diagnose_partial
from .text import capitalized, of_text, shape_words, text

__all__ = [
    "MISTAKES",
    "Feedback",
    "capitalized",
    "diagnose",
    "diagnose_partial",
    "equivalent",
    "of_text",
    "shape_words",
    "text",
]
