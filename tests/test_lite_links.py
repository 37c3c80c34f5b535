"""The README's "Try it in your browser" (JupyterLite) links: the ones ``python -m mathkit.links``
prints, at the site that .github/workflows/lite.yml publishes, with the offline caveat."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from mathkit import links

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
REPO = links.repository_url(ROOT / "pyproject.toml")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def lite_links(text: str) -> list[str]:
    return [u for u in re.findall(r"https?://[^\s)\]>\"'`]+", text) if ".github.io/" in u]


def test_every_readme_lite_link_is_one_the_command_prints():
    printed = set(links.urls(REPO, "main", root=ROOT))
    found = lite_links(README)
    assert found, "the README has no JupyterLite link"
    assert set(found) <= printed


def test_every_notebook_has_a_lite_link_in_the_readme():
    opened = {parse_qs(urlsplit(u).query).get("path", [""])[0] for u in lite_links(README)}
    assert {nb.name for nb in NOTEBOOKS} <= opened


def test_the_link_opens_the_published_site_at_the_notebook():
    owner, name = links.github_slug(REPO)
    url = links.lite_url(REPO, "notebooks/03-jacobian.ipynb")
    parts = urlsplit(url)
    assert parts.netloc == f"{owner.lower()}.github.io"
    assert parts.path == f"/{name}/lab/index.html"
    assert parse_qs(parts.query) == {"path": ["03-jacobian.ipynb"]}  # files sit at the site's root


def test_the_readme_says_the_browser_link_is_checked_offline_only():
    line = next(line for line in README.splitlines() if "Try it in your browser" in line)
    assert links.LITE_CAVEAT in line
