"""One learner, played without a browser but making the requests a browser makes.

A learner clicks a teacher's nbgitpuller link, logs in through the hub's form, waits for their
server (implicit spawn, progress stream), lets nbgitpuller clone the repository, lands in
JupyterLab, opens a notebook (a session and a kernel over REST), runs its cells over the kernel's
websocket, then moves an explorer's slider: a widget ``comm_msg`` like the one JupyterLab sends,
answered by the kernel updating the explorer's other widgets. Used by ``tests/test_classroom.py``
and ``benchmarks/bench_classroom.py``.
"""

from __future__ import annotations

import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

import requests
import websocket

HTTP_TIMEOUT = 120  # one request; a hub busy starting 20 servers answers slowly


@dataclass
class LearnerReport:
    """What happened to one learner; times in seconds."""

    name: str
    ok: bool = False
    error: str = ""
    spawn: float | None = None  # server start: the spawn request until the server is ready
    link_to_lab: float | None = None  # the click on the link until JupyterLab's page has loaded
    cloned: list[str] = field(default_factory=list)  # notebooks found in the clone
    cells: int = 0  # code cells run
    cell_errors: list[str] = field(default_factory=list)
    updates: list[float] = field(default_factory=list)  # explorer updates answered, latency each
    voila: bool | None = None  # the Voilà link rendered its notebook without a cell error


class LearnerError(RuntimeError):
    """A step a learner could not get past (the message names the step)."""


