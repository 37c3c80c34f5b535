"""Launch links for every notebook: JupyterLab on Binder, the Voilà app on Binder, nbgitpuller, and
the JupyterLite site on GitHub Pages (the notebook in the browser, no server).

    python -m mathkit.links                                  # markdown for the README
    python -m mathkit.links --hub https://hub.my-school.edu  # nbgitpuller links for your hub
    python -m mathkit.links --repo https://github.com/me/fork --branch teaching --format urls

The repository URL comes from ``[project.urls] Repository`` in pyproject.toml, so the links stay
correct when the project moves; ``tests/test_links.py`` checks that every Binder and nbgitpuller
link in README.md is one that this command prints.

Binder builds the environment from ``binder/`` (repo2docker) and opens ``urlpath`` on the
started server; nbgitpuller clones (or merges) the repository into a JupyterHub user's home,
then opens ``urlpath``, which is why that path starts with the repository's name.

>>> repo = "https://github.com/octo/mc"
>>> binder_url(repo, "main", "lab/tree/notebooks/00-start-here.ipynb")
'https://mybinder.org/v2/gh/octo/mc/main?urlpath=lab/tree/notebooks/00-start-here.ipynb'
>>> lite_url(repo, "notebooks/00-start-here.ipynb")
'https://octo.github.io/mc/lab/index.html?path=00-start-here.ipynb'
>>> print(nbgitpuller_url("https://hub.example.edu", repo, "main", "notebooks/a.ipynb"))
https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Focto%2Fmc&urlpath=lab%2Ftree%2Fmc%2Fnotebooks%2Fa.ipynb&branch=main
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

DEFAULT_REPOSITORY = "https://github.com/matrix-calculus-notebooks/matrix-calculus-notebooks"
DEFAULT_BRANCH = "main"
EXAMPLE_HUB = "https://hub.example.edu"
BINDER = "https://mybinder.org"
BADGE = "https://mybinder.org/badge_logo.svg"
NOTEBOOK_DIR = "notebooks"
# Until someone has opened the published site in a browser online (lite/README.md):
LITE_CAVEAT = "checked offline only; plots/widgets/numpy untested in the browser"


def project_root() -> Path:
    """The checkout this module belongs to, or the current directory for an installed copy."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "pyproject.toml").exists() else Path.cwd()


def repository_url(pyproject: Path | None = None) -> str:
    """``[project.urls] Repository`` from pyproject.toml, else :data:`DEFAULT_REPOSITORY`."""
    path = pyproject or project_root() / "pyproject.toml"
    if not path.exists():
        return DEFAULT_REPOSITORY
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the one line we need, without a dependency
        match = re.search(r'^\s*Repository\s*=\s*"([^"]+)"', text, re.MULTILINE)
        return match.group(1) if match else DEFAULT_REPOSITORY
    urls = tomllib.loads(text).get("project", {}).get("urls", {})
    return urls.get("Repository", DEFAULT_REPOSITORY)


def github_slug(repo: str) -> tuple[str, str]:
    """``https://github.com/OWNER/NAME(.git)`` -> ``("OWNER", "NAME")``.

    >>> github_slug("https://github.com/octo/mc.git")
    ('octo', 'mc')
    """
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repo.strip())
    if not match:
        raise ValueError(
            f"{repo!r} is not a GitHub repository URL: Binder's gh/ provider needs "
            "https://github.com/OWNER/NAME"
        )
    return match.group(1), match.group(2)


