"""How fast the danger detector is, and that its time grows in step with the text.

Run: .venv/bin/python bench/bench_safeguarding.py   (make bench runs it)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from feedback_bot.safeguarding import detector, needs_help

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "safeguarding" / "corpus_en.yaml"


def main() -> int:
    started = time.perf_counter()
    detector.load_lexicon("en")
    load = time.perf_counter() - started
    data = yaml.safe_load(CORPUS.read_text("utf-8"))
    texts = [e["text"] for key in ("danger", "ordinary") for e in data[key]]
    timings = []
    for _ in range(20):
        for text in texts:
            started = time.perf_counter()
            needs_help(text)
            timings.append(time.perf_counter() - started)
    timings.sort()
    unit = "beat me at fifa he hits me not scared at home my friend used to self harm and got help "
    small = min(_time(unit * 20) for _ in range(3))
    large = min(_time(unit * 200) for _ in range(3))
    print("danger detector (bench/bench_safeguarding.py)")
    print(f"  lexicon load          {load * 1000:8.1f} ms")
    print(f"  messages timed        {len(timings):8d}")
    print(f"  p50 per message       {statistics.median(timings) * 1e6:8.0f} µs")
    print(f"  p95 per message       {timings[int(len(timings) * 0.95)] * 1e6:8.0f} µs")
    print(f"  p99 per message       {timings[int(len(timings) * 0.99)] * 1e6:8.0f} µs")
    print(f"  10x longer text takes {large / small:8.1f}x as long (linear ≈ 10, quadratic ≈ 100)")
    return 0


def _time(text: str) -> float:
    started = time.perf_counter()
    needs_help(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
