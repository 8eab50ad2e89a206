"""How the detector would do on a fresh held-out set: hold out whole rounds, and 5-fold CV.

    .venv/bin/python -m feedback_bot.safeguarding.validate [--round3] [--lexicon FILE]
                                                           [--sweep] [--cache FILE]

Each round's held-out set in tests/safeguarding/corpus_en.yaml was written after a freeze
by someone who had not seen the detector, and rotated into the main set once measured: every `round: 1` entry, and for later rounds
the `round: r` entries under a "# round r held out" comment. For each such round r this
builds a bank from the corpus entries of the other rounds (none of round r) and from the
curated examples written before round r was read (`seen` < r in examples_en.yaml),
trains the classifier on it, and reads round r's held-out set as the chat does (rules,
then the semantic layer where the rules found nothing). Then 5-fold cross-validation over
the whole corpus (stratified, seed 0), every curated example in every bank.

The rules are not retrained per fold: on rounds the lexicon was tuned on, "rules only" is
in-sample. --lexicon reads them with another lexicon file (the one frozen before a round,
from `git show`), --round3 runs round 3's semantic layer (settings.ROUND_3, with the
curated examples written in round 3), so the figures before and after a change can be
put side by side. --sweep adds the combined figures at other thresholds. --cache keeps the
embeddings in a file between runs (a run embeds about 3,000 pieces: a minute or so).
Figures only; no message is printed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .automaton import Lexicon
from .bank import CORPUS, EXAMPLES_FILE, ORDINARY, PACKAGE, Bank, Example, train_classifier
from .compiler import compile_lexicon
from .detector import read_rules
from .embedding import Vector, load_encoder
from .semantic import Scorer, pieces
from .settings import ROUND_3, SEMANTIC, Semantic

_SECTION = re.compile(r"\s*# round (\d+)\b(.*)")
FOLDS = 5
SWEEP = (-0.6, -0.4, -0.2, -0.1, 0.0, 0.1, 0.2, 0.4, 0.6)  # added to the threshold


@dataclass(frozen=True)
class Entry:
    """A corpus message or curated example, with what validation needs to know of it."""

    text: str
    danger: bool
    category: str  # "" for ordinary
    round: int | None  # corpus: its round (None: untagged); curated: the round it was written in
    held_out_in: int | None  # the round whose held-out set it was written for
    seen: int  # curated: the last corpus round its writer had read; corpus: -1


def corpus_entries(path: Path = CORPUS) -> list[Entry]:
    """The corpus entries that are not held out now, each with the round whose held-out set
    it was written as, if any: `round: r` and the nearest "# round ..." comment above it
    says "held out". Entries still marked `heldout` are left out altogether: validation is
    tuning, and they are for measuring once."""
    text = path.read_text("utf-8")
    sections = [
        (i, int(m.group(1)), "held out" in m.group(2))
        for i, line in enumerate(text.splitlines())
        if (m := _SECTION.match(line))
    ]
    data = yaml.safe_load(text)
    root = yaml.compose(text)
    if root is None:
        return []
    out = []
    for key_node, list_node in root.value:
        key = key_node.value
        for node, entry in zip(list_node.value, data[key], strict=True):
            if entry.get("heldout"):
                continue
            above = [s for s in sections if s[0] < node.start_mark.line]
            held = bool(above) and above[-1][2] and above[-1][1] == entry.get("round")
            out.append(
                Entry(
                    str(entry["text"]),
                    key == "danger",
                    str(entry.get("category", ORDINARY)),
                    entry.get("round"),
                    entry["round"] if held else None,
                    -1,
                )
            )
    return out


def curated_entries() -> list[Entry]:
    """The curated examples, with the round each was written in and the last one read."""
    data = yaml.safe_load((PACKAGE / EXAMPLES_FILE).read_text("utf-8"))
    return [
        Entry(
            str(e["text"]),
            key == "danger",
            str(e.get("category", ORDINARY)),
            e["round"],
            None,
            e["seen"],
        )
        for key in ("danger", "ordinary")
        for e in data.get(key) or []
    ]


class Embeddings:
    """Vectors of texts, embedded once and optionally kept in a file between runs."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, Vector] = {}
        if path and path.exists():
            with np.load(path, allow_pickle=False) as data:
                self.known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        self.added = False

    def of(self, texts: Sequence[str]) -> Vector:
        """One unit vector per text."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        if missing:
            self.known.update(zip(missing, load_encoder().encode_all(missing), strict=True))
            self.added = True
        return np.stack([self.known[t] for t in texts])

    def save(self) -> None:
        """Write the file, if one was given and anything new was embedded."""
        if self.path and self.added:
            texts = list(self.known)
            np.savez(self.path, texts=np.array(texts), vectors=np.stack(list(self.known.values())))


def _scorer(bank: Sequence[Entry], embeddings: Embeddings, settings: Semantic) -> Scorer:
    """A scorer over these examples, with the classifier trained on them as bank.py does."""
    vectors = embeddings.of([e.text for e in bank]).astype(np.float16).astype(np.float32)
    danger = np.array([e.danger for e in bank], dtype=bool)
    coef, intercept = np.zeros(vectors.shape[1], np.float32), 0.0
    if settings.classifier:
        coef, intercept = train_classifier(vectors, danger, settings.regularisation)
    examples = tuple(Example(e.text, e.category) for e in bank)
    return Scorer.from_bank(Bank(examples, vectors, coef, intercept))


@dataclass(frozen=True)
class Split:
    """One held-out round or fold: its messages, their scores and the rules' readings."""

    name: str
    test: list[Entry]
    scores: Vector  # the semantic layer's score of each test message
    live: list[bool]  # the rules found a danger phrase that survived
    cancelled: list[bool]  # the rules found one and cancelled it (vetoes the semantic layer)


