"""Start-up and small costs: first answer, conversation loading, page weight. Not a test.

    .venv/bin/python bench/bench_startup.py [--runs 5]

- From process start to the first answered request: gunicorn (the real config, 1 and 2 sync
  workers) started on 127.0.0.1:5135 until GET /c/demo answers 200; and `import
  feedback_bot; create_app()` alone, in fresh interpreters.
- Each worker's first text answer and first danger check in a language: the word lists
  the scrubber and the danger lexicon build on first use (once per process).
- Conversation loading and validation: what create_app does (parse and logic-check every
  file), and the full `lint-conversations` (reading level, translations, themes).
- The bytes of each child page (HTML with its CSS and JS), raw and gzip-compressed.
The scrubber's p95 per message is bench/bench_scrub.py's; Lighthouse is `make lighthouse`.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 5135
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
COLD_APP = (
    "import time; t = time.perf_counter(); from feedback_bot import create_app; "
    "create_app(); print(time.perf_counter() - t)"
)
FIRST_USE = (
    "import time; from feedback_bot import create_app; create_app();"
    "from feedback_bot.privacy.scrub import scrub; from feedback_bot.safeguarding import needs_help;"
    "t = time.perf_counter(); scrub('my worker Kez is kind'); a = time.perf_counter() - t;"
    "t = time.perf_counter(); scrub('my worker Sam is kind'); b = time.perf_counter() - t;"
    "t = time.perf_counter(); needs_help('I am fine', 'en'); c = time.perf_counter() - t;"
    "t = time.perf_counter(); needs_help('I am fine', 'en'); d = time.perf_counter() - t;"
    "t = time.perf_counter(); needs_help('dw i ddim yn iawn', 'cy'); e = time.perf_counter() - t;"
    "print(a, b, c, d, e)"
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def first_answer(env: dict[str, str], workers: int) -> float:
    """Seconds from starting gunicorn to the first 200 from the chat page."""
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--no-control-socket",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "feedback_bot:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 60:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/c/demo", timeout=5) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
        raise SystemExit("gunicorn did not answer within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def fresh(code: str, env: dict[str, str]) -> list[float]:
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return [float(x) for x in out.stdout.split()]


def loading(env: dict[str, str], runs: int) -> None:
    """Parsing and checking every conversation file, as create_app does; and the full lint."""
    code = (
        "import time; from pathlib import Path; from feedback_bot.dialogue import registry;"
        "from feedback_bot.config import PROJECT_ROOT; r = [];\n"
        f"for _ in range({runs}):\n"
        "    t = time.perf_counter(); found = registry.load(PROJECT_ROOT / 'conversations');"
        " r.append(time.perf_counter() - t)\n"
        "print(len(found), *r)"
    )
    count, *times = fresh(code, env)
    print(
        f"  load and logic-check {count:.0f} conversation files (in create_app): "
        f"median {ms(statistics.median(times))}"
    )
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "flask", "--app", "feedback_bot", "lint-conversations"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    print(
        f"  lint-conversations (schema, logic, reading level, translations, themes), "
        f"whole command: {ms(time.perf_counter() - started)}"
    )


def page_bytes(base: str) -> None:
    """Each child page with its CSS and JS: bytes raw and gzip-compressed (level 9)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from lighthouse import question_cookie

    cookie = question_cookie(base)
    pages = {
        "start /c/demo": ("/c/demo", ""),
        "question (faces)": ("/c/demo", cookie),
        "help /help": ("/help?c=demo", ""),
        "privacy /privacy": ("/privacy?c=demo", ""),
        "thanks": ("/c/demo/thanks", ""),
    }
    print(f"  {'page':18} {'HTML':>8} {'+ CSS, JS':>10} {'gzip total':>11}")
    for name, (path, cookie_header) in pages.items():
        request = urllib.request.Request(base + path, headers={"Cookie": cookie_header})  # noqa: S310
        with urllib.request.urlopen(request) as response:  # noqa: S310
            html = response.read()
        raw, packed = len(html), len(gzip.compress(html, 9))
        assets = 0
        for asset in sorted(set(ASSET.findall(html.decode()))):
            with urllib.request.urlopen(base + asset) as response:  # noqa: S310
                body = response.read()
            assets += len(body)
            packed += len(gzip.compress(body, 9))
        print(f"  {name:18} {raw:8,} {raw + assets:10,} {packed:11,}  (budget 30,720)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"{os.cpu_count()} CPUs; load average before: {load}")
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/startup.db",
            "SECRET_KEY": "bench-startup",
        }
        for command in (["db", "upgrade"], ["seed-demo"]):
            subprocess.run(
                [PYTHON, "-m", "flask", "--app", "feedback_bot", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        apps = [fresh(COLD_APP, env)[0] for _ in range(args.runs)]
        print(
            f"  import feedback_bot and create_app(), fresh interpreter: median {ms(statistics.median(apps))}"
        )
        for workers in (1, 2):
            runs = [first_answer(env, workers) for _ in range(args.runs)]
            print(
                f"  gunicorn -w {workers} start to first chat page answered: "
                f"median {ms(statistics.median(runs))}, slowest {ms(max(runs))}"
            )
        first = [fresh(FIRST_USE, env) for _ in range(3)]
        names = (
            "first scrub",
            "second scrub",
            "first danger check (en)",
            "second (en)",
            "first (cy)",
        )
        print("  first use in a worker (once per process; median of 3):")
        for n, name in enumerate(names):
            print(f"    {name:26} {ms(statistics.median(r[n] for r in first))}")
        loading(env, args.runs)
        sys.argv = [sys.argv[0]]
        sys.path.insert(0, str(ROOT / "scripts"))
        from screenshots import serve_the_app

        with serve_the_app() as (base, _staff):
            page_bytes(base)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
