"""axe-core (bundled by the ``axe-playwright-python`` package) on a notebook page.

:func:`scan` runs axe on a page (all WCAG 2.x A/AA rules and axe's best practices, as axe runs
by default) and returns one :class:`Violation` per rule broken, with how many elements break it.
A test fails on a ``serious`` or ``critical`` violation (:func:`blocking`); every violation,
blocking or not, goes into the table the session prints and writes to ``test-output/axe.md``
(:func:`table`).

Where axe looks:

- Voilà: the whole page (Voilà shows the notebook's outputs and Markdown, nothing else).
- JupyterLab: what the open notebook shows, its outputs and rendered Markdown
  (``LAB_CONTEXT``), not Lab's own menus, toolbars, side panels and cell chrome: this project
  cannot change those (on today's Lab, axe finds unnamed code editors, "collapse heading"
  buttons without a name and a ``feed`` role missing its children there), and they would
  hide what it can.

The moderate ``region`` rule ("all page content should be contained by landmarks") fired on
every Voilà page (about 870 elements) because Voilà's default template puts the notebook in plain
``<div>`` elements with no landmark. mathkit installs its own template,
``share/jupyter/voila/templates/mathkit/`` (Voilà's ``lab`` template with ``role="main"`` on the
notebook), and selects it in ``etc/jupyter/voila.json`` (the standalone ``voila``) and
``etc/jupyter/jupyter_server_config.d/mathkit-voila.json`` (``/voila/render/`` pages on a Jupyter
server: Binder, the classroom hub). Both are pyproject data-files; ``make`` copies them into the
editable development environment. ``test_voila.py`` checks that no ``region`` finding is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BLOCKING_IMPACTS = ("serious", "critical")
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LAB_CONTEXT = {"include": [[f"{_PANEL} .jp-OutputArea-output"], [f"{_PANEL} .jp-MarkdownOutput"]]}
IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one page: by how many elements, and the first few of them."""

    rule: str
    impact: str
    count: int
    page: str
    help: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING_IMPACTS

    def __str__(self) -> str:
        where = "; ".join(self.targets)
        return f"{self.rule} ({self.impact}) ×{self.count} on {self.page}: {self.help} - {where}"


_AXE = None


def _axe():
    global _AXE
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    return _AXE


def scan(page, name: str, context: dict | None = None) -> list[Violation]:
    """Run axe on ``page`` (only inside ``context``, axe's include/exclude form, if given)."""
    results = _axe().run(page, context=context, options={"resultTypes": ["violations"]})
    return [
        Violation(
            rule=v["id"],
            impact=v.get("impact") or "minor",
            count=len(v["nodes"]),
            page=name,
            help=v.get("help", ""),
            targets=tuple(str(n["target"][-1]) for n in v["nodes"][:3]),
        )
        for v in results.response["violations"]
    ]


def blocking(violations: Iterable[Violation]) -> list[Violation]:
    """The serious and critical violations: the ones a test fails on."""
    return [v for v in violations if v.blocking]


def table(violations: Iterable[Violation]) -> str:
    """A Markdown table: rule id, impact, count, page (most severe first), then totals."""
    rows = sorted(violations, key=lambda v: (IMPACT_ORDER.get(v.impact, 9), v.rule, v.page))
    lines = ["| rule | impact | count | page |", "|---|---|---|---|"]
    lines += [f"| {v.rule} | {v.impact} | {v.count} | {v.page} |" for v in rows]
    totals: dict[tuple[str, str], int] = {}
    for v in rows:
        totals[(v.rule, v.impact)] = totals.get((v.rule, v.impact), 0) + v.count
    lines += ["", "| rule | impact | total |", "|---|---|---|"]
    lines += [f"| {rule} | {impact} | {n} |" for (rule, impact), n in totals.items()]
    return "\n".join(lines)


def write_report(violations: list[Violation], pages: list[str], path: Path) -> Path:
    """Write the table (and the pages scanned) to ``path`` as Markdown."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = [
        "# axe-core: what remains",
        "",
        f"Pages scanned ({len(pages)}): " + ", ".join(pages) + ".",
        "",
        table(violations) if violations else "No violation.",
        "",
    ]
    path.write_text("\n".join(body), encoding="utf-8")
    return path
