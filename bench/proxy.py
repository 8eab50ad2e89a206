"""nginx in front of a benchmark's gunicorn, as docs/deploy.md asks for in production. Bench only.

A sync worker that accepts a connection waits for its request, so a client that connects
and then pauses holds the worker. nginx reads each request whole before it passes it on, so
gunicorn's workers only ever see requests that are ready. bench_turn.py runs its paced
clients (children reading a question before they press) both straight at gunicorn and
through this proxy.

Debian's nginx package is installed if it is missing (as wrk is); its service is not used:
each proxy runs in the foreground from a folder of its own, and is stopped afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Addresses are not logged (access_log off), as in the app's own logs: see docs/privacy.md.
CONFIG = """\
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream app {{ server 127.0.0.1:{upstream}; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
"""


def _which(command: str) -> str | None:
    return shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin")


def ensure_debian(command: str, package: str) -> str:
    """A command's path, installing its Debian package when it is missing (as root)."""
    found = _which(command)
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(f"{command} is missing: sudo apt-get install {package}")
    print(f"Installing {package} (Debian package)...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)
    return _which(command) or command


@dataclass
class Proxy:
    """nginx (the binary at ``nginx``, from ``ensure_debian``) on ``port``, passing whole
    requests on to gunicorn on ``upstream``."""

    nginx: str
    upstream: int
    port: int
    process: subprocess.Popen[bytes] | None = None
    folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Proxy:
        self.folder = tempfile.TemporaryDirectory(prefix="bench-nginx-")
        path = Path(self.folder.name)
        config = path / "nginx.conf"
        config.write_text(CONFIG.format(folder=path, upstream=self.upstream, port=self.port))
        command = [self.nginx, "-p", str(path), "-c", str(config), "-e", str(path / "error.log")]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"nginx stopped: {(path / 'error.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"nginx did not listen on port {self.port}")

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish, then stop
            self.process.wait(timeout=30)
        if self.folder is not None:
            self.folder.cleanup()
