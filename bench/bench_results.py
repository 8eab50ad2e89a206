"""Results at national scale: a million conversations, on SQLite and on PostgreSQL. Not a test.

    .venv/bin/python bench/bench_results.py [--conversations 1000000] [--database sqlite|postgresql]

Loads N made-up sent conversations with the demo-data generator (timed), then measures,
through the real app and a signed-in analyst:
  - the results page for each breakdown (median of 5; target under 1 s);
  - the aggregate export (CSV) and the response-level export of every answer row (CSV and
    ODS), each streamed to the end in a fresh process, with that process's peak memory
    (ru_maxrss; target under 150 MB).
PostgreSQL is the throwaway cluster of scripts/postgres.sh (or BENCH_POSTGRES_URL).

    .venv/bin/python bench/bench_results.py --scale 10000 100000 1000000 [--database ...]

prints how each page in PAGES grows with the number of conversations, warm (median of 5 in
one process, after a first request) and cold (the first request of a fresh process, after
the OS page cache is dropped and, for PostgreSQL, the cluster restarted; root only, else
just a fresh process). Each size has its own database: SQLite files in
/tmp/feedback_bot-bench/, PostgreSQL databases feedback_bot_bench_<N> (the million is
feedback_bot_bench, as without --scale); --reuse measures what an earlier run loaded.
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
# The pages timed at every size; another page is one more line.
PAGES = (
    "/staff/consultations/1/results?by=all",
    "/staff/consultations/1/results?by=age",
    "/staff/consultations/1/results?by=language",
    "/staff/consultations/1/results?by=quarter",
    "/staff/consultations/1/results?by=month",
    "/staff/areas/E92000001/results",  # an area's results, for England
    "/staff/areas/E92000001",  # the inspector's view (themes, trend, quotes), for England
)
SQLITE_DIR = Path(tempfile.gettempdir()) / "feedback_bot-bench"


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


def _session_client(app: Any) -> Any:
    """A test client with the first bench analyst's staff session set directly (no TOTP)."""
    from sqlalchemy import select

    from feedback_bot.extensions import db
    from feedback_bot.models import StaffUser

    with app.app_context():
        user = db.session.scalars(
            select(StaffUser).where(StaffUser.email == "bench0@example.gov.uk")
        ).one()
        staff = {"id": user.id, "v": user.session_version}
    client = app.test_client()
    now = int(time.time())
    with client.session_transaction() as session:
        session["staff"] = {**staff, "since": now, "seen": now}
    return client


def warm_times(url: str) -> dict[str, list[float]]:
    """Seconds per page, five times each after a first request, in one process."""
    client = _session_client(_app(url))
    found = {}
    for page in PAGES:
        assert client.get(page).status_code == 200, page
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            reply = client.get(page)
            runs.append(time.perf_counter() - started)
            assert reply.status_code == 200, reply.status_code
        found[page] = runs
    return found


def page_times(url: str, _secrets: list[str]) -> None:
    for page, runs in warm_times(url).items():
        print(
            f"  {page:45}: median {statistics.median(runs) * 1000:6.0f} ms, slowest {max(runs) * 1000:6.0f} ms"
        )


def _drop_caches(url: str) -> str:
    """Empty the OS page cache (root only) and restart PostgreSQL; what was done."""
    done = []
    if url.startswith("postgresql"):
        port = url.rsplit(":", 1)[1].split("/")[0]
        env = {**os.environ, "PG_TEST_PORT": port}
        subprocess.run(["scripts/postgres.sh", "stop"], cwd=ROOT, env=env, check=True)
        done.append("PostgreSQL restarted")
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        done.append("page cache dropped")
    except OSError:
        pass
    if url.startswith("postgresql"):
        subprocess.run(
            ["scripts/postgres.sh", "start"], cwd=ROOT, env=env, check=True, capture_output=True
        )
    return ", ".join(done) or "fresh process only"


def _upgrade(url: str) -> None:
    from flask_migrate import upgrade

    with _app(url).app_context():
        upgrade()


def _loaded(url: str) -> int:
    """Sent conversations already in the database (0 if it has no schema yet)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            sql = "SELECT count(*) FROM submissions WHERE sent_on IS NOT NULL"
            return int(conn.execute(text(sql)).scalar_one())
    except SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def cold_time(url: str, page: str) -> tuple[float, str]:
    """Seconds for the first request of ``page`` in a fresh process after dropping caches."""
    how = _drop_caches(url)
    code = (
        "import sys, time, json; sys.path.insert(0, 'bench');"
        "from bench_results import _app, _session_client;"
        f"c = _session_client(_app({url!r})); t = time.perf_counter(); r = c.get({page!r});"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'status': r.status_code}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["status"] == 200, figures
    return figures["seconds"], how


def scale(database: str, sizes: list[int], reuse: bool, out: Path | None = None) -> None:
    """Warm and cold page times at each size, as a table (and a JSON line for the docs)."""
    rows = []
    for size in sizes:
        if database == "postgresql":
            name = "feedback_bot_bench" if size == 1_000_000 else f"feedback_bot_bench_{size}"
            url = _bench_database(name)
        else:
            SQLITE_DIR.mkdir(exist_ok=True)
            url = f"sqlite:///{SQLITE_DIR}/bench-{size}.db"
        if reuse and _loaded(url) == size:
            _upgrade(url)  # loaded by an earlier version: bring its schema up to date
        else:
            if database == "sqlite":
                Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            load(url, size)
        warm = warm_times(url)
        for page in PAGES:
            cold, how = cold_time(url, page)
            rows.append((size, page, statistics.median(warm[page]), cold, how))
            print(
                f"  {database:10} {size:>9,} {page:45} warm {statistics.median(warm[page]) * 1000:6.0f} ms"
                f"  cold {cold * 1000:6.0f} ms  ({how})"
            )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"database": database, "rows": rows}, indent=1))


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


def _bench_database(name: str = "feedback_bot_bench") -> str:
    """A database of its own in the throwaway cluster, so tests running there are not touched."""
    import psycopg

    tests = subprocess.run(
        ["scripts/postgres.sh", "start"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    server, _slash, _name = tests.rpartition("/")
    with psycopg.connect(
        server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


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
        help="measure the data an earlier run loaded, without loading again",
    )
    parser.add_argument(
        "--scale", type=int, nargs="+", help="page times at each of these sizes, warm and cold"
    )
    parser.add_argument("--json", type=Path, help="--scale: also write the rows here")
    args = parser.parse_args()
    if args.scale:
        print(f"{os.cpu_count()} CPUs; results pages against conversations, {args.database}")
        scale(args.database, args.scale, args.reuse, args.json)
        return 0
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs; {args.database}, {args.conversations:,} conversations"
    )
    if args.database == "postgresql":
        url = os.environ.get("BENCH_POSTGRES_URL") or _bench_database()
    else:
        SQLITE_DIR.mkdir(exist_ok=True)
        url = f"sqlite:///{SQLITE_DIR}/bench-{args.conversations}.db"
    if args.reuse and _loaded(url) == args.conversations:
        _upgrade(url)
        secrets = _secrets(url)
    else:
        if args.database == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        secrets = load(url, args.conversations)[1]
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
