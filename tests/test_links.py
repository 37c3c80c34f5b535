"""Launch links: ``python -m mathkit.links`` is the one source, and README.md quotes it exactly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from mathkit import links

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REPO = links.repository_url(ROOT / "pyproject.toml")
# A link ends at whitespace or at the markdown/HTML punctuation that closes it.
LINK = re.compile(r"https?://[^\s)\]>\"'`]+")


START_HERE = ROOT / "notebooks" / "00-start-here.ipynb"


def launch_links(text: str) -> list[str]:
    """Every Binder and nbgitpuller link in ``text``."""
    return [
        url
        for url in LINK.findall(text)
        if "mybinder.org/v2/" in url or "/hub/user-redirect/git-pull" in url
    ]


def readme_links() -> list[str]:
    if not README.exists():
        pytest.skip("README.md is not written yet")
    return launch_links(README.read_text(encoding="utf-8"))


def start_here_links() -> list[str]:
    cells = nbformat.read(START_HERE, as_version=4).cells
    return launch_links("\n".join(c.source for c in cells if c.cell_type == "markdown"))


def hub_of(url: str) -> str:
    return url.split("/hub/user-redirect/git-pull", 1)[0]


def test_repository_url_comes_from_pyproject():
    assert REPO.startswith("https://github.com/")
    assert links.github_slug(REPO)


def test_binder_link_opens_the_notebook_in_jupyterlab():
    url = links.binder_url(REPO, "main", "lab/tree/notebooks/00-start-here.ipynb")
    owner, name = links.github_slug(REPO)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "mybinder.org")
    assert parts.path == f"/v2/gh/{owner}/{name}/main"
    assert parse_qs(parts.query) == {"urlpath": ["lab/tree/notebooks/00-start-here.ipynb"]}


def test_binder_link_encodes_a_branch_with_a_slash():
    assert "/v2/gh/o/r/feature%2Fx?" in links.binder_url(
        "https://github.com/o/r", "feature/x", "lab"
    )


def test_nbgitpuller_link_round_trips():
    url = links.nbgitpuller_url("https://hub.example.edu/", REPO, "main", "notebooks/a.ipynb")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
    )
    _, name = links.github_slug(REPO)
    assert parse_qs(parts.query) == {
        "repo": [REPO],
        "branch": ["main"],
        # nbgitpuller clones into a folder named after the repository, so the path starts there
        "urlpath": [f"lab/tree/{name}/notebooks/a.ipynb"],
    }


def test_github_slug_rejects_other_hosts():
    with pytest.raises(ValueError, match="GitHub"):
        links.github_slug("https://gitlab.com/o/r")


def test_every_notebook_gets_three_links():
    entries = links.notebook_links(REPO, "main", root=ROOT)
    assert [e.path for e in entries] == [f"notebooks/{p.name}" for p in NOTEBOOKS]
    for entry in entries:
        assert entry.lab.endswith(f"?urlpath=lab/tree/{entry.path}")
        assert entry.voila.endswith(f"?urlpath=voila/render/{entry.path}")
        assert parse_qs(urlsplit(entry.hub).query)["urlpath"][0].endswith(entry.path)
        assert entry.title


def test_command_prints_every_link(tmp_path):
    """``python -m mathkit.links --format urls`` prints exactly what :func:`links.urls` returns."""
    result = subprocess.run(
        [sys.executable, "-m", "mathkit.links", "--format", "urls", "--branch", "main"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    printed = result.stdout.split()
    assert printed == links.urls(REPO, "main", root=ROOT)
    assert len(printed) == 4 + 4 * len(NOTEBOOKS)  # lab, voila, hub, lite (JupyterLite)


def test_command_markdown_has_a_badge_and_a_row_per_notebook():
    text = links.markdown(REPO, "main", root=ROOT)
    assert text.startswith("[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/")
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert len(rows) == len(NOTEBOOKS)


def test_command_overrides_repository_and_branch():
    out = subprocess.run(
        [sys.executable, "-m", "mathkit.links", "--repo", "https://github.com/me/fork",
         "--branch", "teach", "--hub", "https://hub.school.edu", "--format", "urls"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()  # fmt: skip
    assert out[0].startswith("https://mybinder.org/v2/gh/me/fork/teach?urlpath=lab/tree/")
    assert out[2].startswith("https://hub.school.edu/hub/user-redirect/git-pull?repo=")


def test_readme_links_are_the_ones_the_command_prints():
    found = readme_links()
    assert found, "README.md has no Binder or nbgitpuller link"
    hubs = {hub_of(url) for url in found if "/hub/user-redirect/git-pull" in url}
    expected = set(links.urls(REPO, "main", root=ROOT))
    for hub in hubs:
        expected |= set(links.urls(REPO, "main", hub=hub, root=ROOT))
    stale = [url for url in found if url not in expected]
    assert not stale, (
        "README.md links that `python -m mathkit.links` does not print (regenerate them):\n"
        + "\n".join(stale)
    )


def test_readme_has_the_badge_a_voila_link_and_a_launch_link_per_notebook():
    found = set(readme_links())
    text = README.read_text(encoding="utf-8")
    assert "https://mybinder.org/badge_logo.svg" in text, "README.md needs the Binder badge"
    assert any("urlpath=voila/" in url for url in found), "README.md needs a Voilà link"
    for entry in links.notebook_links(REPO, "main", root=ROOT):
        assert entry.lab in found, f"README.md has no Binder launch link for {entry.path}"


def test_start_here_has_a_binder_launch_link_per_notebook_and_no_stale_one():
    found = start_here_links()
    expected = set(links.urls(REPO, "main", root=ROOT))
    assert not [url for url in found if url not in expected], "regenerate the Binder links in 00"
    for entry in links.notebook_links(REPO, "main", root=ROOT):
        assert entry.lab in found and entry.voila in found, entry.path
