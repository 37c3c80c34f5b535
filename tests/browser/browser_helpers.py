"""Drive JupyterLab and Voilà in headless Chromium, the way a learner uses them.

The fixtures in ``conftest.py`` and the timings in ``benchmarks/bench_browser.py`` share these
functions, so the benchmark measures exactly what the tests exercise:

- :func:`find_chromium` - Debian's ``/usr/bin/chromium`` or ``$PLAYWRIGHT_CHROMIUM``;
- :func:`jupyter_lab` / :func:`voila` - a real server run by this interpreter on a free loopback
  port, with its own temporary HOME and Jupyter directories, stopped by its process id;
- :func:`chromium`, :func:`new_page` - one headless browser, a fresh context per page;
- :func:`open_notebook`, :func:`run_all_cells`, :func:`wait_until_settled` - what a learner does in
  JupyterLab, and what a learner would see go wrong (a cell that did not run, an error, a widget
  that did not display, math left untypeset);
- :func:`open_voila`, :func:`wait_until_voila_settled` - the same for Voilà's app view;
- :func:`save_failure_evidence` - screenshots of the page and of each explorer.

What a learner does with the explorers (and the keystroke -> Jacobian latency) is in
``learner.py``. Every wait has an explicit bound, so a broken notebook is a clear failure, never
a hang.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BINDER_OVERRIDES = ROOT / "binder" / "overrides.json"
SCREENSHOTS = ROOT / "test-output" / "screenshots"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
NO_CHROMIUM = "no Chromium: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
VIEWPORT = {"width": 1280, "height": 1000}

SERVER_START_TIMEOUT = 60.0  # seconds until a server answers
KERNEL_TIMEOUT = 60.0  # seconds until a notebook's kernel is idle
RUN_ALL_TIMEOUT = 180.0  # seconds for one notebook's "Run All Cells"
WAIT_MS = 30_000  # default Playwright wait, in milliseconds

# Settings a learner's JupyterLab gets from binder/overrides.json, plus test-only ones:
# render every cell (no virtual scrolling, so all outputs are in the DOM), no extension manager.
TEST_LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------


def find_chromium() -> str | None:
    """The Chromium executable to drive: ``$PLAYWRIGHT_CHROMIUM`` or ``/usr/bin/chromium``."""
    candidate = os.environ.get("PLAYWRIGHT_CHROMIUM") or DEFAULT_CHROMIUM
    path = Path(candidate)
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


@contextlib.contextmanager
def chromium(executable: str) -> Iterator:
    """One headless Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS, timeout=WAIT_MS * 2
        )
        try:
            yield browser
        finally:
            browser.close()


_CONSOLE_ERRORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def new_page(browser, *, block_cdn: bool = True):
    """A fresh page in its own context (no shared cookies or storage), with bounded waits.

    The page's console errors and uncaught exceptions are kept for :func:`console_errors`.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    if block_cdn:
        # Voilà asks a CDN for font CSS; offline it only clutters the console.
        page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    errors: list[str] = []
    _CONSOLE_ERRORS[page] = errors
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    return page


def console_errors(page) -> list[str]:
    """Errors the page logged to its console (blocked CDN requests left out)."""
    return [e for e in _CONSOLE_ERRORS.get(page, []) if "ERR_FAILED" not in e]


def is_page(value) -> bool:
    """Whether ``value`` is an open Playwright page."""
    from playwright.sync_api import Page

    return isinstance(value, Page) and not value.is_closed()


def save_screenshots(
    page, folder: Path, name: str, selector: str = ".mathkit-explorer"
) -> list[Path]:
    """Screenshot the whole page and each element matching ``selector`` (scrolled into view)."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with contextlib.suppress(Exception):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), timeout=10_000)
        saved.append(path)
    elements = page.locator(selector)
    with contextlib.suppress(Exception):
        for i in range(elements.count()):
            element = elements.nth(i)
            label = element_label(element) or str(i)
            path = folder / f"{name}--{i}-{label}.png"
            element.scroll_into_view_if_needed(timeout=5_000)
            element.screenshot(path=str(path), timeout=10_000)
            saved.append(path)
    return saved


def element_label(element) -> str:
    """``mathkit-jacobian-explorer`` -> ``jacobian``: the explorer's name from its CSS classes."""
    classes = element.get_attribute("class") or ""
    match = re.search(r"mathkit-([\w-]+?)-explorer", classes)
    return match.group(1) if match else ""