class Learner:
    """A browser-like client for one learner of the class at ``hub`` (http://127.0.0.1:8000)."""

    def __init__(self, hub: str, name: str, password: str):
        self.hub = hub.rstrip("/")
        self.name = name
        self.password = password
        self.http = requests.Session()
        self.report = LearnerReport(name)
        self.base = f"/user/{quote(name)}/"

    # -- HTTP as a browser ------------------------------------------------------------------
    def _get(self, url: str, **kw) -> requests.Response:
        return self.http.get(urljoin(self.hub + "/", url), timeout=HTTP_TIMEOUT, **kw)

    def _xsrf(self) -> str:
        """The single-user server's ``_xsrf`` cookie (JupyterLab sends it back as a header)."""
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and cookie.path.rstrip("/") == self.base.rstrip("/"):
                return cookie.value
        raise LearnerError("no _xsrf cookie from the learner's server")

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": self._xsrf(), "Referer": self.hub + self.base + "lab"}
        response = self.http.request(
            method, self.hub + self.base + path, headers=headers, timeout=HTTP_TIMEOUT, **kw
        )
        if not response.ok:
            raise LearnerError(f"{method} {path}: HTTP {response.status_code}")
        return response

    # -- the link ---------------------------------------------------------------------------
    def follow(self, link: str) -> requests.Response:
        """Click ``link`` (an nbgitpuller link): log in, wait for the server, let nbgitpuller pull,
        and return the page it finally opens (JupyterLab or Voilà)."""
        started = time.monotonic()
        page = self._get(link)
        if urlsplit(page.url).path.endswith("/hub/login"):
            page = self._log_in(page)
        if page.status_code == 424:  # "server not running": the page's script spawns it
            page = self._spawn(page)
        elif "/hub/spawn-pending/" in page.url:
            page = self._wait_for_server(page, time.monotonic())
        if page.status_code != 200 or "/git-pull" not in urlsplit(page.url).path:
            raise LearnerError(
                f"expected nbgitpuller's page, got HTTP {page.status_code} at {page.url}"
            )
        target = self._pull(page)
        if not target.ok:
            raise LearnerError(f"after the pull: HTTP {target.status_code} at {target.url}")
        self.report.link_to_lab = time.monotonic() - started
        return target

    def _log_in(self, form: requests.Response) -> requests.Response:
        match = re.search(r'name="_xsrf"\s+value="([^"]+)"', form.text)
        if not match:
            raise LearnerError("the login page has no _xsrf field")
        data = {"username": self.name, "password": self.password, "_xsrf": html.unescape(match[1])}
        page = self.http.post(form.url, data=data, timeout=HTTP_TIMEOUT)
        if urlsplit(page.url).path.endswith("/hub/login"):
            raise LearnerError(f"login refused (HTTP {page.status_code})")
        return page

    def _spawn(self, not_running: requests.Response) -> requests.Response:
        link = re.search(r'id="start".*?href="([^"]+)"', not_running.text, re.DOTALL)
        wait = re.search(r"implicit_spawn_seconds = (\d+)", not_running.text)
        if not link or not wait:
            raise LearnerError(
                "'server not running' without implicit spawn (implicit_spawn_seconds)"
            )
        time.sleep(int(wait[1]))
        started = time.monotonic()
        page = self._get(urljoin(not_running.url, html.unescape(link[1])))
        if "/hub/spawn-pending/" in page.url:
            return self._wait_for_server(page, started)
        self.report.spawn = time.monotonic() - started  # started within the hub's 10 s wait
        return page

    def _wait_for_server(self, pending: requests.Response, started: float) -> requests.Response:
        """Read the spawn progress stream, as the pending page does, then reload the page."""
        progress = re.search(r'new EventSource\("([^"]+)"\)', pending.text)
        if not progress:
            raise LearnerError("the spawn-pending page has no progress stream")
        url = urljoin(pending.url, html.unescape(progress[1]))
        for event in self._events(url):
            if event.get("failed"):
                raise LearnerError(f"spawn failed: {event.get('message', '')}")
            if event.get("ready"):
                break
        self.report.spawn = time.monotonic() - started
        return self._get(pending.url)

    def _events(self, url: str):
        """The JSON events of a server-sent event stream."""
        with self.http.get(url, stream=True, timeout=HTTP_TIMEOUT) as stream:
            if not stream.ok:
                raise LearnerError(f"event stream {url}: HTTP {stream.status_code}")
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    yield json.loads(line[5:])

    def _pull(self, status: requests.Response) -> requests.Response:
        """nbgitpuller's page: stream ``git-pull/api`` until finished, then open its target."""
        data = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', status.text))
        query = {
            "_xsrf": unquote(data.get("xsrf", "")),
            "repo": unquote(data["repo"]),
            "targetpath": unquote(data["targetpath"]),
        }
        if "branch" in data:
            query["branch"] = unquote(data["branch"])
        api = urljoin(status.url.split("?")[0] + "/", "api") + "?" + urlencode(query)
        phase = None
        for event in self._events(api):
            phase = event.get("phase")
            if phase == "error":
                raise LearnerError(f"nbgitpuller: {event.get('message', '')[-300:]}")
            if phase == "finished":
                break
        if phase != "finished":
            raise LearnerError("nbgitpuller's stream ended before it finished")
        return self._get(self.base + unquote(data["path"]).lstrip("/"))

    # -- a notebook -------------------------------------------------------------------------
    def notebook_cells(self, path: str) -> list[str]:
        """The code cells of ``path`` (relative to the learner's home) as the server holds it."""
        content = self.api("GET", f"api/contents/{quote(path)}").json()["content"]
        return ["".join(c["source"]) for c in content["cells"] if c["cell_type"] == "code"]

    def open_notebook(self, path: str) -> Kernel:
        """What JupyterLab does on opening a notebook: a session, whose kernel we then talk to."""
        session = self.api(
            "POST",
            "api/sessions",
            json={
                "path": path,
                "name": path.split("/")[-1],
                "type": "notebook",
                "kernel": {"name": "python3"},
            },  # fmt: skip
        ).json()
        ws = (
            self.hub.replace("http", "ws", 1) + self.base + f"api/kernels/{session['kernel']['id']}"
        )
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        kernel = Kernel(f"{ws}/channels?session_id={session['id']}", cookies, self.hub)
        kernel.session_id = session["id"]
        return kernel

    def close_notebook(self, kernel: Kernel) -> None:
        """Close the tab: the websocket, then the session (which shuts its kernel down)."""
        kernel.close()
        self.api("DELETE", f"api/sessions/{kernel.session_id}")

    def run_notebook(self, path: str, kernel: Kernel, timeout: float = 300) -> None:
        """Run every code cell of ``path`` in order, recording the cells that raised."""
        cells = self.notebook_cells(path)
        self.report.cloned.append(path)
        for i, source in enumerate(cells, 1):
            error = kernel.execute(source, timeout)
            self.report.cells += 1
            if error:
                self.report.cell_errors.append(f"{path} cell {i}: {error}")

    def move_slider(self, kernel: Kernel, value: float, timeout: float = 60) -> float:
        """Move an explorer's first slider to ``value``; seconds until the explorer answered."""
        latency = kernel.update_widget(kernel.first_widget("FloatSliderModel"), value, timeout)
        self.report.updates.append(latency)
        return latency


