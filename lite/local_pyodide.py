"""A Pyodide that works offline: npm's runtime plus pure-Python wheels from PyPI.

npm's ``pyodide`` package holds the runtime only; its ``pyodide-lock.json`` names every package
by a file name that is looked for beside ``pyodide.mjs`` (else on the CDN). The pure-Python
packages the tests need are on PyPI: :func:`local_pyodide` puts those wheels (pinned in
``lite/pyodide-wheels.txt``) beside the runtime and rewrites their lock entries' ``file_name``,
``sha256`` and ``version`` (Pyodide rebuilds its wheels, so PyPI's hashes differ). Wheels the
lock does not name (hypothesis) are copied too, for micropip to install from the folder.

numpy and matplotlib are compiled for Pyodide and on no registry reachable here: what needs
them in the browser is checked online only (see the README's JupyterLite section).

    python lite/local_pyodide.py DEST     # make DEST a local Pyodide (needs npm the first time)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

LITE = Path(__file__).resolve().parent
CACHE = LITE / ".cache"
RUNTIME = LITE / "node_modules" / "pyodide"
WHEEL_LIST = LITE / "pyodide-wheels.txt"
sys.path.insert(0, str(LITE))

from build_site import download_wheels  # noqa: E402

RUNTIME_FILES = ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip", "pyodide-lock.json", "package.json")  # fmt: skip


def normalized(name: str) -> str:
    """PEP 503 name: ``Prompt_Toolkit`` -> ``prompt-toolkit``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime() -> Path:
    """npm's Pyodide in lite/node_modules, installed from lite/package-lock.json if missing
    (npm's cache kept in lite/.cache/npm)."""
    if not (RUNTIME / "pyodide.mjs").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--cache", str(CACHE / "npm")],
            cwd=LITE,
            check=True,
        )
    return RUNTIME


def pinned_wheels() -> list[str]:
    lines = WHEEL_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def stand_in(lock: dict, wheels: list[Path]) -> list[str]:
    """Point the lock's entries at ``wheels`` (by project name); returns the names replaced."""
    packages = {normalized(name): entry for name, entry in lock["packages"].items()}
    replaced = []
    for wheel in wheels:
        name, version = wheel.name.split("-")[:2]
        entry = packages.get(normalized(name))
        if entry is None:
            continue
        entry.update(
            file_name=wheel.name,
            version=version,
            sha256=hashlib.sha256(wheel.read_bytes()).hexdigest(),
        )
        replaced.append(normalized(name))
    return replaced


def local_pyodide(dest: Path) -> Path:
    """Make ``dest`` a Pyodide distribution that loads the pinned pure-Python wheels locally."""
    source = runtime()
    wheels = download_wheels(pinned_wheels(), CACHE / "pyodide-wheels")
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(source / name, dest / name)
    for wheel in wheels:
        shutil.copy2(wheel, dest / wheel.name)
    lock = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))
    stand_in(lock, wheels)  # the others (hypothesis) install with micropip from the folder
    (dest / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(local_pyodide(Path(sys.argv[1]).resolve()))
