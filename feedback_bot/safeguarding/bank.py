"""The semantic layer's example bank: danger and ordinary example messages, embedded.

    .venv/bin/python -m feedback_bot.safeguarding.bank     (rebuilds bank_en.npz)

The bank is built from the English test corpus's entries that are NOT held out
(tests/safeguarding/corpus_en.yaml) and the curated examples in examples_en.yaml, and
never from held-out entries: they measure how the detector does on messages it has not
seen. Embedding a thousand messages takes several seconds, so the vectors are stored
(float16, with the texts and labels they came from) and the app only loads them; a test
checks the file still matches its sources and the model.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np
import yaml

from .embedding import Vector, load_encoder

PACKAGE = resources.files("feedback_bot.safeguarding")
BANK_FILE: Final = "bank_en.npz"
EXAMPLES_FILE: Final = "examples_en.yaml"
CORPUS: Final = Path(__file__).resolve().parents[2] / "tests" / "safeguarding" / "corpus_en.yaml"
ORDINARY: Final = ""  # the category of an ordinary example


@dataclass(frozen=True)
class Example:
    """One bank message: its text and its category ("" when it is ordinary)."""

    text: str
    category: str

    @property
    def danger(self) -> bool:
        """True for a danger example."""
        return self.category != ORDINARY


@dataclass(frozen=True)
class Bank:
    """The examples and their unit vectors, one row each."""

    examples: tuple[Example, ...]
    vectors: Vector  # float32, (len(examples), 384)


def examples_from(corpus: Mapping[str, Any], curated: Mapping[str, Any]) -> list[Example]:
    """The bank's examples: the corpus entries that are not held out, then the curated ones."""
    out: list[Example] = []
    for source in (corpus, curated):
        for entry in source.get("danger") or []:
            if not entry.get("heldout"):
                out.append(Example(str(entry["text"]), str(entry["category"])))
        for entry in source.get("ordinary") or []:
            if not entry.get("heldout"):
                out.append(Example(str(entry["text"]), ORDINARY))
    return out


def current_examples(corpus_path: Path = CORPUS) -> list[Example]:
    """The examples the bank should hold now, read from the corpus and the curated file."""
    corpus = yaml.safe_load(corpus_path.read_text("utf-8"))
    curated = yaml.safe_load((PACKAGE / EXAMPLES_FILE).read_text("utf-8"))
    return examples_from(corpus, curated)


def build(examples: Sequence[Example], path: Path) -> None:
    """Embed every example and write the bank file."""
    vectors = load_encoder().encode_all([e.text for e in examples])
    np.savez_compressed(
        path,
        vectors=vectors.astype(np.float16),
        texts=np.array([e.text for e in examples]),
        categories=np.array([e.category for e in examples]),
    )


def read(path: Any) -> Bank:
    """A bank file, as written by build()."""
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        texts: Iterable[str] = data["texts"].tolist()
        categories: Iterable[str] = data["categories"].tolist()
        vectors = data["vectors"].astype(np.float32)
    return Bank(tuple(Example(t, c) for t, c in zip(texts, categories, strict=True)), vectors)


def load_bank() -> Bank:
    """The bank shipped with the package."""
    return read(PACKAGE / BANK_FILE)


def main(argv: Sequence[str] | None = None) -> int:
    """Rebuild the bank from the corpus and the curated examples."""
    args = list(sys.argv[1:] if argv is None else argv)
    corpus = Path(args[0]) if args else CORPUS
    examples = current_examples(corpus)
    target = Path(str(PACKAGE / BANK_FILE))
    build(examples, target)
    danger = sum(e.danger for e in examples)
    print(f"{target}: {danger} danger and {len(examples) - danger} ordinary examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
