"""Browser timings: what a learner waits for, measured in headless Chromium.

    .venv/bin/python benchmarks/bench_browser.py                 # timings (about a minute)
    .venv/bin/python benchmarks/bench_browser.py --repeats 30    # more latency samples
    .venv/bin/python benchmarks/bench_browser.py --screenshots docs/screenshots

Uses the same helpers as the browser tests (tests/browser/: servers, chromium, jupyterlab_page,
voila_page, widgets, latency):
one JupyterLab on a free loopback port with temporary HOME and Jupyter directories, serving a
temporary copy of notebooks/ and the generated explorer notebook, then Voilà. It prints

- server start times (JupyterLab, Voilà);
- "Run All Cells" per notebook in JupyterLab (from the menu click until no cell is running) and
  the Voilà render per notebook (until the page has loaded, every cell executed);
- keystroke -> rendered Jacobian latency, p50 / p95 / max: from the Enter keydown in the page
  until MathJax has typeset the new Jacobian (``performance.now()`` in the page, so it includes
  the kernel round trip, sympy, the widget update and typesetting).

With ``--screenshots DIR`` it also saves one PNG per explorer (and an exercise after a wrong
answer) from the Voilà app view, for the README. These are figures to read, not assertions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import chromium as ch  # noqa: E402
import jupyterlab_page as jl  # noqa: E402
import latency  # noqa: E402
import learner  # noqa: E402
import notebook_files as nf  # noqa: E402
import servers  # noqa: E402
import voila_page  # noqa: E402
import widgets  # noqa: E402

SCREENSHOT_VIEWPORT = {"width": 960, "height": 900}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_line(name: str, ms: list[float]) -> str:
    return (
        f"{name:<50} n={len(ms):<3} p50={statistics.median(ms):7.1f} ms  "
        f"p95={percentile(ms, 0.95):7.1f} ms  max={max(ms):7.1f} ms"
    )


def seconds_line(name: str, seconds: float) -> str:
    return f"{name:<50} {seconds:7.2f} s"


def bench_lab(browser, root: Path, work: Path, repeats: int) -> list[str]:
    out = []
    with servers.jupyter_lab(root, work / "lab") as lab:
        out.append(seconds_line("JupyterLab start (until /api/status)", lab.started_in))
        for path in nf.notebook_paths(root / "notebooks"):
            page = ch.new_page(browser)
            try:
                opened = jl.open_notebook(page, lab, f"notebooks/{path.name}")
                ran = jl.run_all_cells(page)
                problems = jl.wait_until_settled(page, nf.read_cells(path))
                note = "" if not problems else f"  ({len(problems)} problem(s): {problems[0]})"
                out.append(seconds_line(f"Lab open {path.name}", opened))
                out.append(seconds_line(f"Lab run all {path.name}", ran) + note)
            finally:
                page.context.close()
                servers.shutdown_kernels(lab)
        page = ch.new_page(browser)
        try:
            jl.open_notebook(page, lab, nf.SCRATCH)
            out.append(seconds_line("Lab run all (explorer notebook)", jl.run_all_cells(page)))
            widgets.wait_for_explorers(page)
            ms = latency.measure_latency(page, repeats)
            out.append(latency_line("keystroke -> Jacobian typeset (JupyterLab)", ms))
        finally:
            page.context.close()
            servers.shutdown_kernels(lab)
    return out


def bench_voila(browser, root: Path, work: Path, repeats: int, shots: Path | None) -> list[str]:
    out = []
    with servers.voila(root / "notebooks", work / "voila-notebooks") as server:
        out.append(seconds_line("Voilà start (folder)", server.started_in))
        for path in nf.notebook_paths(root / "notebooks"):
            page = ch.new_page(browser)
            try:
                seconds, _ = voila_page.open_voila(page, f"{server.url}voila/render/{path.name}")
                out.append(seconds_line(f"Voilà render {path.name}", seconds))
            finally:
                page.context.close()
    with servers.voila(root / nf.SCRATCH, work / "voila-app") as server:
        out.append(seconds_line("Voilà start (one notebook)", server.started_in))
        page = ch.new_page(browser)
        try:
            seconds, _ = voila_page.open_voila(page, server.url)
            out.append(seconds_line("Voilà render (explorer notebook)", seconds))
            widgets.wait_for_explorers(page)
            ms = latency.measure_latency(page, repeats)
            out.append(latency_line("keystroke -> Jacobian typeset (Voilà)", ms))
        finally:
            page.context.close()
        if shots is not None:
            out += reference_screenshots(browser, server, shots)
    return out


def reference_screenshots(browser, server: servers.Server, folder: Path) -> list[str]:
    """One PNG per explorer and one of an exercise after a wrong answer, from a fresh app page."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SCREENSHOT_VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    saved = []
    try:
        voila_page.open_voila(page, server.url)
        widgets.wait_for_explorers(page)
        for name in nf.EXPLORERS:
            box = widgets.explorer(page, name)
            box.scroll_into_view_if_needed()
            path = folder / f"{name}-explorer.png"
            box.screenshot(path=str(path))
            saved.append(path)
        quiz = page.locator(f".mathkit-exercise-{nf.EXERCISE.replace('.', '-')}").first
        widgets.type_text(quiz.locator(".mathkit-answer input").first, learner.WRONG_ANSWER)
        quiz.locator(".mathkit-incorrect").first.wait_for()
        path = folder / "exercise-feedback.png"
        quiz.screenshot(path=str(path))
        saved.append(path)
    finally:
        context.close()
    return [f"screenshot {p.relative_to(ROOT)} ({p.stat().st_size // 1024} kB)" for p in saved]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20, help="latency samples per view")
    parser.add_argument("--screenshots", type=Path, default=None, help="save reference PNGs here")
    parser.add_argument("--skip-voila", action="store_true", help="JupyterLab only")
    args = parser.parse_args(argv)

    executable = ch.find_chromium()
    if executable is None:
        print(f"bench_browser: skipped ({ch.NO_CHROMIUM})")
        return 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        work = Path(tmp)
        root = work / "root"
        nf.copy_notebooks(root)
        nf.write_explorer_notebook(root / nf.SCRATCH)
        with ch.chromium(executable) as browser:
            lines = bench_lab(browser, root, work, args.repeats)
            if not args.skip_voila:
                shots = args.screenshots.resolve() if args.screenshots else None
                lines += bench_voila(browser, root, work, args.repeats, shots)
    print(f"browser timings (headless Chromium {executable}):")
    for line in lines:
        print(f"  {line}")
    print(f"  {'total':<50} {time.perf_counter() - start:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
