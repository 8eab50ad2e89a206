"""A chat turn against a bare Flask route, under gunicorn on loopback, side by side. Not a test.

    .venv/bin/python bench/bench_turn.py [--workers 2 4] [--database sqlite postgresql]
        [--seconds 10] [--rounds 3] [--clients 50] [--compare DIR]

For each database and worker count, one gunicorn (gunicorn.conf.py, as `make run` serves it)
runs bench/turn_app.py: the real app plus a bare route at /bare/. wrk (Debian's package,
installed if missing) then alternates, round by round, between the bare route and children
walking real conversations (bench/turn.lua: start, every question answered, skipped or typed
into, review, send). A turn is an answer POSTed with its CSRF token and session cookie, the
303 followed, and the next question rendered; the answer is stored.

Printed, for each route: requests/s, turns/s and p50/p99 latency at --clients closed-loop
clients (each sends again as soon as it is answered); p50/p99 with the same clients pausing
about a second between presses, as a child reading the question does, straight at gunicorn
and (below the rows) through nginx, the buffering proxy docs/deploy.md asks for
(bench/proxy.py); wrk's own CPU time, to show that the client is not the limit; and
gunicorn's own CPU per request ("srv ms", read from /proc), with the bare route's figure
over the row's ("÷"). wrk shares these 2 cores with the server, so requests/s mixes the
two; the CPU figures are the server's alone, and move less from run to run.

"turn, no words" is the same code with the children skipping the questions that ask for
words: the difference is what reading typed words for danger (and scrubbing them) costs.
"floor" is bench/floor_app.py, walked by the same script: a chat with only what no version of
the product could leave out (session, CSRF, a read, a stored answer, a Jinja page). The
product does all of that and more on the same stack, so the floor shows how near the goal
the product could ever come.
--compare DIR serves an older checkout of the code too, in the same rounds, for before and
after figures.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.proxy import Proxy, ensure_debian  # noqa: E402

PORTS = iter(range(5121, 5200))
SECRET = "bench-turn-secret-not-for-production"  # noqa: S105
WRK_ATTEMPTS = 3
NGINX = " paced, through nginx"
NO_WORDS = "turn, no words"  # the same code, the questions asking for words skipped
FLOOR = "floor"  # bench/floor_app.py: the least a turn can cost on this stack
FLOOR_ARGS = ("demo", "0", "words", "/floor")  # turn.lua, walking /floor/c/demo
UNREACHABLE_LIMITS = {
    "CHAT_LIMIT_START": "1000000 per minute",
    "CHAT_LIMIT_TURNS": "1000000 per minute",
}


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as uptime prints them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def postgres_url(name: str) -> str:
    """A database of its own in the throwaway cluster (scripts/postgres.sh), made empty."""
    import psycopg

    tests = (
        os.environ.get("BENCH_POSTGRES_SERVER")
        or subprocess.run(
            ["scripts/postgres.sh", "start"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .rpartition("/")[0]
    )
    with psycopg.connect(
        tests.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{tests}/{name}"


def prepare(code: Path, url: str) -> None:
    """Schema, compiled catalogues and the demo consultation, for the code in ``code``."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET}
    python = str(ROOT / ".venv" / "bin" / "python")
    if not any(code.glob("translations/*/LC_MESSAGES/messages.mo")):
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "pybabel"), "-q", "compile", "-d", "translations"],
            cwd=code,
            check=True,
        )
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            [python, "-m", "flask", "--app", "feedback_bot", *command],
            cwd=code,
            env=env,
            check=True,
            capture_output=True,
        )


