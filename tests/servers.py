"""Real app servers in subprocesses, and a child whose presses go to each server in turn.

Used by tests/test_servers.py and bench/bench_servers.py. The servers share nothing but the
database and SECRET_KEY, passed in the environment as a deployment would pass them.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)
NODE = re.compile(r'name="node" type="hidden" value="([^"]+)"')
OPTION = re.compile(r'name="answer" value="([^"]+)"')


def free_port() -> int:
    """A loopback port nobody is listening on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """gunicorn with the real config on 127.0.0.1:port; stopped by its process id."""

    def __init__(self, port: int, env: dict[str, str], workers: int = 1) -> None:
        self.port = port
        self.log = tempfile.NamedTemporaryFile(prefix=f"gunicorn-{port}-", suffix=".log")  # noqa: SIM115
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--no-control-socket",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "feedback_bot:create_app()",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    def wait(self, timeout: float = 60) -> None:
        """Until the health check answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = Path(self.log.name).read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the server on port {self.port} exited:\n{tail}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise RuntimeError(f"no server on port {self.port} after {timeout} s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Child:
    """One child with one cookie, whose every request goes to the next server in the list."""

    def __init__(self, ports: list[int], slug: str) -> None:
        self.ports = ports
        self.slug = slug
        self.cookie = ""
        self.sent = 0  # requests made, which also picks the server
        self.servers_used: set[int] = set()
        self.last_path = ""

    def _request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        port = self.ports[self.sent % len(self.ports)]
        self.sent += 1
        self.servers_used.add(port)
        self.last_path = path
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        conn.close()
        if method == "POST":
            if response.status != 303:
                raise AssertionError(f"{path} answered {response.status}, not 303")
            return self._request("GET", response.getheader("Location") or f"/c/{self.slug}")
        if response.status != 200:
            raise AssertionError(f"{path} answered {response.status}")
        return response.status, page

    def converse(self, text: str = "More time to talk please") -> int:
        """Start, answer every question (the first option, or a few words), send; the turns."""
        base = f"/c/{self.slug}"
        _, page = self._request("GET", base)
        _, page = self._request("POST", f"{base}/start", {"csrf_token": _token(page)})
        turns = 0
        while f'action="{base}/send"' not in page:
            node = NODE.search(page)
            if node is None:
                raise AssertionError("neither a question nor the review")
            form = {"csrf_token": _token(page), "node": node.group(1)}
            options = OPTION.findall(page)
            if options:
                form["answer"] = options[0]
                form["action"] = "answer"
            elif 'name="text"' in page:
                form |= {"text": text, "action": "answer"}
            else:
                form["action"] = "next"
            _, page = self._request("POST", base, form)
            turns += 1
        self._request("POST", f"{base}/send", {"csrf_token": _token(page)})
        if not self.last_path.startswith(f"{base}/thanks"):
            raise AssertionError(f"sending ended on {self.last_path}, not the thanks page")
        return turns


def _token(page: str) -> str:
    found = TOKEN.search(page)
    if found is None:
        raise AssertionError("no CSRF token on the page")
    return found.group(1) or found.group(2)
