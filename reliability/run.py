"""make reliability: simulated children against gunicorn (4 workers) on 127.0.0.1, on SQLite
and on PostgreSQL, while things go wrong; then the database is counted.

    python reliability/run.py [--children 500] [--only load,kill,...] [--database sqlite]

Scenarios: load (500 children at once), kill (a worker SIGKILLed three times mid-load),
pg-restart (PostgreSQL stopped for 5 s mid-load, on our own cluster), sqlite-lock (another writer
holds SQLite's write lock for a few seconds). Bounded: every child stops by --deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import faults
from check import Counted, check
from children import Child, Stats, live
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from feedback_bot import create_app
from feedback_bot.extensions import db

SECRET = "reliability-only-secret-" + "x" * 24
SLUG = "demo"
FIRST_PORT = 5141
SCENARIOS = {  # name: databases it runs on
    "load": ("sqlite", "postgresql"),
    "kill": ("sqlite", "postgresql"),
    "pg-restart": ("postgresql",),
    "sqlite-lock": ("sqlite",),
}


@dataclass
class Run:
    scenario: str
    database: str
    url: str
    port: int
    workdir: Path


def prepare(run: Run) -> Flask:
    """A fresh, migrated database with the demo consultation."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": run.url, "SECRET_KEY": SECRET})
    with app.app_context():
        if run.database == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        if result.exit_code != 0:
            raise RuntimeError(result.output)
        db.engine.dispose()
    return app


async def fault(run: Run, server: faults.Server, notes: list[str]) -> None:
    """What goes wrong, and when."""
    if run.scenario == "kill":
        previous = 0
        for at in (20, 35, 50):
            await asyncio.sleep(at - previous)
            previous = at
            victim = server.kill_a_worker()
            notes.append(f"SIGKILL worker {victim} at {at} s")
    elif run.scenario == "pg-restart":
        await asyncio.sleep(30)
        away = await asyncio.to_thread(faults.restart_postgres)
        notes.append(f"PostgreSQL stopped (fast) at 30 s and started again: away {away:.1f} s")
    elif run.scenario == "sqlite-lock":
        await asyncio.sleep(30)
        seconds = 6.0
        thread = faults.lock_sqlite(run.url.removeprefix("sqlite:///"), seconds)
        notes.append(f"SQLite write lock held by another program for {seconds:.0f} s at 30 s")
        await asyncio.to_thread(thread.join)


