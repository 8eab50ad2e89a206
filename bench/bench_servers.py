"""Many app servers, one PostgreSQL: each press of each child goes to the next server. Not a test.

    .venv/bin/python bench/bench_servers.py [--servers 2] [--workers 2] [--children 20]
        [--conversations 5]

Starts --servers gunicorn processes (the real gunicorn.conf.py) on ports 5131 and up, which
share only DATABASE_URL and SECRET_KEY from the environment, against a database of their own
in the throwaway PostgreSQL cluster. --children threads each hold one cookie and send every
request to the next server in the list, as a load balancer with no sticky sessions would;
each child completes --conversations conversations. Then the database is checked: every
conversation sent, no draft left over, no answer stored twice. tests/test_servers.py runs the
same check, smaller, in `make test`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Child, Server  # noqa: E402


def database(name: str) -> str:
    """An empty, migrated database with the demo consultation, in the throwaway cluster."""
    import psycopg

    server = (
        subprocess.run(
            ["scripts/postgres.sh", "start"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .rpartition("/")[0]
    )
    with psycopg.connect(
        server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    url = f"{server}/{name}"
    env = {**os.environ, "DATABASE_URL": url}
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "feedback_bot"]
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    return url


def check(url: str) -> tuple[int, int, int, int]:
    """(sent, drafts, answer rows, answers stored more than once)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        sent = conn.execute(
            text("SELECT count(*) FROM submissions WHERE sent_on IS NOT NULL")
        ).scalar_one()
        drafts = conn.execute(
            text("SELECT count(*) FROM submissions WHERE sent_on IS NULL")
        ).scalar_one()
        rows = conn.execute(text("SELECT count(*) FROM answers")).scalar_one()
        twice = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT 1 FROM answers GROUP BY submission_id, node_id,"
                " option_code HAVING count(*) > 1) AS repeated"
            )
        ).scalar_one()
    engine.dispose()
    return int(sent), int(drafts), int(rows), int(twice)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--children", type=int, default=20)
    parser.add_argument("--conversations", type=int, default=5)
    args = parser.parse_args()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    url = database("feedback_bot_servers")
    # All the children come from 127.0.0.1: limits they cannot reach (the limiter still runs).
    env = {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "CHAT_LIMIT_START": "1000000 per minute",
        "CHAT_LIMIT_TURNS": "1000000 per minute",
    }
    servers = [Server(5131 + n, env, args.workers) for n in range(args.servers)]
    try:
        for server in servers:
            server.wait()
        ports = [server.port for server in servers]
        children = [Child(ports, "demo") for _ in range(args.children)]

        def run(child: Child) -> int:
            return sum(child.converse() for _ in range(args.conversations))

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.children) as pool:
            turns = sum(pool.map(run, children))
        seconds = time.perf_counter() - started
        requests = sum(child.sent for child in children)
    finally:
        for server in servers:
            server.stop()
    sent, drafts, rows, twice = check(url)
    expected = args.children * args.conversations
    print(
        f"{args.servers} servers x {args.workers} gunicorn workers, one PostgreSQL; "
        f"{args.children} children, each press to the next server (load before: {load})"
    )
    print(
        f"  {expected} conversations, {turns} turns, {requests} requests in {seconds:.1f} s: "
        f"{requests / seconds:.0f} requests/s, {turns / seconds:.0f} turns/s "
        f"(one Python client process)"
    )
    print(
        f"  stored: {sent} sent of {expected}, {drafts} drafts left, {rows} answer rows, "
        f"{twice} stored twice -> {'OK' if (sent, drafts, twice) == (expected, 0, 0) else 'FAIL'}"
    )
    return 0 if (sent, drafts, twice) == (expected, 0, 0) else 1


if __name__ == "__main__":
    raise SystemExit(main())
