"""Build the JupyterLite site: the whole collection running in the browser, no server.

    python lite/build_site.py                         # lite/_output, Pyodide from its CDN (deploy)
    python lite/build_site.py --output DIR --pyodide DIR    # a local Pyodide (offline tests)

What goes in:
- every ``notebooks/*.ipynb``, each with one setup cell in front that installs mathkit from the
  site (``%pip install`` is piplite's in JupyterLite); the repository's notebooks stay unchanged;
- the mathkit wheel built from this checkout, offered through piplite, with JupyterLab dropped
  from its requirements (in the browser JupyterLite is the lab; its server cannot run there);
- the ipywidgets wheels (and ``comm``) through piplite, and the ipywidgets lab extension, which
  ``jupyter lite build`` copies from this environment (``jupyterlab_widgets``).

Needs ``pip install -r lite/requirements.txt`` (``make lite`` does it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

LITE = Path(__file__).resolve().parent
ROOT = LITE.parent
CACHE = LITE / ".cache"
OUTPUT = LITE / "_output"
PACKAGE = "matrix-calculus-notebooks"
# Offered through piplite so that widgets install from the site itself (pure-Python, pinned to the
# versions the test suite uses; widgetsnbextension's stand-in ships with the Pyodide kernel).
SITE_WHEELS = ["ipywidgets==8.1.9", "jupyterlab_widgets==3.0.17", "comm==0.2.3"]
# Requirements the browser cannot or need not install (JupyterLite itself is the lab).
NOT_IN_BROWSER = ("jupyterlab",)
SETUP_CELL = {
    "cell_type": "code",
    "execution_count": None,
    "metadata": {"tags": ["jupyterlite-setup"]},
    "outputs": [],
    "source": [
        "# In the browser (JupyterLite) only: install mathkit from this site. Run me first.\n",
        f"%pip install -q {PACKAGE}",
    ],
}


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def download_wheels(specs: list[str], dest: Path, python_version: str = "3.14") -> list[Path]:
    """Pure-Python wheels from PyPI for ``specs`` (no dependencies), kept in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    pip(
        "download", "--quiet", "--no-deps", "--only-binary=:all:", "--implementation", "py",
        "--python-version", python_version, "--abi", "none", "--platform", "any",
        "--dest", str(dest), *specs,
    )  # fmt: skip
    names = {spec.split("==")[0].lower().replace("-", "_") for spec in specs}
    return sorted(w for w in dest.glob("*.whl") if w.name.split("-")[0].lower() in names)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def without_requirements(wheel: Path, drop: tuple[str, ...]) -> None:
    """Rewrite ``wheel`` in place with the ``Requires-Dist`` lines of ``drop`` removed (and the
    long description, which only PyPI's page shows), keeping RECORD's hashes right."""
    with zipfile.ZipFile(wheel) as zin:
        items = [(info, zin.read(info)) for info in zin.infolist()]
    out = []
    for info, data in items:
        if info.filename.endswith(".dist-info/METADATA"):
            head = data.decode("utf-8").split("\n\n", 1)[0]
            kept = [
                line
                for line in head.splitlines()
                if not any(line.startswith(f"Requires-Dist: {name}") for name in drop)
                and not line.startswith("Description-Content-Type")
            ]
            data = ("\n".join(kept) + "\n").encode("utf-8")
        out.append((info, data))
    record = []
    for info, data in out:
        if info.filename.endswith(".dist-info/RECORD"):
            record_name = info.filename
            continue
        record.append(f"{info.filename},{_record_hash(data)},{len(data)}")
    record.append(f"{record_name},,")
    tmp = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in out:
            if info.filename == record_name:
                data = ("\n".join(record) + "\n").encode("utf-8")
            zout.writestr(info, data)
    tmp.replace(wheel)


def mathkit_wheel(dest: Path) -> Path:
    """The mathkit wheel built from this checkout, ready for the browser."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("matrix_calculus_notebooks-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="mathkit-src-") as tmp:
        # a clean copy: setuptools reuses a build/ folder left in the checkout, stale modules too
        source = Path(tmp)
        shutil.copytree(ROOT / "mathkit", source / "mathkit",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            if (ROOT / name).exists():
                shutil.copy2(ROOT / name, source / name)
        for name in ("share", "etc"):  # pyproject's data-files (Voilà's template and config)
            shutil.copytree(ROOT / name, source / name)
        pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(source))
    (wheel,) = dest.glob("matrix_calculus_notebooks-*.whl")
    without_requirements(wheel, NOT_IN_BROWSER)
    return wheel


def lite_notebooks(dest: Path) -> list[Path]:
    """Copies of every notebook in ``notebooks/``, each with the setup cell in front."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(source.read_text(encoding="utf-8"))
        notebook["cells"].insert(0, dict(SETUP_CELL))
        target = dest / source.name
        target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
        written.append(target)
    return written


def build(output: Path = OUTPUT, pyodide: Path | None = None) -> Path:
    """Build the site into ``output``; Pyodide from ``pyodide`` (a folder holding
    ``pyodide.mjs``) or, by default, from its CDN at run time."""
    with tempfile.TemporaryDirectory(prefix="lite-") as tmp:
        staging = Path(tmp)
        lite_notebooks(staging / "contents")
        wheels = [mathkit_wheel(staging / "wheels")]
        wheels += download_wheels(SITE_WHEELS, CACHE / "site-wheels")
        command = [
            sys.executable, "-m", "jupyter", "lite", "build",
            "--lite-dir", str(LITE), "--output-dir", str(output),
            "--contents", str(staging / "contents"),
        ]  # fmt: skip
        for wheel in wheels:
            command += ["--piplite-wheels", str(wheel)]
        if output.exists():
            shutil.rmtree(output)
        subprocess.run(command, check=True, cwd=LITE)
    if pyodide is not None:
        use_local_pyodide(output, pyodide)
    return output


def use_local_pyodide(site: Path, pyodide: Path) -> None:
    """Serve Pyodide from the site's ``static/pyodide/`` instead of the CDN: what
    ``jupyter lite build`` does for a Pyodide in the lite folder's ``static/pyodide/``, done here
    after the build so that no test writes into lite/."""
    shutil.copytree(pyodide, site / "static" / "pyodide", dirs_exist_ok=True)
    config_path = site / "jupyter-lite.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    plugins = config["jupyter-config-data"].setdefault("litePluginSettings", {})
    kernel = plugins.setdefault("@jupyterlite/pyodide-kernel-extension:kernel", {})
    kernel["pyodideUrl"] = "./static/pyodide/pyodide.mjs"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="site folder (lite/_output)")
    parser.add_argument("--pyodide", type=Path, default=None, help="local Pyodide folder")
    args = parser.parse_args(argv)
    site = build(args.output.resolve(), args.pyodide.resolve() if args.pyodide else None)
    print(f"JupyterLite site: {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
