"""Browser tests that fail today for a known, named defect: each is marked
``xfail(strict=True)`` with the defect as its reason, one exact test id at a time (a notebook
and a screen size), so the rest of the suite stays green and each mark turns into a failure
(XPASS, strict) the day its defect is fixed - then delete its line here.

The checks themselves are not weakened: a test listed here still runs its full check.
"""

from __future__ import annotations

import pytest

# test id (file::test[params]) -> the defect that makes it fail; none known today (the printed
# lines of 05-12, which broke mid-word, are shown through mathkit.text.Lines now, and 07-12 fit
# and are axe-clean like 00-06)
KNOWN_DEFECTS: dict[str, str] = {}


def mark(items) -> None:
    """Mark each collected test listed in :data:`KNOWN_DEFECTS` as a strict xfail."""
    for item in items:
        key = item.nodeid.rsplit("/", 1)[-1]
        if key in KNOWN_DEFECTS:
            item.add_marker(pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[key]))