def save_failure_evidence(page, folder: Path, name: str) -> list[Path]:
    """What a learner saw when a test failed: screenshots, and the console's errors."""
    saved = save_screenshots(page, folder, name)
    errors = console_errors(page)
    if errors:
        path = folder / f"{name}.console.txt"
        path.write_text("\n".join(errors), encoding="utf-8")
        saved.append(path)
    return saved


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(work: Path) -> dict[str, str]:
    """Environment for a server: HOME and every Jupyter/IPython/matplotlib dir inside ``work``."""
    env = dict(os.environ)
    dirs = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter-config",
        "JUPYTER_DATA_DIR": "jupyter-data",
        "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }
    for name, sub in dirs.items():
        path = work / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("JUPYTERLAB_WORKSPACES_DIR", None)
    env.pop("JUPYTER_PATH", None)
    return env


def write_lab_settings(settings_dir: Path, extra: dict | None = None) -> None:
    """Write JupyterLab user settings: binder/overrides.json plus ``extra``, one file a plugin."""
    settings: dict[str, dict] = {}
    if BINDER_OVERRIDES.exists():
        settings.update(json.loads(BINDER_OVERRIDES.read_text(encoding="utf-8")))
    else:  # the same news pop-up switch binder/overrides.json carries
        settings["@jupyterlab/apputils-extension:notification"] = {
            "fetchNews": "false",
            "checkForUpdates": False,
        }
    for plugin, values in (extra or {}).items():
        settings.setdefault(plugin, {}).update(values)
    for plugin, values in settings.items():
        package, _, name = plugin.partition(":")
        path = settings_dir / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


@dataclass
class Server:
    """A running JupyterLab or Voilà: its base ``url`` (ends with ``/``), process and log."""

    url: str
    process: subprocess.Popen
    log: Path
    started_in: float  # seconds from launch until it answered
    target: Path | None = None  # what it serves: Lab's root folder, Voilà's notebook or folder

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str, timeout: float = 10.0):
        """Call the Jupyter REST API (no token on these throw-away servers); JSON or None."""
        request = urllib.request.Request(self.url + path.lstrip("/"), method=method)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the server by its process id: SIGTERM, then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def _start(
    name: str, command: list[str], work: Path, env: dict[str, str], ready, cwd: Path
) -> Server:
    """Launch ``command`` (with ``{port}`` filled in) until ``ready(url)`` answers; 3 tries."""
    last_error = ""
    for attempt in range(3):
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log = work / f"{name}-{attempt}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [part.format(port=port) for part in command],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the terminal goes to pytest, which stops it
            )
        server = Server(url, process, log, 0.0)
        start = time.perf_counter()
        deadline = start + SERVER_START_TIMEOUT
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                last_error = f"{name} exited with {process.returncode}:\n{server.log_tail()}"
                break
            if ready(url):
                server.started_in = time.perf_counter() - start
                return server
            time.sleep(0.1)
        else:
            server.stop()
            raise RuntimeError(
                f"{name} did not answer within {SERVER_START_TIMEOUT:.0f} s:\n{server.log_tail()}"
            )
        if "address already in use" not in last_error.lower():
            break
    raise RuntimeError(last_error)


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _port_open(url: str) -> bool:
    host, port = url.split("//")[1].rstrip("/").split(":")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, int(port))) == 0


@contextlib.contextmanager
def jupyter_lab(root_dir: Path, work: Path) -> Iterator[Server]:
    """A real JupyterLab serving ``root_dir``, run by this interpreter (so its kernel is ours)."""
    work.mkdir(parents=True, exist_ok=True)
    env = isolated_env(work)
    settings_dir = work / "lab-user-settings"
    write_lab_settings(settings_dir, TEST_LAB_SETTINGS)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--allow-root",
        "--no-browser",
        "--ip=127.0.0.1",
        "--port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={work / 'lab-workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        # Safety net if pytest is killed before it can stop the server: it exits by itself.
        "--ServerApp.shutdown_no_activity_timeout=900",
        "--MappingKernelManager.cull_idle_timeout=900",
        "--MappingKernelManager.cull_interval=60",
    ]
    server = _start(
        "jupyterlab", command, work, env, lambda url: _http_ok(url + "api/status"), root_dir
    )
    server.target = root_dir
    try:
        yield server
    finally:
        with contextlib.suppress(Exception):
            shutdown_kernels(server)
        server.stop()


