"""The server under test and what goes wrong with it: gunicorn with 4 workers on 127.0.0.1,
a worker killed, PostgreSQL restarted, SQLite locked by another writer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_PORT = int(os.environ.get("RELIABILITY_PG_PORT", "55445"))
PG_DIR = Path(
    os.environ.get("RELIABILITY_PG_DIR")
    or Path(tempfile.gettempdir()) / f"feedback_bot-reliability-pg-{PG_PORT}"
)


class Server:
    """gunicorn serving the app, stopped by its PID."""

    def __init__(self, port: int, env: dict[str, str], log: Path, workers: int = 4) -> None:
        self.port = port
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket",
             "-w", str(workers), "-b", f"127.0.0.1:{port}", "--backlog", "2048",
             "feedback_bot:create_app()"],
            cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{port}"
        self._wait_until_up(workers)

    def _wait_until_up(self, workers: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310  (http on 127.0.0.1)
                    if response.status == 200 and len(self.workers()) == workers:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start on port {self.port}; see {self.log.name}")

    def workers(self) -> list[int]:
        """The worker processes (children of the gunicorn master)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def kill_a_worker(self) -> int:
        """SIGKILL one worker, as the kernel's OOM killer would; the master starts another."""
        victim = self.workers()[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def start_postgres() -> str:
    """Our own throwaway cluster (never anyone else's: we restart it), its URL."""
    env = {**os.environ, "PG_TEST_PORT": str(PG_PORT), "PG_TEST_DIR": str(PG_DIR)}
    done = subprocess.run(
        [str(ROOT / "scripts" / "postgres.sh"), "start"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def stop_postgres() -> None:
    env = {**os.environ, "PG_TEST_PORT": str(PG_PORT), "PG_TEST_DIR": str(PG_DIR)}
    subprocess.run(
        [str(ROOT / "scripts" / "postgres.sh"), "stop"], env=env, capture_output=True, check=False
    )


def restart_postgres(away: float = 5.0) -> float:
    """Stop PostgreSQL (fast: connections are cut), keep it down for ``away`` seconds, and
    start it again; the seconds it was away."""
    began = time.monotonic()
    stop_postgres()
    time.sleep(away)
    start_postgres()
    return time.monotonic() - began


def lock_sqlite(path: str, seconds: float) -> threading.Thread:
    """Another program takes SQLite's write lock and holds it for a few seconds."""

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None, timeout=30)
        other.execute("BEGIN IMMEDIATE")
        time.sleep(seconds)
        other.rollback()
        other.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    return thread
