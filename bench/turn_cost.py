"""CPU time of a chat turn inside one process (Flask test client, SQLite): no server, no client.

    .venv/bin/python bench/turn_cost.py [--conversations 40] [--batches 5] [--code DIR ...]

Walks the demo conversation from start to send, over and over, and prints the CPU
milliseconds per turn (an answer POSTed, the redirect's GET rendered; the start and send
requests shared out) for each batch. CPU time (not wall time) so that other work on a shared
machine moves the figure less. With several --code folders (checkouts made with
`git archive <rev> | tar -x -C DIR`), they run at the same time, so each sees the same load:
before/after figures. Also prints how many filters one shared form field carries at the end, which grew
by one on every request before the fix in feedback_bot/forms.py.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SEND_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
NODE = re.compile(r'name="node" type="hidden" value="([^"]+)"')
OPTION = re.compile(r'name="answer" value="([^"]+)"')


def walk(client: object) -> int:
    """One conversation, start to send, always the first option; the turns taken."""
    get, post = client.get, client.post  # type: ignore[attr-defined]
    page = get("/c/demo").get_data(as_text=True)
    post("/c/demo/start", data={"csrf_token": TOKEN.search(page).group(1)})  # type: ignore[union-attr]
    turns = 0
    while True:
        page = get("/c/demo").get_data(as_text=True)
        if "/c/demo/send" in page:
            post("/c/demo/send", data={"csrf_token": SEND_TOKEN.search(page).group(1)})  # type: ignore[union-attr]
            return turns
        form = {"csrf_token": TOKEN.search(page).group(1), "node": NODE.search(page).group(1)}  # type: ignore[union-attr]
        options = OPTION.findall(page)
        if options:
            form |= {"answer": options[0], "action": "answer"}
        elif 'name="text"' in page:
            form |= {"text": "my worker listens to me", "action": "answer"}
        else:
            form["action"] = "next"
        reply = post("/c/demo", data=form)
        assert reply.status_code == 303, reply.status_code
        turns += 1


def child(conversations: int, batches: int) -> None:
    """Runs inside the checkout being measured: one line per batch on stdout."""
    from flask_migrate import upgrade

    from feedback_bot import create_app

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/cost.db", "SECRET_KEY": "x"}
        )
        with app.app_context():
            upgrade()
        app.test_cli_runner().invoke(args=["seed-demo"])
        walk(app.test_client())  # warm: templates compiled, word lists read
        for _ in range(batches):
            started, turns = time.process_time(), 0
            for _ in range(conversations):
                turns += walk(app.test_client())
            print(f"{(time.process_time() - started) / turns * 1000:.3f}", flush=True)
        from feedback_bot.chat.forms import TurnForm

        print(f"filters {len(TurnForm.node.kwargs.get('filters', []))}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--code", type=Path, nargs="*", default=[ROOT])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.conversations, args.batches)
        return 0
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"CPU ms per turn, in-process, SQLite; load average before: {load}")
    processes = {}
    for code in args.code:
        env = {
            **os.environ,
            "PYTHONPATH": str(code.resolve()),
            # One client at 127.0.0.1 starting many chats: limits it cannot reach (the
            # limiter still runs on every turn).
            "CHAT_LIMIT_START": "1000000 per minute",
            "CHAT_LIMIT_TURNS": "1000000 per minute",
        }
        processes[code] = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                "--conversations",
                str(args.conversations),
                "--batches",
                str(args.batches),
            ],
            cwd=code,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
    for code, process in processes.items():
        out, _ = process.communicate()
        lines = out.splitlines()
        figures = [float(x) for x in lines if re.fullmatch(r"[\d.]+", x)]
        filters = next((x.split()[1] for x in lines if x.startswith("filters ")), "?")
        if not figures:
            raise SystemExit(f"no figures from {code}")
        figures.sort()
        print(
            f"  {code!s:40} median {figures[len(figures) // 2]:6.2f} ms "
            f"(batches: {', '.join(f'{f:.2f}' for f in figures)}); "
            f"filters on one shared field at the end: {filters}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
