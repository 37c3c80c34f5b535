"""Binder's environment, rebuilt the way repo2docker builds it, runs every notebook.

repo2docker copies the repository, picks Python from ``binder/runtime.txt``, runs
``pip install -r binder/requirements.txt`` from the repository root, then ``binder/postBuild``.
This test does the same in a fresh virtual environment (pip may use its cache), on a copy of the
repository, then executes every notebook with that environment's Python and checks that the
JupyterLab widget extension and the Voilà server extension are there for the browser.

It needs the package index (pip may use its cache): when pip cannot reach it, the test skips,
except under CI, where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
REQUIREMENTS = BINDER / "requirements.txt"
INSTALL_TIMEOUT = 240  # seconds for pip; the whole test should stay under 4 minutes
EXECUTE_TIMEOUT = 120  # seconds per notebook
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "test-output",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "node_modules",
)
EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
path, cwd, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                        resources={"metadata": {"path": cwd}})
try:
    client.execute()
except CellExecutionError as error:
    cell = next((c for c in nb.cells if any(o.get("output_type") == "error"
                                            for o in c.get("outputs", []))), None)
    source = cell.source.splitlines()[0] if cell is not None and cell.source else "?"
    print(f"{error.ename}: {error.evalue}  (in the cell starting {source!r})")
    sys.exit(1)
print(f"{len(nb.cells)} cells ran")
"""


def requirement_lines() -> list[str]:
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def test_runtime_names_a_python3_version():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime


def test_requirements_are_pinned_and_install_the_repository():
    lines = requirement_lines()
    assert "." in lines, "binder/requirements.txt must install the repository itself (mathkit)"
    unpinned = [
        line for line in lines if line != "." and not re.fullmatch(r"[\w.-]+==[\w.]+", line)
    ]
    assert not unpinned, f"pin exact versions (name==version): {unpinned}"
    names = {re.split(r"==", line)[0].lower().replace("_", "-") for line in lines if line != "."}
    for needed in ("jupyterlab", "ipywidgets", "voila", "sympy", "numpy", "matplotlib"):
        assert needed in names, f"binder/requirements.txt does not pin {needed}"
    assert any(line.startswith("ipywidgets==8.") for line in lines), "ipywidgets 8 is required"


def test_postbuild_only_installs_settings_overrides():
    overrides = json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))
    news = overrides["@jupyterlab/apputils-extension:notification"]
    assert news["fetchNews"] == "false" and news["checkForUpdates"] is False
    assert os.access(BINDER / "postBuild", os.X_OK), "repo2docker runs binder/postBuild directly"


def _isolated_env(work: Path, venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        HOME=str(work / "home"),
        JUPYTER_CONFIG_DIR=str(work / "jupyter-config"),
        JUPYTER_DATA_DIR=str(work / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(work / "jupyter-runtime"),
        IPYTHONDIR=str(work / "ipython"),
        MPLCONFIGDIR=str(work / "matplotlib"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("JUPYTER_PATH", None)
    return env


def _run(command, *, cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_binder_environment_runs_every_notebook(tmp_path):
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    here = f"python-{sys.version_info.major}.{sys.version_info.minor}"
    if runtime != here:
        warnings.warn(
            f"binder/runtime.txt asks for {runtime}; this test builds with {here}", stacklevel=1
        )

    repo = tmp_path / "repo"  # repo2docker works on a copy of the repository, too
    shutil.copytree(ROOT, repo, ignore=COPY_IGNORE)
    venv = tmp_path / "venv"
    env = _isolated_env(tmp_path, venv)
    for sub in ("home", "jupyter-config", "jupyter-data", "jupyter-runtime", "ipython"):
        (tmp_path / sub).mkdir()
    timings = {}

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    install = _run(
        [python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
        cwd=repo,  # as repo2docker: from the repository root, so "." is the repository
        env=env,
        timeout=INSTALL_TIMEOUT,
    )
    timings["venv + pip install"] = time.perf_counter() - start
    if install.returncode != 0:
        output = install.stdout + install.stderr
        # Offline, or a real problem with the pins? Ask the index for pip itself.
        probe = _run(
            [
                python,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--dest",
                str(tmp_path / "probe"),
                "pip",
            ],
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        if probe.returncode != 0:
            _unavailable(f"cannot reach the package index: {output.strip().splitlines()[-1]}")
        pytest.fail(f"pip install -r binder/requirements.txt failed:\n{output[-3000:]}")

    postbuild = _run(["bash", "binder/postBuild"], cwd=repo, env=env, timeout=60)
    assert postbuild.returncode == 0, postbuild.stderr
    app_dir = _run(
        [python, "-c", "from jupyterlab.commands import get_app_dir; print(get_app_dir())"],
        cwd=repo,
        env=env,
        timeout=60,
    ).stdout.strip()
    assert (Path(app_dir) / "settings" / "overrides.json").exists()

    # mathkit comes from the environment (pip installed "."), not from the checkout.
    find = "import importlib.util; print(importlib.util.find_spec('mathkit').origin)"
    where = _run([python, "-c", find], cwd=tmp_path, env=env, timeout=60)
    assert where.returncode == 0, where.stderr
    assert str(venv) in where.stdout, where.stdout

    # What the browser needs from the server: the widget manager and Voilà's /voila/render.
    extensions = _run(
        [python, "-m", "jupyter", "labextension", "list"], cwd=repo, env=env, timeout=120
    )
    assert "@jupyter-widgets/jupyterlab-manager" in extensions.stdout + extensions.stderr
    server = _run(
        [python, "-m", "jupyter", "server", "extension", "list"], cwd=repo, env=env, timeout=120
    )
    assert re.search(r"voila\S* .*enabled", server.stdout + server.stderr), server.stdout
    # Voilà pages use mathkit's template (the notebook in a main landmark), installed with "."
    # into the environment's prefix and selected there for the server extension.
    for config in ("voila.json", "jupyter_server_config.d/mathkit-voila.json"):
        path = venv / "etc" / "jupyter" / config
        selected = json.loads(path.read_text())["VoilaConfiguration"]["template"]
        assert selected == "mathkit", config
    installed = venv / "share/jupyter/voila/templates/mathkit/index.html.j2"
    assert 'role="main"' in installed.read_text()

    notebooks = sorted((repo / "notebooks").glob("*.ipynb"))
    failures = []
    for notebook in notebooks:
        start = time.perf_counter()
        result = _run(
            [python, "-c", EXECUTE, str(notebook), str(notebook.parent), str(EXECUTE_TIMEOUT)],
            cwd=notebook.parent,
            env=env,
            timeout=EXECUTE_TIMEOUT * 3,
        )
        timings[notebook.name] = time.perf_counter() - start
        if result.returncode != 0:
            message = result.stdout.strip() or result.stderr.strip()[-2000:]
            failures.append(f"{notebook.name}: {message}")
    print("\nBinder environment timings:")
    for name, seconds in timings.items():
        print(f"  {seconds:6.1f} s  {name}")
    assert not failures, "\n\n".join(failures)
    if not notebooks:
        pytest.skip("notebooks/ has no notebooks yet: built the Binder environment only")