def binder_url(repo: str, branch: str, urlpath: str) -> str:
    """mybinder.org link that builds ``repo`` at ``branch`` and opens ``urlpath`` on the server."""
    owner, name = github_slug(repo)
    return f"{BINDER}/v2/gh/{owner}/{name}/{quote(branch, safe='')}?urlpath={urlpath}"


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the URL's last part, as nbgitpuller names it.

    >>> repo_folder("https://github.com/octo/mc"), repo_folder("file:///srv/git/mc/")
    ('mc', 'mc')
    """
    return repo.rstrip("/").split("/")[-1]


def nbgitpuller_url(hub: str, repo: str, branch: str, path: str, app: str = "lab/tree") -> str:
    """JupyterHub link that pulls ``repo`` into the user's home, then opens ``path`` in ``app``.

    Same parameters and encoding as nbgitpuller's own link generator. ``repo`` may be any git URL
    (a ``file://`` one for an offline trial).
    """
    query = urlencode(
        {"repo": repo, "urlpath": f"{app}/{repo_folder(repo)}/{path}", "branch": branch}
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def lite_url(repo: str, path: str | None = None) -> str:
    """The JupyterLite site that ``.github/workflows/lite.yml`` publishes on GitHub Pages, at the
    notebook ``path`` (its files sit at the site's root), or its file browser without one."""
    owner, name = github_slug(repo)
    site = f"https://{owner.lower()}.github.io/{name}/lab/index.html"
    return f"{site}?path={quote(Path(path).name)}" if path else site


@dataclass(frozen=True)
class NotebookLinks:
    """Every way to open one notebook."""

    path: str  # relative to the repository root, e.g. notebooks/00-start-here.ipynb
    title: str
    lab: str  # JupyterLab on Binder
    voila: str  # the classroom app (Voilà) on Binder
    hub: str  # JupyterHub via nbgitpuller
    lite: str  # JupyterLite (the browser, no server) on GitHub Pages


def notebook_title(path: Path) -> str:
    """The notebook's first markdown heading, or its file name."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        cells = []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", []))
            match = re.search(r"^#+\s+(.+?)\s*#*\s*$", source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return path.stem


def notebook_links(
    repo: str, branch: str, hub: str = EXAMPLE_HUB, root: Path | None = None
) -> list[NotebookLinks]:
    """Links for every ``notebooks/*.ipynb`` under ``root``, in reading (file name) order."""
    root = root or project_root()
    links = []
    for notebook in sorted((root / NOTEBOOK_DIR).glob("*.ipynb")):
        path = f"{NOTEBOOK_DIR}/{notebook.name}"
        links.append(
            NotebookLinks(
                path=path,
                title=notebook_title(notebook),
                lab=binder_url(repo, branch, f"lab/tree/{path}"),
                voila=binder_url(repo, branch, f"voila/render/{path}"),
                hub=nbgitpuller_url(hub, repo, branch, path),
                lite=lite_url(repo, path),
            )
        )
    return links


def collection_links(
    repo: str, branch: str, hub: str = EXAMPLE_HUB, root: Path | None = None
) -> dict[str, str]:
    """Links for the whole collection: JupyterLab at the first notebook, the Voilà app's list of
    notebooks, the notebooks folder on a JupyterHub, and JupyterLite at the first notebook."""
    notebooks = sorted(((root or project_root()) / NOTEBOOK_DIR).glob("*.ipynb"))
    first = f"{NOTEBOOK_DIR}/{notebooks[0].name}" if notebooks else NOTEBOOK_DIR
    return {
        "lab": binder_url(repo, branch, f"lab/tree/{first}"),
        "voila": binder_url(repo, branch, f"voila/tree/{NOTEBOOK_DIR}"),
        "hub": nbgitpuller_url(hub, repo, branch, NOTEBOOK_DIR),
        "lite": lite_url(repo, first if notebooks else None),
    }


def markdown(repo: str, branch: str, hub: str = EXAMPLE_HUB, root: Path | None = None) -> str:
    """The README's launch section: a Binder badge, the JupyterLite site, the Voilà app, and a
    table per notebook."""
    whole = collection_links(repo, branch, hub, root)
    lines = [
        f"[![Binder]({BADGE})]({whole['lab']})",
        "",
        f"- The collection in JupyterLab on Binder: {whole['lab']}",
        f"- Try it in your browser (JupyterLite, no server; {LITE_CAVEAT}): {whole['lite']}",
        f"- Classroom app (Voilà, code hidden) on Binder: {whole['voila']}",
        f"- Whole collection on a JupyterHub ({hub}, nbgitpuller): {whole['hub']}",
        "",
        "| Notebook | JupyterLab | Voilà app | JupyterHub | In the browser |",
        "| --- | --- | --- | --- | --- |",
    ]
    for nb in notebook_links(repo, branch, hub, root):
        lines.append(
            f"| [{nb.title}]({nb.path}) | [launch]({nb.lab}) | [app]({nb.voila}) "
            f"| [pull]({nb.hub}) | [try]({nb.lite}) |"
        )
    return "\n".join(lines)


def urls(repo: str, branch: str, hub: str = EXAMPLE_HUB, root: Path | None = None) -> list[str]:
    """Every link :func:`markdown` contains, one per entry."""
    out = list(collection_links(repo, branch, hub, root).values())
    for nb in notebook_links(repo, branch, hub, root):
        out += [nb.lab, nb.voila, nb.hub, nb.lite]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mathkit.links",
        description="Print Binder, Voilà, nbgitpuller and JupyterLite links for every notebook.",
    )
    parser.add_argument("--repo", default=None, help="GitHub URL (default: pyproject.toml)")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help="branch (default: main)")
    parser.add_argument(
        "--hub",
        default=EXAMPLE_HUB,
        help=f"JupyterHub URL for nbgitpuller (default: {EXAMPLE_HUB})",
    )
    parser.add_argument("--format", choices=("markdown", "urls"), default="markdown")
    args = parser.parse_args(argv)
    repo = args.repo or repository_url()
    try:
        github_slug(repo)
    except ValueError as error:
        parser.error(str(error))
    if args.format == "urls":
        sys.stdout.write("\n".join(urls(repo, args.branch, args.hub)) + "\n")
    else:
        sys.stdout.write(markdown(repo, args.branch, args.hub) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