def shutdown_kernels(server: Server) -> None:
    """Delete every session and kernel through the REST API (the server keeps them otherwise)."""
    for session in server.api("GET", "api/sessions") or []:
        with contextlib.suppress(urllib.error.HTTPError):
            server.api("DELETE", f"api/sessions/{session['id']}")
    for kernel in server.api("GET", "api/kernels") or []:
        with contextlib.suppress(urllib.error.HTTPError):
            server.api("DELETE", f"api/kernels/{kernel['id']}")


@contextlib.contextmanager
def voila(target: Path, work: Path) -> Iterator[Server]:
    """Voilà serving ``target`` (one notebook, or a folder) as an app: code hidden, widgets live.

    For a folder, a notebook is at ``url + "voila/render/" + relative_path``; for a single
    notebook, at ``url``.
    """
    work.mkdir(parents=True, exist_ok=True)
    env = isolated_env(work)
    connection_dir = work / "voila-connections"
    connection_dir.mkdir(exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "voila",
        str(target),
        "--no-browser",
        "--port={port}",
        "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1",
        f"--Voila.connection_dir_root={connection_dir}",
    ]
    cwd = target if target.is_dir() else target.parent
    server = _start("voila", command, work, env, _port_open, cwd)
    server.target = target
    try:
        yield server
    finally:
        server.stop()


def copy_notebooks(destination: Path, source: Path = NOTEBOOKS) -> Path:
    """Copy notebooks/ so that running cells never touches the committed files."""
    target = destination / "notebooks"
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    else:
        target.mkdir(parents=True)
    return target


def notebook_paths(source: Path = NOTEBOOKS) -> list[Path]:
    """The narrative notebooks, in reading order."""
    return sorted(source.glob("*.ipynb"))


# --------------------------------------------------------------------------------------------
# JupyterLab, as a learner uses it
# --------------------------------------------------------------------------------------------

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
_MATH_SOURCE = re.compile(r"\$[^$]+\$|\\\(|\\\[|\\begin\{")


def _has_math(cell: dict) -> bool:
    """Whether a notebook cell is Markdown with LaTeX in it."""
    source = cell.get("source", "")
    text = source if isinstance(source, str) else "".join(source)
    return cell.get("cell_type") == "markdown" and bool(_MATH_SOURCE.search(text))


def notebook_cells(page) -> list[dict]:
    """What each cell of the open notebook holds and shows (see ``_CELLS_JS``)."""
    return page.evaluate(_CELLS_JS) or []


def notebook_problems(page, source_cells: list[dict] | None = None) -> list[str]:
    """What a learner would see go wrong in the open notebook: a code cell that did not run, an
    error, a widget that did not display, math that MathJax did not typeset (a markdown cell of
    ``source_cells`` with ``$...$`` but no rendered math), or a MathJax error."""
    problems = []
    cells = notebook_cells(page)
    if cells and not cells[0]["hasApp"]:
        problems.append("JupyterLab did not expose window.jupyterapp: outputs cannot be checked")
    if source_cells is not None and len(source_cells) != len(cells):
        problems.append(f"the page shows {len(cells)} cells, the notebook has {len(source_cells)}")
    for cell in cells:
        where = f"cell {cell['index'] + 1}"
        if cell["type"] == "code":
            if not re.search(r"\[\d+\]", cell["prompt"]):
                problems.append(
                    f"{where} did not run (prompt {cell['prompt']!r}): {cell['source']!r}"
                )
            for error in cell["errors"]:
                problems.append(f"{where} raised {error}")
            if not cell["hasApp"]:
                for text in cell["stderr"]:
                    if re.search(r"Traceback|\w+Error\b", text):
                        problems.append(f"{where} shows an error: {text}")
            if cell["latexOutputs"] and cell["math"] == 0:
                problems.append(f"{where}: its LaTeX output was not typeset")
            if cell["widgetsShown"] < cell["widgetOutputs"]:
                problems.append(
                    f"{where} displays {cell['widgetOutputs']} widget(s) but shows "
                    f"{cell['widgetsShown']}"
                )
        problems += [f"{where}: {text}" for text in cell["widgetFailures"]]
        problems += [f"{where}: MathJax error {text!r}" for text in cell["mathErrors"]]
    if source_cells is not None:
        for cell, source in zip(cells, source_cells, strict=False):
            if _has_math(source) and cell["math"] == 0:
                problems.append(f"cell {cell['index'] + 1}: its LaTeX was not typeset")
    return problems


