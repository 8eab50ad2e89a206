"""How well the codebook's phrases tag a labelled corpus: per-theme precision, recall and F1.

Run as ``python -m feedback_bot.themes_report [corpus] [codebook]``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .dialogue.schema import load_yaml
from .themes import Codebook, load_codebook, tag_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "themes" / "corpus.yaml"
DEFAULT_CODEBOOK = ROOT / "conversations" / "themes.yaml"


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    text: str
    themes: frozenset[str]
    heldout: bool = False


@dataclass(frozen=True)
class Score:
    """Counts for one theme."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus(path: Path) -> list[Example]:
    """Read a corpus file: a list of ``{text, themes, heldout?}``."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    return [
        Example(str(item["text"]), frozenset(item["themes"]), bool(item.get("heldout", False)))
        for item in data
    ]


def score(codebook: Codebook, examples: Iterable[Example]) -> dict[str, Score]:
    """Per-theme counts of tags right, wrong and missed."""
    counts = {theme_id: [0, 0, 0] for theme_id in sorted(codebook.themes)}
    for example in examples:
        got = tag_text(codebook, example.text)
        for theme_id, c in counts.items():
            c[0] += theme_id in got and theme_id in example.themes
            c[1] += theme_id in got and theme_id not in example.themes
            c[2] += theme_id not in got and theme_id in example.themes
    return {t: Score(*c) for t, c in counts.items()}


def macro_f1(scores: dict[str, Score]) -> float:
    """Mean F1 over themes that appear in the labels or the tags."""
    used = [s.f1 for s in scores.values() if s.tp + s.fp + s.fn]
    return sum(used) / len(used) if used else 0.0


def mistakes(codebook: Codebook, examples: Iterable[Example]) -> list[str]:
    """One line per example whose tags differ from its labels."""
    lines = []
    for example in examples:
        got = tag_text(codebook, example.text)
        if got != example.themes:
            extra, missed = sorted(got - example.themes), sorted(example.themes - got)
            lines.append(f"  {example.text!r}: extra {extra}, missed {missed}")
    return lines


def report(codebook: Codebook, examples: Sequence[Example]) -> str:
    """The table printed by ``make themes-report``."""
    parts = {
        "all": list(examples),
        "main": [e for e in examples if not e.heldout],
        "held-out": [e for e in examples if e.heldout],
    }
    scored = {name: score(codebook, part) for name, part in parts.items()}
    lines = [f"{'theme':28} {'main P':>6} {'R':>5} {'F1':>5}   {'held P':>6} {'R':>5} {'F1':>5}"]
    for theme_id in sorted(codebook.themes):
        main, held = scored["main"][theme_id], scored["held-out"][theme_id]
        lines.append(
            f"{theme_id:28} {main.precision:6.2f} {main.recall:5.2f} {main.f1:5.2f}"
            f"   {held.precision:6.2f} {held.recall:5.2f} {held.f1:5.2f}"
        )
    for name, part in parts.items():
        lines.append(f"macro F1 {name}: {macro_f1(scored[name]):.3f} ({len(part)} sentences)")
    wrong = mistakes(codebook, examples)
    if wrong:
        lines += [f"{len(wrong)} sentence(s) tagged differently from their labels:", *wrong]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Print the report; exit 1 if the codebook has problems."""
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    codebook = load_codebook(Path(argv[1]) if len(argv) > 1 else DEFAULT_CODEBOOK)
    for problem in codebook.problems:
        print(problem, file=sys.stderr)
    print(report(codebook, load_corpus(corpus)))
    return 1 if codebook.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
