"""``python -m classroom`` (or ``make class``): a class on this machine, for a trial.

Installs JupyterHub's proxy (npm, into the git-ignored classroom/.proxy) if needed, puts this
checkout's committed HEAD in a local bare git repository (so nbgitpuller works offline, from a
``file://`` URL), starts ``classroom/jupyterhub_config.py`` on 127.0.0.1 and prints the demo
accounts and the links a teacher hands out: every notebook in JupyterLab and as a Voilà app.
Ctrl-C stops the hub and every learner's server.

    python -m classroom                       # http://127.0.0.1:8000, learners learner1..learner5
    python -m classroom --learners 20 --port 8100
    python -m classroom --repo https://github.com/you/fork --branch teaching   # links for a fork
"""

from __future__ import annotations

import argparse
import secrets
import signal
import sys
import time
from pathlib import Path

from . import hub as classroom


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m classroom",
        description="Start a class on a local JupyterHub (127.0.0.1); print the links to hand out.",
    )
    parser.add_argument("--port", type=int, default=8000, help="hub port on 127.0.0.1 (+1, +2 too)")
    parser.add_argument("--learners", type=int, default=5, help="demo accounts learner1..N")
    parser.add_argument("--password", default=None, help="the class password (default: random)")
    parser.add_argument("--state", type=Path, default=classroom.HERE / ".state",
                        help="folder for the hub's files and learners' homes")  # fmt: skip
    parser.add_argument("--repo", default=None,
                        help="git URL to pull (default: a file:// copy of this repo)")  # fmt: skip
    parser.add_argument("--branch", default=classroom.BRANCH)
    args = parser.parse_args(argv)

    password = args.password or secrets.token_urlsafe(9)
    users = [f"learner{i}" for i in range(1, args.learners + 1)]
    try:
        repo = args.repo or classroom.bare_repository(args.state / "git", branch=args.branch)
        hub = classroom.start_hub(args.state / "hub", password, args.port, users)
    except classroom.ClassroomUnavailable as missing:
        print(f"Cannot start the class: {missing}", file=sys.stderr)
        return 1
    # Ctrl-C, or a SIGTERM from a service manager, stops the hub (and its servers) cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with hub:
        print(f"\nJupyterHub for the class: {hub.url}   (log: {hub.log})")
        print(f"Accounts: {', '.join(users)}   password: {password}\n")
        for title, lab, voila in classroom.class_links(hub.url, repo, args.branch):
            print(f"{title}\n  JupyterLab: {lab}\n  Voilà app:  {voila}")
        print("\nCtrl-C stops the hub and every learner's server.")
        try:
            while hub.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            print("\nStopping ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
