"""Reading the JupyterLab page: open a notebook, run all its cells, read what each cell shows.

- :func:`open_notebook`, :func:`run_all_cells` - what a learner does (the Run menu);
- :func:`notebook_cells` - what each cell holds (from Lab's model) and shows (from the page);
- :func:`notebook_problems`, :func:`wait_until_settled` - what would go wrong for the learner, as
  :class:`problems.Problem` records: a cell that did not run, an error, a widget that did not
  display, math left untypeset;
- :func:`show_file_browser` - the left sidebar with the file browser open, as a learner has it.
"""

from __future__ import annotations

import itertools
import re
import time

import problems as pb
from notebook_files import has_math
from servers import Server

KERNEL_TIMEOUT = 60.0  # seconds until a notebook's kernel is idle
RUN_ALL_TIMEOUT = 180.0  # seconds for one notebook's "Run All Cells"

CURRENT_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

_CELL_STATE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const app = window.jupyterapp;
  const current = app && app.shell.currentWidget;
  const kernel = current && current.sessionContext && current.sessionContext.session
    ? current.sessionContext.session.kernel : null;
  const name = panel.querySelector('.jp-KernelName, .jp-Toolbar-kernelName');
  const kernelText = name ? name.textContent.trim() : '';
  // Lab shows "idle" for a moment before the kernel has even started: ask the session itself.
  const ready = app
    ? Boolean(kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle')
    : Boolean(indicator && indicator.getAttribute('data-status') === 'idle'
              && kernelText && !/No Kernel/.test(kernelText));
  return {
    prompts,
    status: indicator ? indicator.getAttribute('data-status') : null,
    ready,
  };
}"""


def open_notebook(page, server: Server, path: str) -> float:
    """Open ``path`` (relative to the server root) in JupyterLab; seconds until the kernel is
    idle."""
    start = time.perf_counter()
    # A new workspace each time, so Lab does not reopen the tabs of an earlier test.
    workspace = f"w{next(_WORKSPACES)}"
    page.goto(f"{server.url}lab/workspaces/{workspace}/tree/{path}", wait_until="domcontentloaded")
    page.locator(f"{CURRENT_PANEL} .jp-Notebook").first.wait_for(state="visible")
    page.wait_for_function(
        f"() => {{ const s = ({_CELL_STATE_JS})(); return s && s.ready; }}",
        timeout=KERNEL_TIMEOUT * 1000,
        polling=100,
    )
    return time.perf_counter() - start


_WORKSPACES = itertools.count(1)

_WATCH_PROMPTS_JS = r"""() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  window.__mkPromptChanges = 0;
  if (window.__mkPromptObserver) window.__mkPromptObserver.disconnect();
  window.__mkPromptObserver = new MutationObserver(mutations => {
    for (const m of mutations) {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      const prompt = el && el.closest('.jp-InputArea-prompt');
      if (prompt && /\*|\d/.test(prompt.textContent)) window.__mkPromptChanges += 1;
    }
  });
  window.__mkPromptObserver.observe(panel, {subtree: true, childList: true, characterData: true});
}"""


def run_all_cells(page, timeout: float = RUN_ALL_TIMEOUT) -> float:
    """Run → Run All Cells, then wait until no cell is running; returns the seconds it took.

    A run has started once any execution prompt changed (a MutationObserver sees even a ``[*]``
    that lasts a millisecond); if none did within 10 s, the menu is used again (Lab sometimes
    drops the command). It has finished when no prompt shows ``[*]`` and either every code cell
    has a number or the kernel has been idle for a second (a cell raised and Lab stopped).
    """
    start = time.perf_counter()
    deadline = start + timeout
    for _attempt in range(3):
        page.evaluate(_WATCH_PROMPTS_JS)
        # Command mode with the notebook focused: without it "Run All" was sometimes a no-op.
        page.locator(f"{CURRENT_PANEL} .jp-Cell .jp-InputPrompt").first.click()
        page.keyboard.press("Escape")
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        started_by = time.perf_counter() + 10.0
        while time.perf_counter() < min(started_by, deadline):
            if page.evaluate("() => window.__mkPromptChanges") > 0:
                break
            time.sleep(0.05)
        else:
            continue
        break
    else:
        raise TimeoutError("Run All Cells did not start any cell (3 tries)")
    idle_since = None
    while time.perf_counter() < deadline:
        state = page.evaluate(_CELL_STATE_JS) or {"prompts": [], "status": None}
        prompts = state["prompts"]
        running = any("*" in p for p in prompts)
        numbered = sum(bool(re.search(r"\[\d+\]", p)) for p in prompts)
        if not running and state.get("ready"):
            if numbered == len(prompts):
                return time.perf_counter() - start
            idle_since = idle_since or time.perf_counter()
            if time.perf_counter() - idle_since > 1.0:
                return time.perf_counter() - start
        else:
            idle_since = None
        time.sleep(0.1)
    raise TimeoutError(f"Run All Cells did not finish within {timeout:.0f} s")


# One entry per cell of the open notebook: what the model says (when Lab exposes its app) and
# what the page shows.
_CELLS_JS = r"""() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const app = window.jupyterapp;
  const widget = app && app.shell.currentWidget && app.shell.currentWidget.content;
  const cellWidgets = widget && widget.widgets ? widget.widgets : null;
  const nodes = cellWidgets ? cellWidgets.map(w => w.node)
                            : [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  return nodes.map((node, i) => {
    const model = cellWidgets ? cellWidgets[i].model : null;
    const type = model ? model.type
      : node.classList.contains('jp-CodeCell') ? 'code'
      : node.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw';
    const prompt = node.querySelector('.jp-InputArea-prompt');
    const outputs = model && model.outputs ? model.outputs.toJSON() : [];
    const area = node.querySelector('.jp-Cell-outputArea');
    const top = ':scope > .jp-OutputArea-child > .jp-OutputArea-output > .jupyter-widgets';
    const topWidgets = area ? [...area.querySelectorAll(top)] : [];
    const stderr = [...node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];
    const isWidget = o => Boolean(o.data && o.data['application/vnd.jupyter.widget-view+json']);
    return {
      index: i,
      type,
      source: model ? model.sharedModel.getSource().slice(0, 80) : '',
      prompt: prompt ? prompt.textContent.trim() : '',
      errors: outputs.filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`),
      widgetOutputs: outputs.filter(isWidget).length,
      latexOutputs: outputs.filter(o => Boolean(o.data && o.data['text/latex'])).length,
      widgetsShown: topWidgets.filter(w => w.getBoundingClientRect().height > 0).length,
      stderr: stderr.map(e => e.innerText.slice(0, 400)),
      widgetFailures: [...node.querySelectorAll('.jp-OutputArea-output')]
        .map(o => o.innerText).filter(t => /Error displaying widget|model not found/i.test(t))
        .map(t => t.slice(0, 200)),
      math: node.querySelectorAll('mjx-container').length,
      mathErrors: [...node.querySelectorAll('mjx-merror')].map(e => e.textContent.slice(0, 200)),
      hasApp: Boolean(cellWidgets),
    };
  });
}"""

WIDGET_ERROR = re.compile(
    r"Error displaying widget|model not found|Could not create (a )?view|Class \S+ not found"
)


def notebook_cells(page) -> list[dict]:
    """What each cell of the open notebook holds and shows (see ``_CELLS_JS``)."""
    return page.evaluate(_CELLS_JS) or []


def notebook_problems(page, source_cells: list[dict] | None = None) -> list[pb.Problem]:
    """What a learner would see go wrong in the open notebook: a code cell that did not run, an
    error, a widget that did not display, math that MathJax did not typeset (a markdown cell of
    ``source_cells`` with ``$...$`` but no rendered math), or a MathJax error."""
    found: list[pb.Problem] = []
    cells = notebook_cells(page)
    if cells and not cells[0]["hasApp"]:
        found.append(pb.Problem(pb.NO_APP, None, "window.jupyterapp is missing"))
    if source_cells is not None and len(source_cells) != len(cells):
        found.append(
            pb.Problem(
                pb.CELL_COUNT,
                None,
                f"the page shows {len(cells)} cells, the notebook has {len(source_cells)}",
            )
        )
    for cell in cells:
        number = cell["index"] + 1
        if cell["type"] == "code":
            if not re.search(r"\[\d+\]", cell["prompt"]):
                found.append(
                    pb.Problem(pb.NOT_RUN, number, f"prompt {cell['prompt']!r}: {cell['source']!r}")
                )
            found += [pb.Problem(pb.ERROR, number, f"raised {e}") for e in cell["errors"]]
            if not cell["hasApp"]:
                found += [
                    pb.Problem(pb.STDERR_TRACEBACK, number, text)
                    for text in cell["stderr"]
                    if re.search(r"Traceback|\w+Error\b", text)
                ]
            if cell["latexOutputs"] and cell["math"] == 0:
                found.append(pb.Problem(pb.UNTYPESET, number, "its LaTeX output"))
            if cell["widgetsShown"] < cell["widgetOutputs"]:
                found.append(
                    pb.Problem(
                        pb.WIDGET_MISSING,
                        number,
                        f"displays {cell['widgetOutputs']} widget(s) but shows "
                        f"{cell['widgetsShown']}",
                    )
                )
        found += [pb.Problem(pb.WIDGET_FAILURE, number, t) for t in cell["widgetFailures"]]
        found += [pb.Problem(pb.MATH_ERROR, number, repr(t)) for t in cell["mathErrors"]]
    if source_cells is not None:
        for cell, source in zip(cells, source_cells, strict=False):
            if has_math(source) and cell["math"] == 0:
                found.append(pb.Problem(pb.UNTYPESET, cell["index"] + 1, "its Markdown LaTeX"))
    return found


def wait_until_settled(
    page, source_cells: list[dict] | None = None, timeout: float = 30.0
) -> list[pb.Problem]:
    """Wait (bounded) until widgets have displayed and MathJax has typeset; return the problems
    that remain (an empty list when the notebook looks right)."""
    return pb.settle(lambda: notebook_problems(page, source_cells), timeout)


def show_file_browser(page) -> float:
    """Open the left sidebar on the file browser (as a learner has it); returns its width in
    CSS pixels. Uses Lab's own command, the one the folder icon runs."""
    page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
    browser = page.locator("#filebrowser")
    browser.wait_for(state="visible")
    return browser.bounding_box()["width"]
