"""How long each notebook takes to run top to bottom in a fresh kernel, against a 10 s target.

    .venv/bin/python benchmarks/bench_notebooks.py                    # every notebook
    .venv/bin/python benchmarks/bench_notebooks.py notebooks/02-*.ipynb

Each notebook is copied into a temporary folder and executed there with the same executor that
produces the committed notebooks (tools/execute_notebooks.py: fresh ``python3`` kernel, notebooks/
as the working directory), so the committed files are never rewritten. The time includes starting
the kernel. Exits 1 if any notebook takes longer than the target.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 10.0


def load_executor():
    """tools/execute_notebooks.py as a module (tools/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "execute_notebooks", ROOT / "tools" / "execute_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    executor = load_executor()
    paths = [Path(p) for p in argv] or sorted(executor.NOTEBOOKS.glob("*.ipynb"))
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
        for path in paths:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            times[path.name] = executor.execute(copy)
            print(f"{times[path.name]:6.2f} s  {path.name}", flush=True)
    slowest = max(times, key=times.get)
    verdict = "within" if times[slowest] <= TARGET_SECONDS else "OVER"
    print(f"max {times[slowest]:.2f} s ({slowest}): {verdict} the {TARGET_SECONDS:.0f} s target")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
