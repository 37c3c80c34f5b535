"""How many learners one machine holds: N learners through a local JupyterHub, end to end.

Each learner (classroom/learner.py) does what a browser does: clicks the teacher's nbgitpuller link,
logs in through the hub's form, waits for their server, lets nbgitpuller clone a local bare git
repository of this project, lands in JupyterLab, opens a notebook (session + kernel over REST), runs
its cells over the kernel websocket, then moves an explorer's slider (widget ``comm_msg``) at a
learner's pace. All learners click at the same moment (``--stagger`` spreads them out).

Loopback only (the hub binds 127.0.0.1), bounded: at most 40 learners, and each N stops after
``--time-limit`` seconds. Prints per N: learners ok, spawn p50/max, link-to-Lab max, update
p50/p95/max, memory (PSS) per learner and in all (learners + hub + proxy).

    python benchmarks/bench_classroom.py                     # N = 1, 5, 10, 20
    python benchmarks/bench_classroom.py --learners 3 --updates 5 --stagger 2
    python benchmarks/bench_classroom.py --learners 5 --notebook notebooks/02-gradients.ipynb
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classroom import hub as classroom  # noqa: E402
from classroom.learner import Learner, LearnerError, LearnerReport  # noqa: E402
from mathkit import links  # noqa: E402

MAX_LEARNERS = 40
FOLDER = links.repo_folder(links.repository_url(ROOT / "pyproject.toml"))


def lesson(hub: classroom.Hub, repo: str, name: str, args, finished: list, done: threading.Event):
    """One learner's lesson; the notebook then stays open until ``done`` (memory is read live)."""
    learner = Learner(hub.url, name, hub.password)
    kernel = None
    try:
        learner.follow(classroom.lab_link(hub.url, repo, args.notebook))
        kernel = learner.open_notebook(f"{FOLDER}/{args.notebook}")
        learner.run_notebook(f"{FOLDER}/{args.notebook}", kernel)
        if learner.report.cell_errors:
            raise LearnerError(learner.report.cell_errors[0])
        for i in range(args.updates):
            started = time.monotonic()
            learner.move_slider(kernel, round(0.5 + 0.1 * (i % 10), 2))
            time.sleep(max(0.0, args.pace - (time.monotonic() - started)))
        learner.report.ok = True
    except (LearnerError, OSError, ValueError) as error:
        learner.report.error = f"{type(error).__name__}: {error}"
    finished.append(learner.report)
    done.wait(args.time_limit)
    if kernel is not None:
        kernel.close()


def pss_mib(pid: int) -> float:
    """Proportional set size of a process in MiB (shared pages split among their users)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory(hub: classroom.Hub) -> tuple[dict[str, float], float]:
    """MiB per learner (their server and kernels) and for the whole class (plus hub and proxy)."""
    per_user: dict[str, float] = {}
    total = 0.0
    for pid in classroom.class_processes(f"CLASSROOM_STATE={hub.state}".encode()):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        user = next((e[16:].decode() for e in environ if e.startswith(b"JUPYTERHUB_USER=")), None)
        mib = pss_mib(pid)
        total += mib
        if user:
            per_user[user] = per_user.get(user, 0.0) + mib
    return per_user, total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(n: int, args, repo: str, state: Path) -> dict:
    """N learners on a fresh hub; their reports and the class's memory while all are connected."""
    with classroom.start_hub(state / f"hub-{n}", secrets.token_urlsafe(12)) as hub:
        finished: list[LearnerReport] = []
        done = threading.Event()
        threads = []
        deadline = time.monotonic() + args.time_limit
        for i in range(n):
            thread = threading.Thread(
                target=lesson,
                args=(hub, repo, f"learner{i + 1}", args, finished, done),
                daemon=True,
            )
            thread.start()
            threads.append(thread)
            time.sleep(args.stagger)
        while len(finished) < n and time.monotonic() < deadline:
            time.sleep(0.5)
        per_user, total = memory(hub)
        done.set()
        for thread in threads:
            thread.join(30)
    reports = {r.name: r for r in finished}
    for i in range(n):  # learners still going at the time limit
        reports.setdefault(f"learner{i + 1}", LearnerReport(f"learner{i + 1}", error="time limit"))
    return {"reports": list(reports.values()), "per_user": per_user, "total": total}


def row(n: int, outcome: dict) -> str:
    reports = outcome["reports"]
    ok = [r for r in reports if r.ok]
    spawns = [r.spawn for r in reports if r.spawn is not None]
    lab = [r.link_to_lab for r in reports if r.link_to_lab is not None]
    updates = [u * 1000 for r in reports for u in r.updates]
    per = outcome["per_user"]
    learners_mib = statistics.mean(per.values()) if per else 0.0

    def s(values, f=max):
        return f"{f(values):6.1f}" if values else "     -"

    upd = (
        f"{percentile(updates, 0.5):5.0f} {percentile(updates, 0.95):5.0f} {max(updates):5.0f}"
        if updates
        else "    -     -     -"
    )
    return (
        f"{n:4d} {len(ok):4d}/{n:<3d} {s(spawns, statistics.median)} {s(spawns)} {s(lab)}   {upd}"
        f"   {learners_mib:6.0f} {outcome['total']:8.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--notebook", default="notebooks/03-jacobian.ipynb")
    parser.add_argument("--updates", type=int, default=10, help="slider moves per learner")
    parser.add_argument("--pace", type=float, default=1.0, help="seconds between a learner's moves")
    parser.add_argument(
        "--stagger", type=float, default=0.0, help="seconds between learners' clicks"
    )
    parser.add_argument("--time-limit", type=float, default=600, help="seconds per N at most")
    args = parser.parse_args(argv)
    if max(args.learners) > MAX_LEARNERS or min(args.learners) < 1:
        parser.error(f"learners must be between 1 and {MAX_LEARNERS}")
    if classroom.missing_python_packages():
        print("bench_classroom: skipped (pip install -e '.[classroom]')")
        return 0
    try:
        classroom.ensure_proxy()
    except classroom.ClassroomUnavailable as reason:
        print(f"bench_classroom: skipped ({reason})")
        return 0

    load = os.getloadavg()
    print(f"bench_classroom: {args.notebook}, {args.updates} slider moves per learner every "
          f"{args.pace:g} s, learners clicking {args.stagger:g} s apart")  # fmt: skip
    print(f"machine: {os.cpu_count()} cores, {_ram_gib():.0f} GiB RAM, load average at start "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")  # fmt: skip
    print("   N   ok     spawn s       link→Lab  update ms           memory MiB")
    print("                p50    max    max s     p50   p95   max   /learner   in all")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        state = Path(tmp)
        repo = classroom.bare_repository(state / "git")
        for n in args.learners:
            outcome = run(n, args, repo, state)
            print(row(n, outcome), flush=True)
            for r in outcome["reports"]:
                if not r.ok:
                    failures += 1
                    print(f"        {r.name}: {r.error}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 1 if failures else 0


def _ram_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


if __name__ == "__main__":
    sys.exit(main())
