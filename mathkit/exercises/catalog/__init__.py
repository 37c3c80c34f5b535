"""The exercises of each notebook, one module per notebook, each a tuple ``EXERCISES``.

A catalog imports only the model (:class:`mathkit.exercises.model.Exercise`) and the prompt words
below; the registry in :mod:`mathkit.exercises` collects the catalogs, so no import circle forms.
Adding an exercise to a notebook touches that notebook's module only.
"""

from __future__ import annotations

from ...text import axis_meaning


def layout_words(layout: str) -> str:
    """``**numerator layout** (the paper's: one row per function)`` for a prompt."""
    which = "the paper's" if layout == "numerator" else "the transpose"
    return f"**{layout} layout** ({which}: one row per {axis_meaning(layout)[0]})"


NUMERATOR = layout_words("numerator")
DENOMINATOR = layout_words("denominator")
