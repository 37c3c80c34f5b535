"""A class on one JupyterHub (classroom/): three learners through the real hub, the real nbgitpuller
link and a local git repository, as a browser would go (classroom/learner.py).

Needs the ``classroom`` extra (``pip install -e '.[classroom]'``), git, and npm for the proxy
(installed once into the git-ignored classroom/.proxy); skips, saying which is missing, where
they are not.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from classroom import hub as classroom
from classroom.learner import Learner, LearnerError, voila_renders
from mathkit import links

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = classroom.notebooks(ROOT)
FOLDER = links.repo_folder(links.repository_url(ROOT / "pyproject.toml"))
LEARNERS = ["learner1", "learner2", "learner3"]
PASSWORD = "three-learners-one-hub"


def test_class_links_cover_every_notebook_in_lab_and_voila():
    hub, repo = "http://127.0.0.1:8000", "file:///srv/git/matrix-calculus-notebooks"
    rows = classroom.class_links(hub, repo, root=ROOT)
    assert len(rows) == 1 + len(NOTEBOOKS)
    for (title, lab, voila), path in zip(rows[1:], NOTEBOOKS, strict=True):
        assert title
        for link, app in ((lab, "lab/tree"), (voila, "voila/render")):
            parts = urlsplit(link)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
                f"{hub}/hub/user-redirect/git-pull"
            )
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            # nbgitpuller clones into the URL's last part; the link opens the notebook inside it
            assert query == {"repo": repo, "branch": "main",
                             "urlpath": f"{app}/matrix-calculus-notebooks/{path}"}  # fmt: skip


def local_config(tmp_path, monkeypatch):
    """classroom/jupyterhub_config.py as JupyterHub loads it, its files in ``tmp_path``."""
    pytest.importorskip("jupyterlab")
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("CLASSROOM_STATE", str(tmp_path))
    monkeypatch.setenv("CLASSROOM_PASSWORD", PASSWORD)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "classroom")).load_config()


def test_local_config_binds_to_this_machine_and_applies_binders_lab_settings(tmp_path, monkeypatch):
    config = local_config(tmp_path, monkeypatch)
    assert config.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    assert config.Spawner.ip == config.JupyterHub.hub_ip == "127.0.0.1"
    assert config.JupyterHub.implicit_spawn_seconds > 0
    args = config.Spawner.args
    assert "--KernelManager.transport=ipc" in args and "--ServerApp.port_retries=0" in args
    assert ("--ServerApp.allow_root=True" in args) == (os.geteuid() == 0)
    settings = Path(
        next(a for a in args if a.startswith("--LabApp.app_settings_dir=")).split("=")[1]
    )
    assert json.loads((settings / "overrides.json").read_text(encoding="utf-8")) == json.loads(
        (ROOT / "binder" / "overrides.json").read_text(encoding="utf-8")
    )


def test_kubernetes_values_use_the_binder_image_and_the_local_settings(tmp_path, monkeypatch):
    """classroom/z2jh-values.yaml cannot run here; it must at least parse and keep the settings the
    tested local hub needs (implicit spawn, Voilà's contents manager, a start timeout)."""
    yaml = pytest.importorskip("yaml")
    values = yaml.safe_load((ROOT / "classroom" / "z2jh-values.yaml").read_text(encoding="utf-8"))
    local = local_config(tmp_path, monkeypatch)
    hub = values["hub"]["config"]
    assert hub["JupyterHub"]["implicit_spawn_seconds"] > 0
    contents = [a for a in local.Spawner.args if "contents_manager_class" in a]
    assert contents and set(contents) <= set(hub["Spawner"]["args"])
    assert hub["Spawner"]["start_timeout"] >= local.Spawner.start_timeout
    assert values["singleuser"]["defaultUrl"] == local.Spawner.default_url == "/lab"
    assert values["singleuser"]["image"]["name"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if missing := classroom.missing_python_packages():
        pytest.skip(f"{', '.join(missing)} not installed: pip install -e '.[classroom]'")
    try:
        classroom.ensure_proxy()
        state = tmp_path_factory.mktemp("class")
        repo = classroom.bare_repository(state / "git", ROOT)
        running = classroom.start_hub(state / "hub", PASSWORD, users=LEARNERS)
    except classroom.ClassroomUnavailable as reason:
        pytest.skip(f"no local JupyterHub here: {reason}")
    with running:
        yield running, repo


def lesson(hub_url: str, repo: str, name: str, notebooks: list[str]) -> Learner:
    """One learner: click the Lab link of their first notebook, run each of their notebooks, move
    an explorer's slider, then open their first notebook's Voilà link."""
    learner = Learner(hub_url, name, PASSWORD)
    try:
        learner.follow(classroom.lab_link(hub_url, repo, notebooks[0]))
        for path in notebooks:
            kernel = learner.open_notebook(f"{FOLDER}/{path}")
            try:
                learner.run_notebook(f"{FOLDER}/{path}", kernel)
                if not learner.report.updates and "FloatSliderModel" in kernel.widgets.values():
                    learner.move_slider(kernel, 0.5)
            finally:
                learner.close_notebook(kernel)
        page = learner.follow(classroom.voila_link(hub_url, repo, notebooks[0]))
        learner.report.voila = voila_renders(page, links.notebook_title(ROOT / notebooks[0]))
        learner.report.ok = True
    except LearnerError as error:
        learner.report.error = str(error)
    return learner


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_three_learners_follow_a_link_run_notebooks_and_move_an_explorer(hub):
    running, repo = hub
    # The learners share out the whole collection, so every notebook runs on the hub.
    shares = {name: NOTEBOOKS[i :: len(LEARNERS)] for i, name in enumerate(LEARNERS)}
    with ThreadPoolExecutor(len(LEARNERS)) as pool:
        learners = list(pool.map(lambda n: lesson(running.url, repo, n, shares[n]), LEARNERS))

    for learner in learners:
        report = learner.report
        assert report.ok, f"{report.name}: {report.error} (hub log: {running.log})"
        clone = running.state / "homes" / report.name / FOLDER
        assert (clone / ".git").is_dir(), f"nbgitpuller did not clone into {clone}"
        assert sorted(p.name for p in (clone / "notebooks").glob("*.ipynb")) == [
            Path(p).name for p in NOTEBOOKS
        ]
        assert report.cloned == [f"{FOLDER}/{p}" for p in shares[report.name]]
        assert report.cells > 0 and not report.cell_errors, report.cell_errors
        assert report.voila, (
            f"{report.name}: the Voilà link did not render {shares[report.name][0]}"
        )
    answered = [r for learner in learners for r in learner.report.updates]
    assert answered, "no notebook opened an explorer with a slider"

    # JupyterLab on the hub has Binder's settings (binder/overrides.json): no news pop-up.
    overrides = json.loads((ROOT / "binder" / "overrides.json").read_text(encoding="utf-8"))
    for plugin, values in overrides.items():
        schema = learners[0].api("GET", f"lab/api/settings/{plugin}").json()["schema"]
        defaults = {key: schema["properties"][key]["default"] for key in values}
        assert defaults == values, f"{plugin} on the hub: {defaults}, binder/ has {values}"
