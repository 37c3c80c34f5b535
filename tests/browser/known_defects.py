"""Browser tests that fail today for a known, named defect: each is marked
``xfail(strict=True)`` with the defect as its reason, one exact test id at a time (a notebook
and a screen size), so the rest of the suite stays green and each mark turns into a failure
(XPASS, strict) the day its defect is fixed - then delete its line here.

The checks themselves are not weakened: a test listed here still runs its full check.
"""

from __future__ import annotations

import pytest

_PRINTED_LINES = (
    "{nb}: lines written with print() are plain-text stream output, which {front} draws in a "
    "<pre> that breaks words anywhere (word-break: break-all); {cells} print long lines that "
    "wrap mid-word at this width (fix: show them through an object with an HTML repr, as "
    "ShapeCase and JacobianCheck now have)"
)
_CELLS_05 = "the four print(shape_case(...).explanation) cells and the shapes loop"
_CELLS_06 = "the loop printing each case's rule"

# test id (file::test[params]) -> the defect that makes it fail
KNOWN_DEFECTS: dict[str, str] = {}
for _front, _file, _test in (
    ("JupyterLab", "test_lab_notebooks.py", "test_notebook_fits_in_jupyterlab"),
    ("Voilà", "test_voila.py", "test_notebook_fits_in_voila"),
):
    for _size in ("800", "projector"):
        KNOWN_DEFECTS[f"{_file}::{_test}[05-four-shape-cases.ipynb-{_size}]"] = (
            _PRINTED_LINES.format(nb="05", front=_front, cells=_CELLS_05)
        )
        KNOWN_DEFECTS[f"{_file}::{_test}[06-summary-and-self-test.ipynb-{_size}]"] = (
            _PRINTED_LINES.format(nb="06", front=_front, cells=_CELLS_06)
        )


def mark(items) -> None:
    """Mark each collected test listed in :data:`KNOWN_DEFECTS` as a strict xfail."""
    for item in items:
        key = item.nodeid.rsplit("/", 1)[-1]
        if key in KNOWN_DEFECTS:
            item.add_marker(pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[key]))
