"""Screenshots of the explorers at the sizes a learner and a teacher really have.

    .venv/bin/python tools/screenshots.py                  # writes docs/screenshots/
    .venv/bin/python tools/screenshots.py --out /tmp/shots --voila
    .venv/bin/python tools/screenshots.py --out /tmp/shots --notebook 09-chain-rules.ipynb

For each size of ``tests/browser/layout.py`` (800 px wide; a projector, 1024 × 768 at 150 %,
that is 683 × 512 CSS px drawn at device scale 1.5) it opens the generated explorer notebook in
JupyterLab with the file browser open, runs it, and saves each explorer's output as
``<name>-explorer-<size>.png`` (e.g. ``jacobian-explorer-800.png``,
``jacobian-explorer-projector.png``), and the whole window as the learner sees it, file
browser included (``window-800.png``, ``window-projector.png``); the same for part 2's
explorers (vector, chain stepper, training; ``window-part2-<size>.png``). With ``--voila`` it also
saves the same from the Voilà app view as ``<name>-explorer-<size>-voila.png``. It prints
what does not fit at each size (the browser tests' check), so pictures and check agree.

With ``--notebook NAME`` (repeatable) it shoots those notebooks of notebooks/ instead: each
opened in JupyterLab with the file browser open, run, and saved whole at each size as
``<notebook>-<size>.png`` (the window made as tall as the notebook; the width, which decides the
layout, stays the size's), to look at what the checks cannot judge: overlaps, figures on a
dark theme, tables that read badly.

Uses the browser tests' helpers (tests/browser/), Debian's Chromium and temporary servers.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import chromium as ch  # noqa: E402
import jupyterlab_page as jl  # noqa: E402
import layout  # noqa: E402
import notebook_files as nf  # noqa: E402
import servers  # noqa: E402
import voila_page  # noqa: E402
import widgets  # noqa: E402
from test_lab_part2_explorers import NAMES as PART2_EXPLORERS  # noqa: E402
from test_lab_part2_explorers import PART2, write_part2_notebook  # noqa: E402

EXPLORERS = ("jacobian", "linearization", "neuron", "gradient", "shape-case")
TALL = 2400  # CSS px: a window tall enough for any explorer


def _output_of(page, name: str):
    """The output area holding explorer ``name`` (the whole width the cell gives it)."""
    box = widgets.explorer(page, name)
    return page.locator(".jp-OutputArea-output", has=box).last


def _shoot(
    page,
    folder: Path,
    size: layout.Size,
    suffix: str,
    voila: bool,
    names: tuple[str, ...] = EXPLORERS,
    window_name: str = "window",
) -> list[Path]:
    """Report what does not fit at ``size``, save a picture of the window as the learner sees
    it, then one of each explorer's whole output. (An element taller than the window is drawn
    wrongly, so for those the window is made taller: the width, which decides the layout,
    stays the same.)"""
    found = layout.fit_problems(page, voila=voila)
    print(f"  {suffix}: {len(found)} fit problem(s)")
    for problem in found:
        print(f"    {problem}")
    window = folder / f"{window_name}-{suffix}.png"
    widgets.explorer(page, names[0]).scroll_into_view_if_needed()
    page.screenshot(path=str(window))
    saved = [window]
    layout.resize(page, layout.Size(size.name, size.width, TALL, size.scale, "tall"))
    for name in names:
        target = _output_of(page, name)
        target.scroll_into_view_if_needed()
        path = folder / f"{name}-explorer-{suffix}.png"
        target.screenshot(path=str(path))
        saved.append(path)
    layout.resize(page, size)
    return saved


# The part-1 explorers (one generated notebook) and part 2's (vector, chain stepper, training:
# the notebook test_lab_part2_explorers.py generates), each with its window picture.
LAB_NOTEBOOKS = ((nf.SCRATCH, EXPLORERS, "window"), (PART2, PART2_EXPLORERS, "window-part2"))


def lab_shots(browser, root: Path, work: Path, folder: Path) -> list[Path]:
    saved = []
    with servers.jupyter_lab(root, work / "lab") as lab:
        for notebook, names, window_name in LAB_NOTEBOOKS:
            for size in layout.SIZES:
                page = ch.new_page(browser, viewport=size.viewport, scale=size.scale)
                try:
                    jl.open_notebook(page, lab, notebook)
                    jl.show_file_browser(page)
                    jl.run_all_cells(page)
                    widgets.wait_for_explorers(page, names)
                    layout.resize(page, size)
                    saved += _shoot(page, folder, size, size.name, False, names, window_name)
                finally:
                    page.context.close()
                    servers.shutdown_kernels(lab)
    return saved


def voila_shots(browser, root: Path, work: Path, folder: Path) -> list[Path]:
    saved = []
    with servers.voila(root / nf.SCRATCH, work / "voila") as server:
        for size in layout.SIZES:
            page = ch.new_page(browser, viewport=size.viewport, scale=size.scale)
            try:
                voila_page.open_voila(page, server.url)
                widgets.wait_for_explorers(page)
                layout.resize(page, size)
                saved += _shoot(page, folder, size, f"{size.name}-voila", voila=True)
            finally:
                page.context.close()
    return saved


_NOTEBOOK_HEIGHT_JS = """() => {
  const inner = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-inner');
  return inner ? Math.ceil(inner.getBoundingClientRect().height) : 0;
}"""
_TO_TOP_JS = """() => {
  const outer = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (outer) outer.scrollTop = 0;
}"""
# Displayed math in Markdown cells is not an output, so the fit check does not look at it:
# list each formula wider than its cell (MathJax draws it on one line), and whether it scrolls
# and takes keyboard focus (mathkit.css.MARKDOWN_MATH_RULES) or is cut off by the cell.
_WIDE_MARKDOWN_MATH_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')];
  const out = [];
  for (const m of document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput mjx-container[display="true"]')) {
    const math = m.querySelector('mjx-math');
    const box = m.closest('.jp-MarkdownOutput').getBoundingClientRect();
    const width = math ? math.getBoundingClientRect().width : 0;
    if (width > box.width + 1) {
      const label = (m.querySelector('mjx-assistive-mml') || m).textContent.trim().slice(0, 50);
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(m).overflowX);
      const how = scrolls && m.getAttribute('tabindex') === '0'
        ? 'scrolls, keyboard-focusable' : scrolls ? 'scrolls, NOT focusable' : 'CUT OFF';
      out.push(`cell ${cells.indexOf(m.closest('.jp-Cell'))}: ${Math.round(width)} px `
               + `in ${Math.round(box.width)} px (${how}): ${label}`);
    }
  }
  return out;
}"""
NOTEBOOK_MAX_HEIGHT = 30000  # CSS px