async def crowd(
    run: Run, server: faults.Server, children: list[Child], stats: Stats, args: Any
) -> list[str]:
    """All the children at once (starting within --ramp seconds), and the fault."""
    notes: list[str] = []
    connector = aiohttp.TCPConnector(limit=0, force_close=True)

    async def one(child: Child) -> None:
        await asyncio.sleep(random.uniform(0, args.ramp))
        await live(child, server.url, SLUG, stats, connector, args.pace)

    tasks = [asyncio.create_task(one(child)) for child in children]
    trouble = asyncio.create_task(fault(run, server, notes))
    _done, pending = await asyncio.wait(tasks, timeout=args.deadline)
    for task in pending:
        task.cancel()
    if pending:
        notes.append(f"{len(pending)} children still chatting at the {args.deadline} s deadline")
    await asyncio.gather(*pending, return_exceptions=True)
    if not trouble.done():
        trouble.cancel()
    await asyncio.gather(trouble, return_exceptions=True)
    await connector.close()
    return notes


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(run: Run, children: list[Child], stats: Stats, counted: Counted, notes: list[str],
           seconds: float) -> bool:  # fmt: skip
    """Print the figures; True when nothing was lost, doubled or half-stored."""
    gave_up = [c for c in children if c.gave_up]
    lines = [
        ("children started", sum(c.started for c in children)),
        ('children who saw "sent"', sum(c.saw_sent for c in children)),
        ("answers acknowledged (to those children)", counted.acknowledged),
        ("answers stored exactly once", counted.stored_once),
        ("answers missing", counted.missing),
        ("conversations or answers stored twice", counted.stored_twice),
        ("conversations stored half", counted.half),
        ("sent conversations in the database / tallied", f"{counted.sent_in_database} / {counted.sent_tally}"),
        ("sent but the child never saw it", counted.sent_not_seen),
        ("unsent drafts left (purged after 24 h)", counted.unsent_drafts),
        ("server errors (5xx, not counting 503)", stats.server_errors),
        ('friendly 503 "please try again" pages', stats.friendly_503),
        ("429 pages (rate limit)", stats.limited_429),
        ("retries (of which lost connections)", f"{stats.retries} ({stats.connection_errors})"),
        ("stale pages / lost places", f"{stats.stale_pages} / {stats.lost_places}"),
        ("children who gave up", len(gave_up)),
        ("requests", f"{stats.requests} in {seconds:.0f} s"),
        ("turn latency p50 / p90 / p99 (ms)", " / ".join(
            f"{percentile(stats.turn_seconds, q) * 1000:.0f}" for q in (0.5, 0.9, 0.99))),
    ]  # fmt: skip
    print(f"\n== {run.scenario} on {run.database}: {len(children)} children, gunicorn 4 workers, "
          f"127.0.0.1:{run.port}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")  # fmt: skip
    for note in notes:
        print(f"   {note}")
    for label, value in lines:
        print(f"   {label:<48} {value}")
    for child in gave_up[:3]:
        print(f"   gave up: {child.gave_up}")
    ok = (
        counted.missing == 0
        and counted.stored_twice == 0
        and counted.half == 0
        and stats.server_errors == 0
        and counted.stored_once == counted.acknowledged
    )
    print(f"   => {'OK' if ok else 'FAILED'}")
    sys.stdout.flush()
    return ok


def scenario(run: Run, args: Any) -> bool:
    app = prepare(run)
    env = {
        "DATABASE_URL": run.url,
        "SECRET_KEY": SECRET,
        "CHAT_LIMIT_PROXY_HOPS": "1",  # each simulated school has its own address
    }
    server = faults.Server(run.port, env, run.workdir / f"{run.scenario}-{run.database}.log")
    schools = max(1, args.children // 25)  # 25 children behind each school's address
    children = [
        Child(n, f"10.{n % schools // 250}.{n % schools % 250}.1") for n in range(args.children)
    ]
    stats = Stats()
    began = time.monotonic()
    try:
        notes = asyncio.run(crowd(run, server, children, stats, args))
    finally:
        server.stop()
    seconds = time.monotonic() - began
    counted = check(app, children, SLUG)
    with app.app_context():
        db.engine.dispose()
    return report(run, children, stats, counted, notes, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=500)
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios to run")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pace", type=float, default=1.0, help="scale every pause by this")
    parser.add_argument("--ramp", type=float, default=30.0, help="children start within this")
    parser.add_argument("--deadline", type=float, default=480.0, help="seconds per scenario")
    args = parser.parse_args()
    wanted = [name for name in args.only.split(",") if name]
    unknown = set(wanted) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {sorted(unknown)}")
    databases = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    runs = [
        (name, database) for name in wanted for database in SCENARIOS[name] if database in databases
    ]
    os.chdir(faults.ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="feedback_bot-reliability-"))
    print(f"feedback_bot reliability: {len(runs)} scenario(s); logs in {workdir}")
    postgres_url = faults.start_postgres() if "postgresql" in {d for _, d in runs} else ""
    results = []
    try:
        for number, (name, database) in enumerate(runs):
            url = postgres_url if database == "postgresql" else f"sqlite:///{workdir / name}.db"
            run = Run(name, database, url, FIRST_PORT + number, workdir)
            results.append(scenario(run, args))
    finally:
        if postgres_url:
            faults.stop_postgres()
    print(f"\n{sum(results)} of {len(results)} scenario(s) OK")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
