"""Browser tests that fail today for a known, named defect: each is marked
``xfail(strict=True)`` with the defect as its reason, one exact test id at a time (a notebook
and a screen size), so the rest of the suite stays green and each mark turns into a failure
(XPASS, strict) the day its defect is fixed - then delete its line here.

The checks themselves are not weakened: a test listed here still runs its full check.
"""

from __future__ import annotations

import pytest

# test id (file::test[params]) -> the defect that makes it fail; none known today (05's and
# 06's printed lines, which broke mid-word, are shown through mathkit.text.Lines now)
KNOWN_DEFECTS: dict[str, str] = {}

# Open work, not yet a defect with a single cause: notebooks 07-12 (part 2, issue 11, still open)
# have not been fitted to 800 px and the projector, nor cleared of axe findings. Marked xfail
# without strict, since some of these pass already; the checks run in full and their findings are
# in test-output/fit.md and test-output/axe.md. Delete an entry once its notebook passes.
OPEN_WORK: dict[str, str] = {}
_PART2 = (
    "07-element-wise-operations.ipynb", "08-scalar-expansion-and-sums.ipynb",
    "09-chain-rules.ipynb", "10-neuron-gradient.ipynb",
    "11-loss-gradient-and-training.ipynb", "12-reference.ipynb",
)  # fmt: skip
_WHY = "issue 11 (open): part-2 notebooks and explorers not yet fitted and axe-clean"
for _nb in _PART2:
    for _file, _front in (("test_lab_notebooks.py", "jupyterlab"), ("test_voila.py", "voila")):
        OPEN_WORK[f"{_file}::test_notebook_is_accessible_in_{_front}[{_nb}]"] = _WHY
        for _size in ("800", "projector"):
            OPEN_WORK[f"{_file}::test_notebook_fits_in_{_front}[{_nb}-{_size}]"] = _WHY


def mark(items) -> None:
    """Mark each collected test listed in :data:`KNOWN_DEFECTS` as a strict xfail."""
    for item in items:
        key = item.nodeid.rsplit("/", 1)[-1]
        if key in KNOWN_DEFECTS:
            item.add_marker(pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[key]))
        elif key in OPEN_WORK:
            item.add_marker(pytest.mark.xfail(strict=False, reason=OPEN_WORK[key]))