def notebook_shots(browser, names: list[str], work: Path, folder: Path) -> list[Path]:
    """Each notebook in ``names`` run in JupyterLab (file browser open), saved whole per size."""
    root = work / "notebook-root"
    (root / "notebooks").mkdir(parents=True)
    for name in names:
        shutil.copy(ROOT / "notebooks" / name, root / "notebooks" / name)
    saved = []
    with servers.jupyter_lab(root, work / "notebook-lab") as lab:
        for name in names:
            for size in layout.SIZES:
                page = ch.new_page(browser, viewport=size.viewport, scale=size.scale)
                try:
                    jl.open_notebook(page, lab, f"notebooks/{name}")
                    jl.show_file_browser(page)
                    jl.run_all_cells(page)
                    jl.wait_until_settled(page, nf.read_cells(root / "notebooks" / name))
                    layout.resize(page, size)
                    found = layout.fit_problems(page)
                    print(f"  {name} at {size.name}: {len(found)} fit problem(s)")
                    for problem in found:
                        print(f"    {problem}")
                    for wide in page.evaluate(_WIDE_MARKDOWN_MATH_JS):
                        print(f"    wide Markdown formula, {wide}")
                    tall = min(page.evaluate(_NOTEBOOK_HEIGHT_JS) + 200, NOTEBOOK_MAX_HEIGHT)
                    layout.resize(page, layout.Size(size.name, size.width, max(tall, size.height),
                                                    size.scale, "tall"))  # fmt: skip
                    page.evaluate(_TO_TOP_JS)
                    page.wait_for_timeout(1500)  # let MathJax typeset what came into view
                    path = folder / f"{Path(name).stem}-{size.name}.png"
                    page.screenshot(path=str(path))
                    saved.append(path)
                finally:
                    page.context.close()
                    servers.shutdown_kernels(lab)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--voila", action="store_true", help="also the Voilà app view")
    parser.add_argument(
        "--notebook", action="append", default=[], help="shoot this notebook of notebooks/ instead"
    )
    args = parser.parse_args(argv)
    executable = ch.find_chromium()
    if executable is None:
        print(f"screenshots: skipped ({ch.NO_CHROMIUM})")
        return 1
    folder = args.out.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        work = Path(tmp)
        root = work / "root"
        root.mkdir()
        nf.write_explorer_notebook(root / nf.SCRATCH)
        write_part2_notebook(root / PART2)
        with ch.chromium(executable) as browser:
            print("JupyterLab, file browser open:")
            if args.notebook:
                saved = notebook_shots(browser, args.notebook, work, folder)
                for path in saved:
                    print(f"wrote {path} ({path.stat().st_size // 1024} kB)")
                return 0
            saved = lab_shots(browser, root, work, folder)
            if args.voila:
                print("Voilà app:")
                saved += voila_shots(browser, root, work, folder)
    for path in saved:
        print(f"wrote {path} ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
