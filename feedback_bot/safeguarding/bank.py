"""The semantic layer's example bank: danger and ordinary example messages, embedded.

    .venv/bin/python -m feedback_bot.safeguarding.bank     (rebuilds bank_en.npz)

The bank is built from the English test corpus's entries that are NOT held out
(tests/safeguarding/corpus_en.yaml) and the curated examples in examples_en.yaml, and
never from held-out entries: they measure how the detector does on messages it has not
seen. Embedding a thousand messages takes several seconds, so the vectors are stored
(float16, with the texts and labels they came from) and the app only loads them; a test
checks the file still matches its sources and the model.

Beside the vectors, the file holds a logistic regression trained on them (danger or not),
384 weights and an intercept. It is trained here with scikit-learn, a development
dependency: the app only multiplies by the stored weights.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import yaml

from .embedding import Vector, load_encoder
from .settings import SEMANTIC

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
    """The examples, their unit vectors (one row each) and the classifier trained on them."""

    examples: tuple[Example, ...]
    vectors: Vector  # float32, (len(examples), 384)
    coef: Vector  # float32, (384,): the logistic regression's weights
    intercept: float


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


def train_classifier(
    vectors: Vector, danger: npt.NDArray[np.bool_], regularisation: float = SEMANTIC.regularisation
) -> tuple[Vector, float]:
    """A logistic regression (danger or not) on the vectors: its weights and intercept.

    Classes are weighted by their size, so a bank with more ordinary than danger examples
    does not tilt it; the result is deterministic for the same vectors.
    """
    from sklearn.linear_model import LogisticRegression  # a build-time tool, not the app's

    model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=5000)
    model.fit(vectors, danger)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def build(examples: Sequence[Example], path: Path) -> None:
    """Embed every example, train the classifier on the stored vectors, write the file."""
    stored = load_encoder().encode_all([e.text for e in examples]).astype(np.float16)
    danger = np.array([e.danger for e in examples], dtype=bool)
    coef, intercept = train_classifier(stored.astype(np.float32), danger)
    np.savez_compressed(
        path,
        vectors=stored,
        texts=np.array([e.text for e in examples]),
        categories=np.array([e.category for e in examples]),
        coef=coef,
        intercept=np.array([intercept], dtype=np.float64),
    )


def read(path: Any) -> Bank:
    """A bank file, as written by build()."""
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        texts: Iterable[str] = data["texts"].tolist()
        categories: Iterable[str] = data["categories"].tolist()
        vectors = data["vectors"].astype(np.float32)
        coef = data["coef"].astype(np.float32)
        intercept = float(data["intercept"][0])
    examples = tuple(Example(t, c) for t, c in zip(texts, categories, strict=True))
    return Bank(examples, vectors, coef, intercept)


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
