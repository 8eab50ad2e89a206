"""How fast the free-text scrubber is: cold start and per-message time. Not a test.

    .venv/bin/python bench/bench_scrub.py [--rounds 30] [--cold 5]

Cold start is import plus the first scrub, timed inside fresh interpreters (target < 2 s).
Per-message time is each corpus message scrubbed once per round (target p95 < 10 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "privacy" / "corpus.yaml"
# Importing feedback_bot.privacy imports the feedback_bot package (Flask, SQLAlchemy) first;
# the second measure pre-imports that package, as a running app has, to show the scrubber's share.
COLD = (
    "import time; t = time.perf_counter(); {pre}"
    "u = time.perf_counter(); "
    "from feedback_bot.privacy.scrub import scrub; "
    "scrub('my sw Kez said ring 07700 900123'); "
    "print(time.perf_counter() - t, time.perf_counter() - u)"
)


def cold_start(runs: int) -> dict[str, list[float]]:
    """Seconds per fresh interpreter: import + first scrub, the scrubber's share, the whole run."""
    found: dict[str, list[float]] = {"inside": [], "own": [], "whole": []}
    for n in range(runs * 2):
        code = COLD.format(pre="import feedback_bot; " if n % 2 else "")
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        total, own = (float(x) for x in out.stdout.split())
        if n % 2:
            found["own"].append(own)
        else:
            found["whole"].append(time.perf_counter() - started)
            found["inside"].append(total)
    return found


def per_message(rounds: int) -> list[float]:
    """Milliseconds for each scrub of each corpus message, over all rounds."""
    sys.path.insert(0, str(ROOT))
    from feedback_bot.privacy.report import load
    from feedback_bot.privacy.scrub import scrub

    texts = [item.text for item in load(CORPUS)]
    scrub(texts[0])
    times: list[float] = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter_ns()
            scrub(text)
            times.append((time.perf_counter_ns() - started) / 1e6)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()
    cold = cold_start(args.cold)
    times = per_message(args.rounds)
    command = " ".join([os.path.relpath(sys.executable), *sys.argv])
    print(f"$ {command}")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    print()
    print(f"{'measure':<42} {'value':>12}  target")
    for label, key, target in (
        ("cold start: import + first scrub", "inside", "  < 2 s"),
        ("  of which the scrubber itself", "own", ""),
        ("  whole interpreter, start to exit", "whole", ""),
    ):
        median, worst = statistics.median(cold[key]), max(cold[key])
        print(f"{label:<42} {median:>10.3f} s{target}  (worst {worst:.3f} s)")
    print(f"{'per message p50':<42} {percentile(times, 50):>9.3f} ms")
    print(f"{'per message p95':<42} {percentile(times, 95):>9.3f} ms  < 10 ms")
    print(f"{'per message p99':<42} {percentile(times, 99):>9.3f} ms")
    print(f"{'per message max':<42} {max(times):>9.3f} ms")
    print(f"({len(times)} scrubs: {len(times) // args.rounds} messages x {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
