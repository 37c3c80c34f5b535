"""Reading the Voilà page: the app view a class sees on the projector (outputs only).

- :func:`open_voila` - load a page; Voilà executes the notebook while it streams it;
- :func:`voila_problems`, :func:`wait_until_voila_settled` - what the class would see go wrong,
  as :class:`problems.Problem` records: a cell that raised, code on screen, a widget that did not
  display, math left untypeset, a MathJax error. (The server's log holds the tracebacks Voilà
  hides: :func:`servers.voila_log_errors`.)
"""

from __future__ import annotations

import re
import time

import problems as pb
from notebook_files import has_math

RENDER_TIMEOUT = 180.0  # seconds for Voilà to execute and stream one notebook

VOILA_ERROR = "There was an error when executing cell"
_WIDGET_OUTPUT = re.compile(r'"application/vnd\.jupyter\.widget-view\+json"\s*:\s*\{\s*"model_id"')

_VOILA_JS = r"""() => {
  const cells = [...document.querySelectorAll('[cell-index]')].map(w => ({
    index: Number(w.getAttribute('cell-index')),
    math: w.querySelectorAll('mjx-container').length,
  }));
  const shown = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')]
    .filter(w => w.getBoundingClientRect().height > 0).length;
  const code = document.querySelectorAll(
    '.jp-CodeCell:not(.jp-mod-noInput), .jp-InputArea-editor, .cm-editor, .CodeMirror').length;
  const widgetFailures = [...document.querySelectorAll('.jp-OutputArea-output')]
    .map(o => o.innerText).filter(t => /Error displaying widget|model not found/i.test(t))
    .map(t => t.slice(0, 200));
  const mathErrors = [...document.querySelectorAll('mjx-merror')]
    .map(e => e.textContent.slice(0, 200));
  return {cells, shown, code, widgetFailures, mathErrors, text: document.body.innerText};
}"""


def _latex_output_cells(sent_html: str) -> list[int]:
    """The cells (``cell-index``, from 1) whose outputs, as Voilà sent them, include LaTeX."""
    chunks = re.split(r'<div cell-index="(\d+)">', sent_html)
    return [
        int(i)
        for i, chunk in zip(chunks[1::2], chunks[2::2], strict=True)
        if '"text/latex"' in chunk
    ]


def open_voila(page, url: str) -> tuple[float, str]:
    """Load a Voilà page; returns (seconds until the whole notebook was executed and streamed,
    the HTML Voilà sent, which lists every output, widget views included)."""
    start = time.perf_counter()
    response = page.goto(url, wait_until="load", timeout=RENDER_TIMEOUT * 1000)
    assert response is not None and response.ok, f"Voilà answered {response and response.status}"
    return time.perf_counter() - start, response.text()


def voila_problems(
    page, sent_html: str, source_cells: list[dict] | None = None
) -> list[pb.Problem]:
    """What the class would see go wrong: a cell that raised, code on screen, a widget that did
    not display, math left untypeset, a MathJax error."""
    state = page.evaluate(_VOILA_JS)
    found: list[pb.Problem] = []
    errors = re.findall(re.escape(VOILA_ERROR) + r" \[\d+\]", state["text"] + sent_html)
    found += [pb.Problem(pb.ERROR, None, error) for error in dict.fromkeys(errors)]
    if state["code"]:
        found.append(
            pb.Problem(pb.CODE_SHOWN, None, f"{state['code']} code editor(s) or input(s) shown")
        )
    expected = len(_WIDGET_OUTPUT.findall(sent_html))
    if state["shown"] < expected:
        found.append(
            pb.Problem(
                pb.WIDGET_MISSING,
                None,
                f"the notebook displays {expected} widget(s) but shows {state['shown']}",
            )
        )
    found += [pb.Problem(pb.WIDGET_FAILURE, None, t) for t in state["widgetFailures"]]
    found += [pb.Problem(pb.MATH_ERROR, None, repr(t)) for t in state["mathErrors"]]
    if source_cells is not None:
        if len(state["cells"]) < len(source_cells):
            found.append(
                pb.Problem(
                    pb.CELL_COUNT,
                    None,
                    f"Voilà showed {len(state['cells'])} of {len(source_cells)} cells",
                )
            )
        math = {c["index"]: c["math"] for c in state["cells"]}  # cell-index counts from 1
        for i, cell in enumerate(source_cells):
            if has_math(cell) and math.get(i + 1, 1) == 0:
                found.append(pb.Problem(pb.UNTYPESET, i + 1, "its Markdown LaTeX"))
    for index in _latex_output_cells(sent_html):
        if next((c["math"] for c in state["cells"] if c["index"] == index), 1) == 0:
            found.append(pb.Problem(pb.UNTYPESET, index, "its LaTeX output"))
    return found


def wait_until_voila_settled(
    page, sent_html: str, source_cells: list[dict] | None = None, timeout: float = 30.0
) -> list[pb.Problem]:
    """Wait (bounded) for widgets and MathJax; return the problems that remain."""
    return pb.settle(lambda: voila_problems(page, sent_html, source_cells), timeout)
