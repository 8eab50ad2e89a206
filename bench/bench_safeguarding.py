"""How fast the danger detector is: start-up, time per message, memory, and that the rules'
time grows in step with the text.

Run: .venv/bin/python bench/bench_safeguarding.py   (make bench runs it)

Start-up is measured in a fresh process, after the app's package is imported: what the
detector adds (its imports, compiling the English lexicon, loading the model and its
example bank), as a gunicorn worker does it. The time
per message is the whole detector's, as the chat calls it: the rules, then the semantic
layer where the rules found nothing. Figures depend on what else the machine is doing:
the load average is printed with them.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from feedback_bot.safeguarding import detector, needs_help, semantic

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "safeguarding" / "corpus_en.yaml"
STARTUP = """
import os, time
import feedback_bot  # the app's own imports, there before the detector's
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
before = rss()
started = time.perf_counter()
from feedback_bot.safeguarding import warm_up
warm_up()
print(time.perf_counter() - started, rss() - before)
"""


def _startup() -> tuple[float, float]:
    """Seconds to import and warm up in a new process, and the memory that added, in MB."""
    out = subprocess.run(
        [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> int:
    starts = sorted(_startup() for _ in range(3))
    started = time.perf_counter()
    detector.load_lexicon("en")
    semantic.warm_up()
    load = time.perf_counter() - started
    data = yaml.safe_load(CORPUS.read_text("utf-8"))
    texts = [e["text"] for key in ("danger", "ordinary") for e in data[key]]
    timings = []
    for _ in range(3):
        for text in texts:
            started = time.perf_counter()
            needs_help(text)
            timings.append(time.perf_counter() - started)
    timings.sort()
    ordinary = [e["text"] for e in data["ordinary"]]
    ordinary_timings = []
    for text in ordinary:
        started = time.perf_counter()
        needs_help(text)
        ordinary_timings.append(time.perf_counter() - started)
    ordinary_timings.sort()
    semantic_only = []
    semantic_cpu = []
    for text in texts:
        started, cpu = time.perf_counter(), time.process_time()
        semantic.danger_category(text)
        semantic_only.append(time.perf_counter() - started)
        semantic_cpu.append(time.process_time() - cpu)
    semantic_only.sort()
    semantic_cpu.sort()
    unit = "beat me at fifa he hits me not scared at home my friend used to self harm and got help "
    small = min(_time_rules(unit * 20) for _ in range(3))
    large = min(_time_rules(unit * 200) for _ in range(3))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("danger detector (bench/bench_safeguarding.py)")
    print(f"  load average          {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    print(
        f"  start-up, new process {starts[1][0] * 1000:8.0f} ms  (median of 3: imports, lexicon, model, bank)"
    )
    print(f"  memory it adds        {starts[1][1]:8.0f} MB  (resident, per worker)")
    print(f"  load in this process  {load * 1000:8.0f} ms")
    print(f"  messages timed        {len(timings):8d}  (the English corpus, 3 times)")
    print(f"  p50 per message       {_ms(timings, 0.50):8.1f} ms  (rules, then semantic if needed)")
    print(f"  p95 per message       {_ms(timings, 0.95):8.1f} ms")
    print(f"  p99 per message       {_ms(timings, 0.99):8.1f} ms")
    print(
        f"  semantic layer alone  p50 {_ms(semantic_only, 0.5):.1f} ms, p95 {_ms(semantic_only, 0.95):.1f} ms"
    )
    print(
        f"  its CPU time alone    p50 {_ms(semantic_cpu, 0.5):.1f} ms, "
        f"p95 {_ms(semantic_cpu, 0.95):.1f} ms  (what waiting for a core does not add)"
    )
    print(
        f"  ordinary messages     p50 {_ms(ordinary_timings, 0.5):.1f} ms, "
        f"p95 {_ms(ordinary_timings, 0.95):.1f} ms  (most reach the semantic layer)"
    )
    print(f"  peak memory, process  {rss:8.0f} MB")
    print(
        f"  rules: 10x longer text takes {large / small:.1f}x as long (linear ≈ 10, quadratic ≈ 100)"
    )
    return 0


def _ms(sorted_seconds: list[float], share: float) -> float:
    if share == 0.5:
        return statistics.median(sorted_seconds) * 1000
    return sorted_seconds[min(len(sorted_seconds) - 1, int(len(sorted_seconds) * share))] * 1000


def _time_rules(text: str) -> float:
    started = time.perf_counter()
    detector.read_rules(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
