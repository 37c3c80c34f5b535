"""Execute the notebooks top to bottom in a fresh kernel and save them clean.

    .venv/bin/python tools/execute_notebooks.py                 # every notebook in notebooks/
    .venv/bin/python tools/execute_notebooks.py notebooks/02-*.ipynb

Each notebook runs in its own fresh ``python3`` kernel with notebooks/ as the working directory.
Saved widget state, execution timings and per-cell run metadata are removed so that the committed
notebook holds only outputs that nbval can compare. Prints the execution time of each notebook.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop widget state and timings; keep the kernelspec, language info and cell tags."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK_METADATA}
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags",)}
    return nb


def execute(path: Path, timeout: int = 120) -> float:
    """Run ``path`` in a fresh kernel, save it cleaned, and return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(clean(nb), path)
    return seconds


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        print(f"{execute(path):6.2f} s  {path.name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