class Kernel:
    """A kernel's websocket as JupyterLab uses it (JSON messages, one ``channel`` field each)."""

    def __init__(self, url: str, cookies: str, origin: str):
        self.ws = websocket.create_connection(
            url, cookie=cookies, origin=origin, timeout=HTTP_TIMEOUT
        )
        self.session = uuid.uuid4().hex
        self.session_id = ""  # the server's session (REST), set by Learner.open_notebook
        self.widgets: dict[str, str] = {}  # comm id -> widget model name, in opening order

    def close(self) -> None:
        self.ws.close()

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                  "username": "learner", "version": "5.3", "date": ""}  # fmt: skip
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content,
                   "buffers": [], "channel": channel}  # fmt: skip
        self.ws.send(json.dumps(message))
        return msg_id

    def _messages(self, parent: str, timeout: float):
        """Messages answering ``parent`` until the kernel is idle again (noting widgets opened)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LearnerError(f"the kernel did not answer within {timeout:.0f} s")
            self.ws.settimeout(left)
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise LearnerError(f"the kernel did not answer within {timeout:.0f} s") from None
            kind = message["header"]["msg_type"]
            if kind == "comm_open" and message["content"].get("target_name") == "jupyter.widget":
                state = message["content"].get("data", {}).get("state", {})
                self.widgets[message["content"]["comm_id"]] = state.get("_model_name", "")
            if message.get("parent_header", {}).get("msg_id") != parent:
                continue
            yield message
            if kind == "status" and message["content"]["execution_state"] == "idle":
                return

    def execute(self, code: str, timeout: float = 300) -> str:
        """Run ``code``; its error as ``ename: evalue``, or "" when it ran."""
        msg_id = self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})  # fmt: skip
        error = ""
        for message in self._messages(msg_id, timeout):
            if message["header"]["msg_type"] == "error":
                error = f"{message['content']['ename']}: {message['content']['evalue']}"
        return error

    def first_widget(self, model: str) -> str:
        for comm_id, name in self.widgets.items():
            if name == model:
                return comm_id
        raise LearnerError(f"the notebook opened no {model} widget")

    def update_widget(self, comm_id: str, value, timeout: float = 60) -> float:
        """Send a widget ``update`` (a slider moved) and time the explorer's answer: the kernel's
        updates to *other* widgets (its outputs), until it is idle."""
        started = time.monotonic()
        msg_id = self._send("shell", "comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})  # fmt: skip
        answered = False
        for message in self._messages(msg_id, timeout):
            content = message["content"]
            answered |= (
                message["header"]["msg_type"] == "comm_msg" and content["comm_id"] != comm_id
            )
        if not answered:
            raise LearnerError("the explorer did not update after its slider moved")
        return time.monotonic() - started


def voila_renders(page: requests.Response, title: str) -> bool:
    """A Voilà page that ran every cell: HTTP 200 from Voilà, showing the notebook's ``title`` (its
    words: the heading may hold markdown or math), without Voilà's "error when executing cell" or a
    traceback."""
    words = re.findall(r"[^\W\d_]{3,}", title) or [title]
    return (
        page.status_code == 200
        and "/voila/render/" in page.url
        and all(html.escape(word, quote=False) in page.text for word in words)
        and "There was an error when executing cell" not in page.text
        and "Traceback" not in page.text
    )