def _split(
    name: str,
    bank: list[Entry],
    test: list[Entry],
    embeddings: Embeddings,
    settings: Semantic,
    rules: Callable[[str], tuple[bool, bool]],
) -> Split:
    scorer = _scorer(bank, embeddings, settings)
    scores = [
        scorer.best(embeddings.of(pieces(e.text, settings.clauses)), settings)[0] for e in test
    ]
    readings = [rules(e.text) for e in test]
    return Split(name, test, np.array(scores), [r[0] for r in readings], [r[1] for r in readings])


def splits(
    corpus: list[Entry],
    curated: list[Entry],
    embeddings: Embeddings,
    settings: Semantic,
    rules: Callable[[str], tuple[bool, bool]],
) -> list[Split]:
    """Every held-out round, then the cross-validation folds."""
    out = []
    for r in sorted({e.held_out_in for e in corpus if e.held_out_in is not None}):
        bank = [e for e in corpus if e.round != r] + [e for e in curated if e.seen < r]
        test = [e for e in corpus if e.held_out_in == r]
        out.append(_split(f"round {r}", bank, test, embeddings, settings, rules))
    rng = np.random.default_rng(0)
    fold = np.zeros(len(corpus), dtype=int)
    for danger in (True, False):
        rows = rng.permutation([i for i, e in enumerate(corpus) if e.danger == danger])
        fold[rows] = np.arange(len(rows)) % FOLDS
    for f in range(FOLDS):
        bank = [e for i, e in enumerate(corpus) if fold[i] != f] + curated
        test = [e for i, e in enumerate(corpus) if fold[i] == f]
        out.append(_split(f"cv {f + 1}", bank, test, embeddings, settings, rules))
    return out


Tally = tuple[int, int, int, int]  # danger shown, danger, ordinary shown, ordinary


