"""Results at national scale: a million conversations, on SQLite and on PostgreSQL. Not a test.

    .venv/bin/python bench/bench_results.py [--conversations 1000000] [--database sqlite|postgresql]

Loads N made-up sent conversations with the demo-data generator (timed), then measures,
through the real app and a signed-in analyst:
  - the results page for each breakdown (median of 5; target under 1 s);
  - the aggregate export (CSV) and the response-level export of every answer row (CSV and
    ODS), each streamed to the end in a fresh process, with that process's peak memory
    (ru_maxrss; target under 150 MB).
PostgreSQL is the throwaway cluster of scripts/postgres.sh (or BENCH_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pyotp

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "harbour lantern meadow"  # noqa: S105  (throwaway bench accounts)
SIGN_INS = 4  # one analyst account each: a TOTP code works once per account


def _rss_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Peak:
    """The highest resident memory seen, sampled every 5 ms in a thread, from now until stop()."""

    def __init__(self) -> None:
        self.start = self.peak = _rss_mb()
        self.running = True
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while self.running:
            self.peak = max(self.peak, _rss_mb())
            time.sleep(0.005)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return max(self.peak, _rss_mb())


def _app(url: str) -> Any:
    from feedback_bot import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})


def _token(client: Any, path: str) -> str:
    found = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(path).get_data(as_text=True)
    )
    if found is None:
        raise SystemExit(f"no form token on {path}")
    return found.group(1)


def _client(app: Any, secrets: list[str], n: int) -> Any:
    """Analyst number n signed in."""
    client = app.test_client()
    token = _token(client, "/staff/sign-in")
    client.post(
        "/staff/sign-in",
        data={"email": f"bench{n}@example.gov.uk", "password": PASSWORD, "csrf_token": token},
    )
    code = pyotp.TOTP(secrets[n]).now()
    reply = client.post(
        "/staff/sign-in/code",
        data={"code": code, "csrf_token": _token(client, "/staff/sign-in/code")},
    )
    if reply.status_code != 302:
        raise SystemExit("could not sign in")
    return client


def load(url: str, count: int) -> tuple[float, list[str]]:
    """A fresh schema with the demo consultation, a bench analyst and N conversations."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from feedback_bot.extensions import db

    app = _app(url)
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    secrets = []
    for n in range(SIGN_INS):
        made = runner.invoke(
            args=["create-staff", "--email", f"bench{n}@example.gov.uk", "--role", "analyst"],
            input=PASSWORD + "\n",
        )
        found = re.search(r"^totp-secret: (\S+)$", made.output, re.M)
        if found is None:
            raise SystemExit(made.output)
        secrets.append(found.group(1))
    started = time.perf_counter()
    loaded = runner.invoke(
        args=["demo-data", "--consultation", "demo", "--conversations", str(count)]
    )
    seconds = time.perf_counter() - started
    print(f"  load: {loaded.output.strip()} (wall {seconds:.0f} s)")
    return seconds, secrets


def page_times(url: str, secrets: list[str]) -> None:
    client = _client(_app(url), secrets, SIGN_INS - 1)
    for by in ("all", "age", "language", "quarter", "month"):
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            reply = client.get(f"/staff/consultations/1/results?by={by}")
            runs.append(time.perf_counter() - started)
            assert reply.status_code == 200, reply.status_code
        print(
            f"  results page by {by:8}: median {statistics.median(runs) * 1000:6.0f} ms, slowest {max(runs) * 1000:6.0f} ms"
        )


def export_in_fresh_process(url: str, secrets: list[str], path: str, n: int) -> None:
    """Stream one export to the end in a new interpreter; print its time, size and peak RSS."""
    code = (
        "import sys, time, json; sys.path.insert(0, 'bench');"
        "from bench_results import _app, _client, Peak;"
        f"c = _client(_app({url!r}), {secrets!r}, {n}); peak = Peak();"
        f"t = time.perf_counter(); r = c.get({path!r}, buffered=False); n = 0\n"
        "for chunk in r.response: n += len(chunk)\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'bytes': n, "
        "'before_mb': peak.start, 'peak_mb': peak.stop()}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"  {path:45} {figures['seconds']:6.1f} s  {figures['bytes'] / 1e6:8.1f} MB out  "
        f"RSS {figures['before_mb']:4.0f} MB before, peak {figures['peak_mb']:4.0f} MB while streaming"
    )


def _bench_database() -> str:
    """A database of its own in the throwaway cluster, so tests running there are not touched."""
    import psycopg

    tests = subprocess.run(
        ["scripts/postgres.sh", "start"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    server, _slash, _name = tests.rpartition("/")
    with psycopg.connect(
        server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True
    ) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'feedback_bot_bench'"
        ).fetchone():
            conn.execute("CREATE DATABASE feedback_bot_bench")
    return f"{server}/feedback_bot_bench"


def _secrets(url: str) -> list[str]:
    """The bench analysts' TOTP seeds, from the database an earlier run filled."""
    from sqlalchemy import select

    from feedback_bot.extensions import db
    from feedback_bot.models import StaffUser

    with _app(url).app_context():
        emails = [f"bench{n}@example.gov.uk" for n in range(SIGN_INS)]
        users = {u.email: u.totp_secret for u in db.session.scalars(select(StaffUser))}
        return [users[email] for email in emails]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL only: measure the data an earlier run loaded, without loading again",
    )
    args = parser.parse_args()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs; {args.database}, {args.conversations:,} conversations"
    )
    with tempfile.TemporaryDirectory() as folder:
        if args.database == "postgresql":
            url = os.environ.get("BENCH_POSTGRES_URL") or _bench_database()
        else:
            url = f"sqlite:///{folder}/bench.db"
        secrets = _secrets(url) if args.reuse else load(url, args.conversations)[1]
        page_times(url, secrets)
        for step, path in enumerate(
            (
                "/staff/consultations/1/results.csv?by=quarter",
                "/staff/consultations/1/responses.csv",
                "/staff/consultations/1/responses.ods",
            )
        ):
            export_in_fresh_process(url, secrets, path, step)
    print(
        f"  (this process peaked at {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB while loading)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
