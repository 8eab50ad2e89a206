"""Recall and precision of the scrubber on a marked corpus, per category.

    .venv/bin/python -m feedback_bot.privacy.report tests/privacy/corpus.yaml [--misses]

A marked item counts as caught when found spans cover at least half of its characters and the
scrubbed text no longer contains it. A found span that overlaps no marked item is a false
positive. The tests in tests/privacy use the same functions, so the table and the gate agree.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from feedback_bot.privacy.scrub import CATEGORIES, clean, find, scrub


@dataclass(frozen=True)
class Item:
    """One message from the corpus, with its personal data as (text, category) pairs."""

    text: str
    pii: tuple[tuple[str, str], ...]
    heldout: bool = False


@dataclass(frozen=True)
class Marked:
    """One occurrence of marked personal data in the cleaned message."""

    start: int
    end: int
    text: str
    category: str


@dataclass
class Tally:
    """Counts for one set of items; the misses and false positives are kept for reading."""

    total: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, Marked, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, category: str | None = None) -> float:
        """Share of marked items caught (all categories when none is given)."""
        total = self.total[category] if category else sum(self.total.values())
        caught = self.caught[category] if category else sum(self.caught.values())
        return caught / total if total else 1.0

    def precision(self, category: str | None = None) -> float:
        """Share of found spans that overlap marked personal data."""
        tp = self.true_pos[category] if category else sum(self.true_pos.values())
        fp = self.false_pos[category] if category else sum(self.false_pos.values())
        return tp / (tp + fp) if tp + fp else 1.0


def load(path: Path | str) -> list[Item]:
    """Read the corpus YAML; every marked text must occur in its cleaned message."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    items: list[Item] = []
    for n, entry in enumerate(raw, start=1):
        pii = tuple((str(p["text"]), str(p["category"])) for p in entry["pii"])
        item = Item(str(entry["text"]), pii, bool(entry.get("heldout", False)))
        for text, category in pii:
            if category not in CATEGORIES:
                raise ValueError(f"item {n}: unknown category {category!r}")
            if not _occurrences(clean(item.text), text):
                raise ValueError(f"item {n}: {text!r} is not in {item.text!r}")
        items.append(item)
    return items


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def marked(item: Item) -> list[Marked]:
    """Every occurrence of the item's personal data, in its cleaned text."""
    cleaned = clean(item.text)
    return [
        Marked(start, end, text, category)
        for text, category in item.pii
        for start, end in _occurrences(cleaned, text)
    ]


def leaked(scrubbed: str, text: str) -> bool:
    """Does the scrubbed message still contain this text, in any case, as a whole word?"""
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", scrubbed, re.IGNORECASE) is not None


def evaluate(items: list[Item]) -> Tally:
    """Score the scrubber on these items."""
    tally = Tally()
    for item in items:
        cleaned, scrubbed = clean(item.text), scrub(item.text)
        spans = find(cleaned)
        gold = marked(item)
        for g in gold:
            tally.total[g.category] += 1
            covering = [s for s in spans if s[0] < g.end and s[1] > g.start]
            covered = sum(min(s[1], g.end) - max(s[0], g.start) for s in covering)
            if covered * 2 >= g.end - g.start and not leaked(scrubbed, g.text):
                tally.caught[g.category] += 1
                tally.typed[g.category] += any(s[2] == g.category for s in covering)
            else:
                tally.misses.append((item.text, g, scrubbed))
        for start, end, category in spans:
            if any(g.start < end and g.end > start for g in gold):
                tally.true_pos[category] += 1
            else:
                tally.false_pos[category] += 1
                tally.wrong.append((item.text, cleaned[start:end], category))
    return tally


def table(sets: dict[str, Tally]) -> str:
    """A plain-text table: recall (caught/total) and precision per category, per set."""
    head = f"{'category':<14}" + "".join(
        f" | {name + ' recall':>22} | {name + ' precision':>20}" for name in sets
    )
    rows = [head, "-" * len(head)]
    for category in (*CATEGORIES, None):
        cells = []
        for tally in sets.values():
            total = tally.total[category] if category else sum(tally.total.values())
            caught = tally.caught[category] if category else sum(tally.caught.values())
            tp = tally.true_pos[category] if category else sum(tally.true_pos.values())
            fp = tally.false_pos[category] if category else sum(tally.false_pos.values())
            recall = f"{tally.recall(category):6.1%} ({caught}/{total})" if total else "-"
            precision = f"{tally.precision(category):6.1%} ({tp}/{tp + fp})" if tp + fp else "-"
            cells.append(f" | {recall:>22} | {precision:>20}")
        rows.append(f"{category or 'ALL':<14}" + "".join(cells))
    for name, tally in sets.items():
        caught, typed = sum(tally.caught.values()), sum(tally.typed.values())
        rows.append(f"{name}: placeholder of the marked type on {typed} of {caught} caught items")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the table for a corpus file; --misses lists what was missed or wrongly found."""
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    if len(paths) != 1:
        print("usage: python -m feedback_bot.privacy.report CORPUS.yaml [--misses]")
        return 2
    items = load(paths[0])
    sets = {
        "main": evaluate([i for i in items if not i.heldout]),
        "held-out": evaluate([i for i in items if i.heldout]),
        "all": evaluate(items),
    }
    print(table(sets))
    if "--misses" in args:
        for name, tally in sets.items():
            if name == "all":
                continue
            for _text, g, scrubbed in tally.misses:
                print(f"[{name}] MISSED {g.category} {g.text!r}: {scrubbed}")
            for text, found, category in tally.wrong:
                print(f"[{name}] FALSE {category} {found!r}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