def tally(group: Sequence[Split], threshold: float) -> dict[str, Tally]:
    """Rules only, semantic only and combined: how many danger and ordinary showed help."""
    counts = {"rules only": [0, 0, 0, 0], "semantic only": [0, 0, 0, 0], "combined": [0, 0, 0, 0]}
    for split in group:
        for e, s, live, cancelled in zip(
            split.test, split.scores, split.live, split.cancelled, strict=True
        ):
            semantic = bool(s > threshold)
            shown = {
                "rules only": live,
                "semantic only": semantic,
                "combined": live or (not cancelled and semantic),
            }
            for name, yes in shown.items():
                counts[name][0 if e.danger else 2] += yes
                counts[name][1 if e.danger else 3] += 1
    return {k: (v[0], v[1], v[2], v[3]) for k, v in counts.items()}


def _cell(shown: int, total: int) -> str:
    return f"{shown}/{total} {100 * shown / max(total, 1):5.1f}%"


def _groups(all_splits: list[Split]) -> list[tuple[str, list[Split]]]:
    rounds = [s for s in all_splits if s.name.startswith("round")]
    groups = [(s.name, [s]) for s in rounds]
    later = [s for s in rounds if s.name != "round 1"]
    if len(later) > 1:
        groups.append(("rounds " + "+".join(s.name[6:] for s in later), later))
    groups.append((f"{FOLDS}-fold CV", [s for s in all_splits if s.name.startswith("cv")]))
    return groups


def render(all_splits: list[Split], settings: Semantic, sweep: bool) -> list[str]:
    """The figures as lines of text: danger shown (hit) and ordinary shown (false alarm)."""
    lines = [f"  {'':<14}{'':<8}{'rules only':>20}{'semantic only':>20}{'combined':>20}"]
    for name, group in _groups(all_splits):
        counts = tally(group, settings.threshold)
        for label, pick in (("danger", (0, 1)), ("ordinary", (2, 3))):
            cells = "".join(f"{_cell(c[pick[0]], c[pick[1]]):>20}" for c in counts.values())
            lines.append(f"  {name if label == 'danger' else '':<14}{label:<8}{cells}")
    if sweep:
        lines += ["", "Combined, at other thresholds (danger shown, ordinary shown):"]
        for step in SWEEP:
            threshold = settings.threshold + step
            parts = []
            for name, group in _groups(all_splits):
                d, dn, o, on = tally(group, threshold)["combined"]
                parts.append(f"{name} {d}/{dn} {o}/{on}")
            lines.append(f"  at {threshold:.2f}: " + "; ".join(parts))
    return lines


def _rules(lexicon: Path | None) -> Callable[[str], tuple[bool, bool]]:
    lexicons: list[Lexicon] | None = None
    if lexicon:
        lexicons = [compile_lexicon(yaml.safe_load(lexicon.read_text("utf-8")), "en")]

    def read(text: str) -> tuple[bool, bool]:
        reading = read_rules(text, "en", lexicons)
        return bool(reading.categories), reading.cancelled

    return read


def main(argv: Sequence[str] | None = None) -> int:
    """Print the validation figures."""
    args = list(sys.argv[1:] if argv is None else argv)
    options: dict[str, Any] = {"--lexicon": None, "--cache": None}
    for name in options:
        if name in args:
            at = args.index(name)
            options[name] = Path(args[at + 1])
            del args[at : at + 2]
    settings = ROUND_3 if "--round3" in args else SEMANTIC
    curated = curated_entries()
    if settings is ROUND_3:
        curated = [e for e in curated if e.round is not None and e.round <= 3]
    embeddings = Embeddings(options["--cache"])
    all_splits = splits(
        corpus_entries(), curated, embeddings, settings, _rules(options["--lexicon"])
    )
    embeddings.save()
    print(
        f"Safeguarding validation: {settings}\n"
        f"lexicon: {options['--lexicon'] or 'the current one'}; "
        f"curated examples: {len(curated)}\n"
    )
    print("\n".join(render(all_splits, settings, "--sweep" in args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
