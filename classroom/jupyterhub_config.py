"""JupyterHub for a class on one machine: every learner gets a JupyterLab (and Voilà) server of
their own, started on their first click on an nbgitpuller link.

    python -m classroom                 # starts this hub on 127.0.0.1 and prints the class links
    jupyterhub -f classroom/jupyterhub_config.py     # the same hub, started by hand

Settings come from environment variables (``python -m classroom`` sets them), so the file needs no
editing for a trial:

    CLASSROOM_STATE     folder for the database, secrets, logs and the learners' homes
                        (default classroom/.state, git-ignored)
    CLASSROOM_IP        address the class connects to (default 127.0.0.1; a class on a LAN
                        needs the machine's address, and HTTPS in front of it)
    CLASSROOM_PORT      its port (default 8000); the hub and the proxy's API take the next two
    CLASSROOM_PASSWORD  the one password every learner types (8 characters or more; default: one
                        generated into $CLASSROOM_STATE/password)
    CLASSROOM_USERS     space-separated names allowed to log in (default: any name)

What each setting is for (found by starting 40 learners at once on a 2-core machine):

- Shared-password login and ``SimpleLocalProcessSpawner`` with a home folder per learner need no
  system accounts, but learners are not isolated from each other (same Unix user): for trials, a
  workshop on a trusted network, or a VM per class. For a real class swap in a first-use
  authenticator (``pip install jupyterhub-firstuseauthenticator``; ``authenticator_class =
  "firstuse"``) or your school's OAuth, and ``LocalProcessSpawner`` with system users, or Kubernetes
  (``classroom/z2jh-values.yaml``).
- ``implicit_spawn_seconds``: without it a learner's first click on an nbgitpuller link lands on
  "server not running" (424) and has to press a button.
- ``--KernelManager.transport=ipc``: kernels started at the same moment collided on TCP ports
  (``ZMQError: Address already in use``); Unix sockets cannot collide.
- ``--ServerApp.port_retries=0``: a server whose port was taken moved to another one, and the hub
  then reached a different learner's server; now it fails and is started again.
- Raised start and HTTP timeouts: starting a server costs 4-5 CPU-seconds, so 20 learners clicking
  together on 2 cores wait about a minute; the defaults (60 s / 30 s) fail beyond about 25.
- The JupyterLab settings Binder gets from ``binder/postBuild`` (no "Jupyter news" pop-up) are
  applied to every learner's server from ``binder/overrides.json``.
- A sync contents manager: Voilà 0.5 inlines a markdown image through it without awaiting, so with
  jupyter_server's default async one a notebook with an image (00) never rendered in Voilà.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines it when it loads this file)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STATE = Path(os.environ.get("CLASSROOM_STATE") or HERE / ".state").resolve()
IP = os.environ.get("CLASSROOM_IP", "127.0.0.1")
PORT = int(os.environ.get("CLASSROOM_PORT", "8000"))
USERS = os.environ.get("CLASSROOM_USERS", "").split()
PROXY = HERE / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
STATE.mkdir(parents=True, exist_ok=True)


def shared_password() -> str:
    """$CLASSROOM_PASSWORD, else the one kept in the state folder (made on first start)."""
    if os.environ.get("CLASSROOM_PASSWORD"):
        return os.environ["CLASSROOM_PASSWORD"]
    kept = STATE / "password"
    if not kept.exists():
        kept.write_text(secrets.token_urlsafe(9) + "\n", encoding="utf-8")
        kept.chmod(0o600)
    return kept.read_text(encoding="utf-8").strip()


def lab_settings() -> Path:
    """JupyterLab's settings folder for learners' servers: the environment's own (if any), plus
    ``binder/overrides.json``, the defaults ``binder/postBuild`` installs on Binder."""
    from jupyterlab.commands import get_app_dir

    folder = STATE / "lab-settings"
    folder.mkdir(exist_ok=True)
    installed = Path(get_app_dir()) / "settings"
    if installed.is_dir():
        shutil.copytree(installed, folder, dirs_exist_ok=True)
    shutil.copy(ROOT / "binder" / "overrides.json", folder / "overrides.json")
    return folder


def runtime_dir(spawner) -> str:
    """A short per-learner runtime folder: IPC kernels put Unix sockets there, and a socket's path
    must stay under about 100 characters ($CLASSROOM_RUNTIME, else one in the temp folder)."""
    tag = hashlib.sha1(str(STATE).encode()).hexdigest()[:8]
    root = os.environ.get("CLASSROOM_RUNTIME") or Path(tempfile.gettempdir()) / f"hub-{tag}"
    return str(Path(root) / spawner.user.name)


# The hub, its proxy and the proxy's API: this machine only, except the one public address.
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
if PROXY.exists():  # python -m classroom installs it here (npm); else it must be on PATH
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.cleanup_servers = True

# Log in with a name and the class password.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = shared_password()
if USERS:
    c.Authenticator.allowed_users = set(USERS)
else:
    c.Authenticator.allow_all = True

# One JupyterLab server per learner, in a home folder of their own (no system users).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.args = [
    "--KernelManager.transport=ipc",
    "--ServerApp.port_retries=0",
    f"--LabApp.app_settings_dir={lab_settings()}",
    # Voilà 0.5 calls the contents manager without awaiting it (markdown images): a sync one.
    "--ServerApp.contents_manager_class=jupyter_server.services.contents.largefilemanager"
    ".LargeFileManager",
]  # Voilà needs no argument: installing `voila` enables it on every server (/user/NAME/voila/...)
if os.geteuid() == 0:  # a container or a VM run as root; never otherwise
    c.Spawner.args.append("--ServerApp.allow_root=True")
c.Spawner.environment = {
    "JUPYTER_RUNTIME_DIR": runtime_dir,
    "CLASSROOM_STATE": str(STATE),  # lets benchmarks/bench_classroom.py find a class's processes
}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 240
c.JupyterHub.implicit_spawn_seconds = 1
