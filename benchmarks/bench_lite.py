"""First-load cost of the JupyterLite site: its size, time to a running kernel, time to
``import mathkit`` in the browser.

    .venv/bin/python benchmarks/bench_lite.py [--runs 3]

Builds the deployable site (as ``make lite``) and an offline copy that serves Pyodide from the site
itself (npm's runtime plus pure-Python wheels: lite/local_pyodide.py), then opens JupyterLite's
REPL in headless Chromium ``--runs`` times, each in a fresh browser (nothing cached):

- kernel: page load until the kernel has run its first cell (Pyodide, micropip, piplite, IPython);
- install: ``%pip install matrix-calculus-notebooks`` from the site (the notebooks' setup cell);
- import: ``import sympy``, then ``import mathkit``, timed inside the kernel (perf_counter), and
  the cells' wall time.

Offline the numpy and matplotlib fetches fail fast (no Pyodide build reachable here), so "install"
here is shorter than online, where the browser also downloads numpy (about 3 MB, more with
matplotlib) from the CDN. Needs lite/requirements.txt, Node/npm and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lite"))

import build_site  # noqa: E402
import lite_browser  # noqa: E402
from local_pyodide import local_pyodide  # noqa: E402

CELLS = [
    "print('kernel ready')",
    "%pip install -q matrix-calculus-notebooks",
    "import time\n_t = time.perf_counter()\nimport sympy\n"
    "print(f'{(time.perf_counter() - _t) * 1000:.0f}')",
    "_t = time.perf_counter()\nimport mathkit\nprint(f'{(time.perf_counter() - _t) * 1000:.0f}')",
]


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-lite-") as tmp:
        site = build_site.build(Path(tmp) / "site")
        (wheel,) = (site / "pypi").glob("matrix_calculus_notebooks-*.whl")
        pyodide = local_pyodide(Path(tmp) / "pyodide")
        offline = Path(tmp) / "offline"
        shutil.copytree(site, offline)
        build_site.use_local_pyodide(offline, pyodide)
        runtime = sum((pyodide / n).stat().st_size for n in ("pyodide.asm.wasm",
                      "pyodide.asm.mjs", "python_stdlib.zip", "pyodide.mjs"))  # fmt: skip
        symbolic = [w for w in pyodide.glob("*.whl") if w.name.startswith(("sympy", "mpmath"))]
        sympy = sum(w.stat().st_size for w in symbolic)
        print("JupyterLite site sizes")
        print(f"  deployable site (make lite, Pyodide from the CDN): {mb(size(site))} "
              f"in {sum(1 for p in site.rglob('*') if p.is_file())} files")  # fmt: skip
        print(f"  mathkit wheel: {wheel.stat().st_size / 1e3:.0f} kB")
        print(f"  Pyodide runtime (from the CDN online): {mb(runtime)}; sympy + mpmath wheels: "
              f"{mb(sympy)}")  # fmt: skip
        kernel, install, sympy_ms, inside, wall = [], [], [], [], []
        with lite_browser.serve(offline) as url:
            for _ in range(args.runs):
                run = lite_browser.run_in_repl(url, CELLS)
                kernel.append(run.seconds[0])
                install.append(run.seconds[1] - run.seconds[0])
                wall.append(run.seconds[3] - run.seconds[1])
                sympy_ms.append(float(run.outputs[2].split()[-1]))
                inside.append(float(run.outputs[3].split()[-1]))
    med = statistics.median
    print(f"JupyterLite first load, offline copy, headless Chromium, median of {args.runs}")
    print(f"  page load -> kernel running its first cell: {med(kernel):.1f} s "
          f"(min {min(kernel):.1f}, max {max(kernel):.1f})")  # fmt: skip
    print(f"  %pip install matrix-calculus-notebooks from the site: {med(install):.1f} s")
    print(f"  import mathkit: {(med(sympy_ms) + med(inside)) / 1000:.1f} s inside the kernel "
          f"(import sympy {med(sympy_ms) / 1000:.1f} s, then mathkit's own modules "
          f"{med(inside) / 1000:.1f} s); {med(wall):.1f} s of cells")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
