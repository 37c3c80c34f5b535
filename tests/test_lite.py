"""JupyterLite (issue 13): the static site builds, mathkit's symbolic suite passes inside Pyodide
(Node), and in headless Chromium the site's kernel starts, installs mathkit from the site and
runs it. Offline: npm's Pyodide runtime plus pure-Python wheels from PyPI (lite/local_pyodide.py);
numpy and matplotlib have no Pyodide build reachable here, so what needs them is online-only.

Needs ``pip install -r lite/requirements.txt`` (``make test`` does it), and Node/npm and
Chromium for the Pyodide parts (``.ci/run`` installs them); each part skips, saying why, without.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lite"))

import build_site as build  # noqa: E402  (lite/build_site.py)

pytestmark = pytest.mark.slow
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed (.ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The deployable site (Pyodide from its CDN), built as ``make lite`` builds it."""
    pytest.importorskip(
        "jupyterlite_core", reason="pip install -r lite/requirements.txt (make test does it)"
    )
    pytest.importorskip("jupyterlite_pyodide_kernel", reason="pip install -r lite/requirements.txt")
    return build.build(tmp_path_factory.mktemp("lite") / "site")


@pytest.fixture(scope="module")
def local_pyodide(tmp_path_factory) -> Path:
    need("node")
    need("npm")
    from local_pyodide import local_pyodide as make

    return make(tmp_path_factory.mktemp("pyodide") / "pyodide")


@pytest.fixture(scope="module")
def wheel(site) -> Path:
    (found,) = (site / "pypi").glob("matrix_calculus_notebooks-*.whl")
    return found


# (a) the site ---------------------------------------------------------------------------------


def test_every_notebook_is_on_the_site_with_the_setup_cell_first(site):
    assert NOTEBOOKS
    for source in NOTEBOOKS:
        lite = json.loads((site / "files" / source.name).read_text(encoding="utf-8"))
        original = json.loads(source.read_text(encoding="utf-8"))
        setup = "".join(lite["cells"][0]["source"])
        assert re.search(r"^%pip install -q matrix-calculus-notebooks$", setup, re.MULTILINE)
        assert [c["source"] for c in lite["cells"][1:]] == [c["source"] for c in original["cells"]]


def test_the_mathkit_wheel_holds_every_module_and_asks_no_server(wheel):
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        requires = [
            line.split(":", 1)[1].strip()
            for line in whl.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        ]
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "mathkit").rglob("*.py")}
    assert sources - names == set(), "modules missing from the wheel (pyproject packages?)"
    assert not [r for r in requires if r.startswith("jupyterlab")]
    assert any(r.startswith("sympy") for r in requires)