@dataclass
class Server:
    """gunicorn serving bench/turn_app.py from one checkout of the code."""

    code: Path
    url: str
    workers: int
    worker_class: str
    threads: int = 1
    port: int = field(default_factory=lambda: next(PORTS))
    process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "SECRET_KEY": SECRET,
            "PYTHONPATH": f"{self.code}{os.pathsep}{ROOT}",
            # wrk is one client at 127.0.0.1: limits it cannot reach, so that the limiter's
            # cost is still in every turn but no turn is refused.
            **UNREACHABLE_LIMITS,
        }
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--no-control-socket",
            "-w",
            str(self.workers),
            "-k",
            self.worker_class,
            "--threads",
            str(self.threads),
            "-b",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(self.code),
            "bench.turn_app:application",
        ]
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_until_up(self.port)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by gunicorn and its workers, from /proc."""
        assert self.process is not None
        master = self.process.pid
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:  # the process ended while we looked
                continue
            if stat.parent.name == str(master) or fields[1] == str(master):
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_up(port: int, timeout: float = 60) -> float:
    """Seconds until the server at ``port`` answers its health check."""
    import urllib.request

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"no server on port {port} after {timeout} s")


def run_wrk(
    wrk_path: str, url: str, script: str, clients: int, seconds: int, *args: str
) -> dict[str, float]:
    """One wrk run: its JSON summary, plus the CPU seconds wrk itself used."""
    import resource

    command = [wrk_path, f"-t{clients}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["--latency", "-s"]
    command += [str(ROOT / "bench" / script), url]
    if args:
        command += ["--", *args]
    for attempt in range(1, WRK_ATTEMPTS + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Debian's wrk now and then dies of SIGSEGV with many Lua threads: run it again.
        if done.returncode >= 0 or attempt == WRK_ATTEMPTS:
            break
        print(f"                   (wrk died of signal {-done.returncode}; run again)")
    done.check_returncode()
    out = done.stdout
    lines = [line for line in out.splitlines() if line.startswith("WRKJSON ")]
    if not lines:
        raise SystemExit(f"wrk printed no figures:\n{out}")
    figures: dict[str, float] = json.loads(lines[-1].removeprefix("WRKJSON "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["client_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures


def stored(url: str) -> tuple[int, int]:
    """(answer rows, sent submissions) in the database, to check that turns were stored."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        answers = conn.execute(text("SELECT count(*) FROM answers")).scalar_one()
        sent = conn.execute(
            text("SELECT count(*) FROM submissions WHERE sent_on IS NOT NULL")
        ).scalar_one()
    engine.dispose()
    return int(answers), int(sent)


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument(
        "--database", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think-ms", type=int, default=1000)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="per worker, for gthread")
    parser.add_argument(
        "--compare", type=Path, help="an older checkout (git archive) to measure in the same rounds"
    )
    parser.add_argument(
        "--json", type=Path, help="also write the medians here, for bench/charts.py"
    )
    args = parser.parse_args()
    wrk_path = ensure_debian("wrk", "wrk")
    nginx_path = ensure_debian("nginx", "nginx")  # before any run: no failing half-way
    chart_rows: list[dict[str, object]] = []
    codes = {"turn": ROOT} | ({"turn (before)": args.compare.resolve()} if args.compare else {})
    print(
        f"{os.cpu_count()} CPUs; gunicorn {args.worker_class} workers on 127.0.0.1; "
        f"wrk -t{args.clients} -c{args.clients}, {args.rounds} rounds of {args.seconds:g} s each, "
        "bare and turn alternating; medians"
    )
    header = (
        f"{'database':10} {'workers':>7} {'route':14} {'req/s':>7} {'turns/s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'paced p50':>9} {'paced p99':>9} "
        f"{'wrk CPU':>7} {'srv ms':>6} {'÷':>5}  load before"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for database in args.database:
            for workers in args.workers:
                load = load_average()
                url = (
                    postgres_url("feedback_bot_turn")
                    if database == "postgresql"
                    else f"sqlite:///{folder}/turn-{workers}.db"
                )
                for code in codes.values():
                    prepare(code, url)
                servers = [
                    Server(code, url, workers, args.worker_class, args.threads)
                    for code in codes.values()
                ]
                for server in servers:
                    server.__enter__()
                try:
                    results = measure(wrk_path, nginx_path, servers, codes, args)
                finally:
                    for server in servers:
                        server.__exit__()
                answers, sent = stored(url)
                print_rows(database, workers, results, load, args)
                chart_rows += [
                    {
                        "series": f"{database} bare req/s",
                        "workers": workers,
                        "per_second": median(results["bare"], "rps"),
                    },
                    {
                        "series": f"{database} turns/s",
                        "workers": workers,
                        "per_second": statistics.median(
                            r["turns"] / r["seconds"] for r in results["turn"]
                        ),
                    },
                ]
                turns = sum(
                    sum(r["turns"] for r in runs)
                    for name, runs in results.items()
                    if name != "bare"
                )
                print(
                    f"{'':18} stored: {answers:,} answer rows, {sent:,} conversations sent "
                    f"({turns:,} turns answered 303 in the timed runs)"
                )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": chart_rows}, indent=1))
    return 0


def measure(
    wrk_path: str,
    nginx_path: str,
    servers: list[Server],
    codes: dict[str, Path],
    args: argparse.Namespace,
) -> dict[str, list[dict[str, float]]]:
    """Rounds of bare, then each turn server, then the paced runs; every wrk run kept."""
    results: dict[str, list[dict[str, float]]] = {"bare": []}

    def run(server: Server, path: str, script: str, seconds: int, *extra: str) -> dict[str, float]:
        """One wrk run at ``server``, with the CPU its gunicorn used per request."""
        before = server.cpu_seconds()
        url = f"http://127.0.0.1:{server.port}{path}"
        figures = run_wrk(wrk_path, url, script, args.clients, seconds, *extra)
        figures["server_ms"] = (server.cpu_seconds() - before) * 1000 / max(figures["requests"], 1)
        return figures

    for name, server in zip(codes, servers, strict=True):
        results[name] = []
        results[name + " paced"] = []
        # Warm up: each worker's first text answer loads the scrubber's and the danger
        # lexicon's word lists (see the start-up figures); not counted.
        run(server, "", "turn.lua", 5, "demo")
    results[FLOOR] = []
    run(servers[0], "", "turn.lua", 3, *FLOOR_ARGS)
    results[NO_WORDS] = []
    for _ in range(args.rounds):
        results["bare"].append(run(servers[0], "/bare/", "bare.lua", args.seconds))
        results[FLOOR].append(run(servers[0], "", "turn.lua", args.seconds, *FLOOR_ARGS))
        for name, server in zip(codes, servers, strict=True):
            results[name].append(run(server, "", "turn.lua", args.seconds, "demo"))
        results[NO_WORDS].append(
            run(servers[0], "", "turn.lua", args.seconds, "demo", "0", "no-words")
        )
    paced = ("demo", str(args.think_ms))
    seconds = max(args.seconds, 20)
    for name, server in zip(codes, servers, strict=True):
        results[name + " paced"].append(run(server, "", "turn.lua", seconds, *paced))
        with Proxy(nginx_path, upstream=server.port, port=next(PORTS)) as proxy:
            url = f"http://127.0.0.1:{proxy.port}"
            results[name + NGINX] = [
                run_wrk(wrk_path, url, "turn.lua", args.clients, seconds, *paced)
            ]
    return results


def print_rows(
    database: str,
    workers: int,
    results: dict[str, list[dict[str, float]]],
    load: str,
    args: argparse.Namespace,
) -> None:
    """One row per route; ratio is turns/s over the bare route's requests/s. "srv ms" is
    gunicorn's CPU per request (master and workers, from /proc), and "÷" the bare route's
    figure over the row's: the share of the bare route's rate a server could reach if the
    load generator were not sharing its CPU."""
    bare_rps = median(results["bare"], "rps")
    bare_ms = median(results["bare"], "server_ms")
    for name, runs in results.items():
        if " paced" in name:
            continue
        is_turn = name != "bare"
        turns = median([{"t": r["turns"] / r["seconds"]} for r in runs], "t") if is_turn else 0
        paced = results.get(name + " paced", [])
        cpu = median([{"c": r["client_cpu"] / r["seconds"]} for r in runs], "c")
        paced_cols = f"{paced[0]['p50_ms']:9.1f} {paced[0]['p99_ms']:9.1f}" if paced else " " * 19
        print(
            f"{database:10} {workers:>7} {name:14} {median(runs, 'rps'):7.0f} "
            f"{(f'{turns:7.0f}' if is_turn else '      -')} "
            f"{median(runs, 'p50_ms'):7.1f} {median(runs, 'p99_ms'):7.1f} "
            f"{(f'{turns / bare_rps:6.2f}' if is_turn else '     -')} "
            f"{paced_cols} "
            f"{cpu * 100:6.0f}% {median(runs, 'server_ms'):6.2f} "
            f"{bare_ms / median(runs, 'server_ms'):5.2f}  {load}"
        )
        bad = sum(
            r["errors"] + r.get("unexpected", 0)
            for r in runs + paced + results.get(name + NGINX, [])
        )
        if bad:
            print(f"{'':18} {name}: {bad:.0f} errors or unexpected statuses")
    shares = ", ".join(
        f"{name} {median(runs, 'rps') / bare_rps:.2f}"
        for name, runs in results.items()
        if name != "bare" and " paced" not in name and not name.endswith(NGINX)
    )
    print(f"{'':18} requests/s over the bare route's (the goal: 0.50 or more): {shares}")
    paced_turns = {
        name: run["turns"] / run["seconds"]
        for name, runs in results.items()
        if name.endswith(" paced")
        for run in runs
    }
    if paced_turns:
        shown = ", ".join(f"{n}: {t:.0f} turns/s" for n, t in paced_turns.items())
        print(f"{'':18} paced ({args.think_ms} ms think time): {shown}")
    for name, runs in results.items():
        if name.endswith(NGINX):
            run = runs[0]
            print(
                f"{'':18} {name.removesuffix(NGINX)}, paced through nginx (buffering proxy): "
                f"p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms, "
                f"{run['turns'] / run['seconds']:.0f} turns/s"
            )


if __name__ == "__main__":
    raise SystemExit(main())
