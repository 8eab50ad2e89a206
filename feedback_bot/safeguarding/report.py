"""How well the safeguarding lexicon does on its test corpus, per category.

    .venv/bin/python -m feedback_bot.safeguarding.report [CORPUS.yaml] [--misses]

The language is the corpus file's: tests/safeguarding/corpus_pl.yaml runs the Polish
lexicon (with English, as the chat does).

Prints, for the tuning messages and the held-out ones separately: the hit and false-alarm
rates of the rules alone, the semantic layer alone and the two combined (as the chat
decides); then, for the combined detector, the hit rate of danger messages (the help panel
shows) per category, the false-alarm rate of ordinary messages per kind and per category
that fired, and the time per message. --misses also lists the corpus messages it gets
wrong (invented test messages, never a child's).

The semantic layer's bank holds every main (tuned-on) message, so on those its figures
are in-sample: each message finds itself. Only the held-out figures measure it.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import semantic
from .detector import load_lexicon, matched_categories, read_rules, semantic_applies

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "safeguarding" / "corpus_en.yaml"
SPLITS = ("main", "held-out")


@dataclass(frozen=True)
class Result:
    """One corpus message and what the detector made of it."""

    text: str
    danger: bool  # the corpus says the help panel must show
    group: str  # the category (danger) or kind (ordinary) the corpus gives it
    split: str  # "main" (tuned on) or "held-out"
    found: frozenset[str]  # categories the detector matched (rules, then semantic)
    seconds: float
    rules: bool  # the rules alone would show the help panel
    semantic: bool | None  # the semantic layer alone would (None: not run for the language)


def evaluate(corpus: Mapping[str, Any], language: str = "en") -> list[Result]:
    """Run the detector over every corpus message, timing each one."""
    load_lexicon(language)  # compile and load outside the timings
    semantic_on = semantic_applies(language)
    if semantic_on:
        semantic.warm_up()
    results = []
    for danger, key, group in ((True, "danger", "category"), (False, "ordinary", "kind")):
        for entry in corpus.get(key) or []:
            started = time.perf_counter()
            found = matched_categories(entry["text"], language)
            seconds = time.perf_counter() - started
            split = SPLITS[1] if entry.get("heldout") else SPLITS[0]
            rules = bool(read_rules(entry["text"], language).categories)
            alone = bool(semantic.danger_category(entry["text"])) if semantic_on else None
            results.append(
                Result(entry["text"], danger, entry[group], split, found, seconds, rules, alone)
            )
    return results


Rows = dict[str, dict[str, list[int]]]  # row name -> split -> [help shown, messages]


def _tally(
    results: Iterable[Result], rows_of: Callable[[Result], Iterable[tuple[str, bool]]]
) -> Rows:
    """Count, per row and split, the messages and how many of them showed the help panel."""
    rows: Rows = defaultdict(lambda: {s: [0, 0] for s in SPLITS})
    for r in results:
        for name, shown in rows_of(r):
            rows[name][r.split][0] += shown
            rows[name][r.split][1] += 1
    return rows


def _rate(shown: int, total: int) -> str:
    return f"{shown:>3}/{total:<3} {100 * shown / total:5.1f}%" if total else f"{'-':>14}"


def _table(title: str, rows: Rows) -> list[str]:
    lines = [title, f"  {'':<24}{'main':>16}{'held-out':>16}{'all':>16}"]
    for name in [*sorted(k for k in rows if k != "all"), "all"]:
        cells = [rows[name][s] for s in SPLITS]
        cells.append([sum(c[0] for c in cells), sum(c[1] for c in cells)])
        lines.append(f"  {name:<24}" + "".join(f"{_rate(*c):>16}" for c in cells))
    return lines


def _layers(results: Sequence[Result]) -> list[str]:
    """Rules alone, semantic alone and combined: danger hit rate and false-alarm rate."""
    layers: list[tuple[str, Callable[[Result], bool | None]]] = [
        ("rules only", lambda r: r.rules),
        ("semantic only", lambda r: r.semantic),
        ("combined", lambda r: bool(r.found)),
    ]
    rows: Rows = {}
    for name, shown in layers:
        for kind, danger in (("danger hit", True), ("false alarm", False)):
            row = f"{name}: {kind}"
            picked = [r for r in results if r.danger == danger and shown(r) is not None]
            for r in picked:
                cell = rows.setdefault(row, {s: [0, 0] for s in SPLITS})[r.split]
                cell[0] += bool(shown(r))
                cell[1] += 1
    lines = ["Layers: danger hit rate and ordinary false-alarm rate (help panel shown)"]
    if all(r.semantic is None for r in results):
        lines.append("  (no semantic layer: the model reads English only)")
    lines.append(f"  {'':<28}{'main':>16}{'held-out':>16}{'all':>16}")
    for name in rows:
        cells = [rows[name][s] for s in SPLITS]
        cells.append([sum(c[0] for c in cells), sum(c[1] for c in cells)])
        lines.append(f"  {name:<28}" + "".join(f"{_rate(*c):>16}" for c in cells))
    return lines


def render(results: Sequence[Result], misses: bool = False) -> list[str]:
    """The report as lines of text."""
    danger = [r for r in results if r.danger]
    ordinary = [r for r in results if not r.danger]
    categories = sorted({r.group for r in danger} | {c for r in results for c in r.found})
    lines = [*_layers(results), "", "The combined detector, as the chat decides:", ""]
    lines += _table(
        "Danger messages: hit rate (help panel shown), by category",
        _tally(danger, lambda r: ((r.group, bool(r.found)), ("all", bool(r.found)))),
    )
    lines += [
        "",
        *_table(
            "Ordinary messages: false-alarm rate (help panel shown), by kind",
            _tally(ordinary, lambda r: ((r.group, bool(r.found)), ("all", bool(r.found)))),
        ),
    ]
    lines += [
        "",
        *_table(
            "Ordinary messages: false-alarm rate, by the category that fired",
            _tally(
                ordinary,
                lambda r: [(c, c in r.found) for c in categories] + [("all", bool(r.found))],
            ),
        ),
    ]
    times = sorted(r.seconds for r in results)
    if times:
        mean = sum(times) / len(times)
        p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
        lines += [
            "",
            f"Speed: {len(times)} messages, mean {mean * 1e6:.0f} µs, 99th percentile "
            f"{p99 * 1e6:.0f} µs, slowest {times[-1] * 1e6:.0f} µs per message",
        ]
    if misses:
        lines += ["", "Wrong (invented corpus messages):"]
        lines += [
            f"  {'missed' if r.danger else 'false alarm'} [{r.split}] {r.group}: {r.text}"
            for r in results
            if bool(r.found) != r.danger
        ]
    return lines


def corpus_language(path: Path) -> str:
    """The language a corpus is written in, from its name: corpus_pl.yaml is Polish."""
    return path.stem.removeprefix("corpus_") if path.stem.startswith("corpus_") else "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; 2 if the corpus cannot be read."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_misses = "--misses" in args
    paths = [a for a in args if a != "--misses"]
    path = Path(paths[0]) if paths else CORPUS
    try:
        corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        print(f"cannot read the corpus {path}: {problem}", file=sys.stderr)
        return 2
    language = corpus_language(path)
    print(f"Safeguarding detector ({language}) on {path.name}\n")
    print("\n".join(render(evaluate(corpus, language), misses=show_misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