def test_piplite_offers_mathkit_and_the_widgets(site):
    index = json.loads((site / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert {"matrix-calculus-notebooks", "ipywidgets", "jupyterlab-widgets", "comm"} <= {
        re.sub(r"[-_.]+", "-", name).lower() for name in index
    }
    for name in index:
        for release in index[name]["releases"].values():
            for file in release:
                assert (site / "pypi" / Path(file["url"]).name).exists(), file["url"]


def test_the_widgets_extension_ships_and_pyodide_comes_from_the_cdn(site):
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    data = config["jupyter-config-data"]
    extensions = {e["name"] for e in data["federated_extensions"]}
    assert {"@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"} <= (
        extensions
    )
    assert (site / "extensions" / "@jupyter-widgets" / "jupyterlab-manager").is_dir()
    kernel = data.get("litePluginSettings", {}).get("@jupyterlite/pyodide-kernel-extension:kernel")
    assert "pyodideUrl" not in (kernel or {}), "the deployable site must use the CDN Pyodide"
    assert not (site / "static" / "pyodide").exists()


# (c) the site in headless Chromium, against a local Pyodide ----------------------------------


@pytest.fixture(scope="module")
def offline_site(site, local_pyodide, tmp_path_factory) -> Path:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    pytest.importorskip("playwright")
    copy = tmp_path_factory.mktemp("lite-offline") / "site"
    shutil.copytree(site, copy)
    build.use_local_pyodide(copy, local_pyodide)
    return copy


@pytest.fixture(scope="module")
def browser_run(offline_site, pyodide_runs):  # the Node runs go on meanwhile
    import lite_browser  # lite/lite_browser.py

    setup = json.loads((offline_site / "files" / NOTEBOOKS[0].name).read_text("utf-8"))["cells"][0]
    cells = [
        "".join(setup["source"]),  # the notebooks' own setup cell: %pip install from the site
        "import mathkit as mk\nprint(mk.jacobian('[3x^2 y, 2x + y^8]', 'x y').tolist())\n"
        "print(mk.budget.strategy())",
        "from mathkit.exercises import check\n"
        "print(check('gradients.3x2y_dy', '3x^2').correct,"
        " check('gradients.3x2y_dy', '6xy').correct)",
    ]
    with lite_browser.serve(offline_site) as url:
        return lite_browser.run_in_repl(url, cells, timeout=300)  # a loaded 2-core machine


@pytest.mark.browser
def test_the_kernel_starts_and_installs_mathkit_from_the_site(browser_run):
    assert browser_run.blocked == [], "the offline site asked for something beyond 127.0.0.1"
    assert "Error" not in browser_run.outputs[0], browser_run.outputs[0]


@pytest.mark.browser
def test_a_jacobian_runs_in_the_browser(browser_run):
    # by hand, numerator layout (J[i, j] = ∂f_i/∂x_j): the paper's §4 example
    lines = browser_run.outputs[1].splitlines()
    assert lines[0] == "[[6*x*y, 3*x**2], [2, 8*y**7]]", browser_run.outputs[1]
    assert lines[1] == "none"  # the time budget runs directly: no timers, no threads


@pytest.mark.browser
def test_an_exercise_check_runs_in_the_browser(browser_run):
    output = browser_run.outputs[2]
    if "No module named 'numpy'" in output:
        pytest.xfail(
            "exercise checking imports numpy (random sample points); Pyodide's numpy is on its "
            "CDN only: online check, or draw the points with the standard library"
        )
    # ∂(3x²y)/∂y = 3x² by hand: the right answer accepted, the ∂/∂x slip refused
    assert output == "True False", output


# (b) the symbolic suite inside Pyodide, in Node ---------------------------------------------


@dataclass
class NodeRun:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def pyodide_runs(local_pyodide, wheel, tmp_path_factory):
    """The two Node runs, started together in the background (the browser tests run meanwhile):
    the symbolic suite, and alone the one check that may kill Pyodide."""
    folder = tmp_path_factory.mktemp("node")
    started = {}
    for name, args in {"suite": [], "crash": ["--crash-check"]}.items():
        out, err = folder / f"{name}.out", folder / f"{name}.err"
        command = ["node", str(ROOT / "lite" / "run_in_pyodide.mjs"), str(local_pyodide),
                   str(ROOT), str(wheel), *args]  # fmt: skip
        with out.open("w") as stdout, err.open("w") as stderr:
            started[name] = (subprocess.Popen(command, stdout=stdout, stderr=stderr), out, err)
    yield started
    for process, _, _ in started.values():
        if process.poll() is None:
            process.kill()


def finished(run, timeout: float = 600) -> NodeRun:
    process, out, err = run
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return NodeRun(process.returncode, out.read_text(), err.read_text())


def test_the_symbolic_suite_passes_inside_pyodide(pyodide_runs):
    run = finished(pyodide_runs["suite"])
    report = run.stdout + run.stderr
    print(report[-4000:])
    counts = re.search(r"^pyodide: (\d+) passed, (\d+) failed, (\d+) skipped$", run.stdout, re.M)
    assert counts, report[-4000:]
    passed, failed, _ = map(int, counts.groups())
    assert run.returncode == 0 and failed == 0, report[-4000:]
    assert passed >= 100, "far fewer tests ran in Pyodide than the symbolic suite has"
    (ran,) = re.findall(r"^pyodide: ran (.*?)(?: \(.*\))?$", run.stdout, re.M)
    for required in ("test_parse.py", "test_calculus.py", "test_in_pyodide.py", "parse.py"):
        assert required in ran.split(", "), f"{required} did not run"


@pytest.mark.xfail(
    strict=True,
    reason="known defect (parse.py): 1999 minus signs in a row overflow the browser's stack "
    "while parsing and kill the Pyodide kernel; bound runs of signs before ast.parse",
)
def test_a_long_run_of_signs_does_not_kill_pyodide(pyodide_runs):
    run = finished(pyodide_runs["crash"], timeout=300)
    assert "fatal error" not in run.stdout + run.stderr
    assert run.returncode == 0, (run.stdout + run.stderr)[-2000:]