def wait_until_settled(page, source_cells: list[dict] | None = None, timeout: float = 30.0):
    """Wait (bounded) until widgets have displayed and MathJax has typeset; return the problems
    that remain (an empty list when the notebook looks right)."""
    return _settle(lambda: notebook_problems(page, source_cells), timeout)


def _settle(problems_now, timeout: float) -> list[str]:
    """Poll ``problems_now()`` while every problem may still go away by itself (widgets and
    math render asynchronously). A lasting problem (an error, a cell that did not run) ends the
    wait at once, and is reported alone: it is the cause of the others."""
    deadline = time.perf_counter() + timeout
    problems = problems_now()
    while _transient(problems) and time.perf_counter() < deadline:
        time.sleep(0.25)
        problems = problems_now()
    lasting = [p for p in problems if not _transient([p])]
    return lasting or problems


def _transient(problems: list[str]) -> bool:
    """Whether every problem may still go away by itself (widgets and math render async)."""
    return bool(problems) and all(
        "widget(s) but shows" in p or "was not typeset" in p for p in problems
    )


def read_cells(path: Path) -> list[dict]:
    """The cells of a notebook file, as plain dicts."""
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


# --------------------------------------------------------------------------------------------
# Voilà, as a class sees it on the projector

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
    response = page.goto(url, wait_until="load", timeout=RUN_ALL_TIMEOUT * 1000)
    assert response is not None and response.ok, f"Voilà answered {response and response.status}"
    return time.perf_counter() - start, response.text()


def voila_problems(page, sent_html: str, source_cells: list[dict] | None = None) -> list[str]:
    """What the class would see go wrong: a cell that raised, code on screen, a widget that did
    not display, math left untypeset, a MathJax error."""
    state = page.evaluate(_VOILA_JS)
    problems = []
    for match in re.finditer(re.escape(VOILA_ERROR) + r" \[\d+\]", state["text"] + sent_html):
        if match.group(0) not in problems:
            problems.append(match.group(0))
    if state["code"]:
        problems.append(f"code is not hidden: {state['code']} code editor(s) or input(s) shown")
    expected = len(_WIDGET_OUTPUT.findall(sent_html))
    if state["shown"] < expected:
        problems.append(f"the notebook displays {expected} widget(s) but shows {state['shown']}")
    problems += state["widgetFailures"] + [f"MathJax error {e!r}" for e in state["mathErrors"]]
    if source_cells is not None:
        if len(state["cells"]) < len(source_cells):
            problems.append(f"Voilà showed {len(state['cells'])} of {len(source_cells)} cells")
        math = {c["index"]: c["math"] for c in state["cells"]}  # cell-index counts from 1
        for i, cell in enumerate(source_cells):
            if _has_math(cell) and math.get(i + 1, 1) == 0:
                problems.append(f"cell {i + 1}: its LaTeX was not typeset")
    for index in _latex_output_cells(sent_html):
        if next((c["math"] for c in state["cells"] if c["index"] == index), 1) == 0:
            problems.append(f"cell {index}: its LaTeX output was not typeset")
    return problems


def wait_until_voila_settled(page, sent_html: str, source_cells=None, timeout: float = 30.0):
    """Wait (bounded) for widgets and MathJax; return the problems that remain."""
    return _settle(lambda: voila_problems(page, sent_html, source_cells), timeout)


def log_size(server: Server) -> int:
    """Bytes in the server's log so far (to read only what a later request adds)."""
    return server.log.stat().st_size if server.log.exists() else 0


def voila_log_errors(server: Server, since: int = 0) -> list[str]:
    """``ename: evalue`` of every cell that raised, from Voilà's log after byte ``since`` (Voilà
    hides tracebacks from the page)."""
    if not server.log.exists():
        return []
    with open(server.log, "rb") as log:
        log.seek(since)
        text = log.read().decode("utf-8", errors="replace")
    found = re.findall(r"'ename': '([^']*)', 'evalue': (\"[^\"]*\"|'[^']*')", text)
    return list(dict.fromkeys(f"{name}: {value[1:-1]}" for name, value in found))
