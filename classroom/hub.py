"""Start a local JupyterHub for a class (``jupyterhub_config.py``) and make its links.

The pieces ``python -m classroom``, ``tests/test_classroom.py`` and
``benchmarks/bench_classroom.py`` share: the proxy from npm in a git-ignored folder, a bare git
repository of this checkout for an offline ``file://`` trial, the hub process, and the nbgitpuller
links a teacher hands out.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from mathkit import links

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = HERE / "jupyterhub_config.py"
PROXY_DIR = HERE / ".proxy"
PROXY = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_PACKAGE = "configurable-http-proxy@^5"
NOTEBOOK_DIR = ROOT / links.NOTEBOOK_DIR
BRANCH = "main"


class ClassroomUnavailable(RuntimeError):
    """Something a hub needs is missing here (the message says what and how to get it)."""


def missing_python_packages() -> list[str]:
    """The ``classroom`` extra's packages that are not importable."""
    import importlib.util

    return [m for m in ("jupyterhub", "nbgitpuller") if importlib.util.find_spec(m) is None]


def ensure_proxy(timeout: float = 300) -> Path:
    """configurable-http-proxy, installed from npm into ``classroom/.proxy`` (git-ignored) once."""
    if PROXY.exists():
        return PROXY
    npm = shutil.which("npm")
    if npm is None:
        raise ClassroomUnavailable(
            "JupyterHub's proxy needs Node.js and npm (e.g. apt-get install nodejs npm)"
        )
    PROXY_DIR.mkdir(exist_ok=True)
    command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PROXY_DIR)]
    try:
        result = subprocess.run(
            [*command, PROXY_PACKAGE], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise ClassroomUnavailable(
            f"`npm install {PROXY_PACKAGE}` took over {timeout:.0f} s"
        ) from None
    if result.returncode != 0 or not PROXY.exists():
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise ClassroomUnavailable(f"`npm install {PROXY_PACKAGE}` failed: {' '.join(tail)}")
    return PROXY


def bare_repository(parent: Path, source: Path = ROOT, branch: str = BRANCH) -> str:
    """A bare git repository under ``parent`` holding ``source``'s committed HEAD as ``branch``;
    returns its ``file://`` URL, which nbgitpuller accepts like a GitHub one.

    The folder is named after the project (no ``.git``), because nbgitpuller clones into a folder
    named after the URL's last part, and the links open notebooks inside that folder.
    """
    git = shutil.which("git")
    if git is None:
        raise ClassroomUnavailable("nbgitpuller needs git")
    probe = subprocess.run(
        [git, "-C", str(source), "rev-parse", "--verify", "HEAD"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        raise ClassroomUnavailable(f"{source} is not a git checkout with a commit")
    name = links.repo_folder(links.repository_url(source / "pyproject.toml"))
    bare = parent / name
    if not bare.exists():
        subprocess.run([git, "init", "--quiet", "--bare", str(bare)], check=True)
    subprocess.run(
        [
            git,
            "-C",
            str(source),
            "push",
            "--quiet",
            "--force",
            str(bare),
            f"HEAD:refs/heads/{branch}",
        ],
        check=True,
        capture_output=True,
    )
    return bare.as_uri()


def free_port(count: int = 3) -> int:
    """A port p on 127.0.0.1 with p, p + 1, ... p + count - 1 all free (the hub uses three)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + count > 65535:
            continue
        try:
            for p in range(port, port + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
        except OSError:
            continue
        return port
    raise RuntimeError("no free run of ports on 127.0.0.1")


@dataclass
class Hub:
    """A running local hub: ``url`` is what learners open."""

    process: subprocess.Popen
    url: str
    state: Path
    password: str
    log: Path
    runtime: Path | None = None  # the learners' runtime folders (kernel sockets)

    def stop(self, timeout: float = 30) -> None:
        """Stop the hub; it stops the learners' servers and the proxy with it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        _kill_leftovers(self.state)
        if self.runtime is not None:
            shutil.rmtree(self.runtime, ignore_errors=True)

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_hub(
    state: Path,
    password: str,
    port: int | None = None,
    users: list[str] | None = None,
    timeout: float = 60,
) -> Hub:
    """Start ``jupyterhub_config.py`` on 127.0.0.1, files in ``state``; wait for it to answer."""
    if missing := missing_python_packages():
        raise ClassroomUnavailable(
            f"pip install {' '.join(missing)}  (or: pip install -e '.[classroom]')"
        )
    ensure_proxy()
    state.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    runtime = Path(tempfile.mkdtemp(prefix="hub-"))  # short: IPC sockets live there
    env = dict(
        os.environ,
        CLASSROOM_STATE=str(state),
        CLASSROOM_RUNTIME=str(runtime),
        CLASSROOM_IP="127.0.0.1",
        CLASSROOM_PORT=str(port),
        CLASSROOM_PASSWORD=password,
        CLASSROOM_USERS=" ".join(users or []),
    )
    log = state / "jupyterhub.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=state,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(process, f"http://127.0.0.1:{port}", state, password, log, runtime)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited ({process.returncode}); see {log}")
        try:
            if requests.get(f"{hub.url}/hub/api/", timeout=2).ok:
                return hub
        except requests.RequestException:
            pass
        time.sleep(0.25)
    hub.stop()
    raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s; see {log}")


def _kill_leftovers(state: Path) -> None:
    """Servers and kernels of this class that outlived the hub (found by their CLASSROOM_STATE)."""
    marker = f"CLASSROOM_STATE={state}".encode()
    for pid in class_processes(marker):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def class_processes(marker: bytes) -> list[int]:
    """Process ids whose environment holds ``marker`` (a learner's server and its kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in environ:
            found.append(int(entry.name))
    return found


def notebooks(root: Path = ROOT) -> list[str]:
    """Every notebook of the collection, ``notebooks/NN-name.ipynb``, in reading order."""
    return [
        f"{links.NOTEBOOK_DIR}/{p.name}"
        for p in sorted((root / links.NOTEBOOK_DIR).glob("*.ipynb"))
    ]


def lab_link(hub: str, repo: str, path: str, branch: str = BRANCH) -> str:
    """nbgitpuller link: pull ``repo`` into the learner's home, open ``path`` in JupyterLab."""
    return links.nbgitpuller_url(hub, repo, branch, path)


def voila_link(hub: str, repo: str, path: str, branch: str = BRANCH) -> str:
    """nbgitpuller link: pull ``repo``, then show ``path`` as a Voilà app (code hidden)."""
    app = "voila/render" if path.endswith(".ipynb") else "voila/tree"
    return links.nbgitpuller_url(hub, repo, branch, path, app=app)


def class_links(
    hub: str, repo: str, branch: str = BRANCH, root: Path = ROOT
) -> list[tuple[str, str, str]]:
    """(title, Lab link, Voilà link) for the whole collection, then for every notebook."""
    rows = [("All notebooks", lab_link(hub, repo, links.NOTEBOOK_DIR, branch),
             voila_link(hub, repo, links.NOTEBOOK_DIR, branch))]  # fmt: skip
    for path in notebooks(root):
        title = links.notebook_title(root / path)
        rows.append((title, lab_link(hub, repo, path, branch), voila_link(hub, repo, path, branch)))
    return rows
