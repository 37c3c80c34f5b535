"""Starting the servers a learner's browser talks to: JupyterLab and Voilà.

- :func:`jupyter_lab` / :func:`voila` - a real server run by this interpreter on a free loopback
  port, with its own temporary HOME and Jupyter directories, stopped by its process id;
- :class:`Server` - its URL, process and log; the REST API (:meth:`Server.api`,
  :func:`shutdown_kernels`) and what Voilà wrote to its log (:func:`voila_log_errors`).

Every wait has an explicit bound, so a server that does not come up is a clear failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDER_OVERRIDES = ROOT / "binder" / "overrides.json"

SERVER_START_TIMEOUT = 60.0  # seconds until a server answers

# Settings a learner's JupyterLab gets from binder/overrides.json, plus test-only ones:
# render every cell (no virtual scrolling, so all outputs are in the DOM), no extension manager.
TEST_LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


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
