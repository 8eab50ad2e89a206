"""The semantic layer: is a message, or a clause of it, closer to danger than to ordinary?

It catches danger told in words the lexicon does not hold ("a pillow over my face",
"I'm living in my car"). Each piece of the message (the whole of it and each clause, so
that danger buried in a long complaint is not diluted) is embedded and scored twice over,
against the bank of examples: a logistic regression's log-odds, and how much closer its
nearest danger examples are than its nearest ordinary ones. The most dangerous piece
decides. The text is embedded in memory only; nothing is stored or logged. The model and
the bank are loaded once per process, on first use (``warm_up`` loads them earlier).
Weights and threshold: settings.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
from threadpoolctl import threadpool_limits

from .embedding import Encoder, Vector, load_encoder
from .settings import SEMANTIC, Semantic

if TYPE_CHECKING:
    from .bank import Bank

# Where a message is cut into clauses: sentence ends, commas, dashes and the words that
# join one clause to the next. A clause needs two words or more to be scored on its own.
_CLAUSE_BREAKS: Final = re.compile(
    r"[.!?;\n\r]+|,|\s[-–—]\s|\b(?:but|because|cos|coz|so|and then|then|and)\b", re.IGNORECASE
)
MIN_CLAUSE_WORDS: Final = 2
# At most this many clauses are embedded (neighbours are joined beyond it), so a long
# message costs about twice a short one, never one model run per comma.
MAX_CLAUSES: Final = 12


def pieces(text: str, clauses: bool = True) -> list[str]:
    """The parts of a message that are scored: the whole message, then each clause."""
    whole = text.strip()
    if not clauses:
        return [whole]
    found = [p.strip() for p in _CLAUSE_BREAKS.split(whole) if p]
    found = [p for p in found if len(p.split()) >= MIN_CLAUSE_WORDS and p != whole]
    if len(found) > MAX_CLAUSES:
        size = -(-len(found) // MAX_CLAUSES)
        found = [", ".join(found[i : i + size]) for i in range(0, len(found), size)]
    return list(dict.fromkeys([whole, *found]))


def _top_mean(similarities: Vector, k: int) -> Vector:
    """Per row, the mean of the k largest values."""
    k = min(k, similarities.shape[1])
    top: Vector = np.partition(similarities, -k, axis=1)[:, -k:].mean(axis=1)
    return top


@dataclass(frozen=True)
class Scorer:
    """The bank, arranged for scoring: its danger and ordinary vectors and its classifier."""

    danger: Vector  # (danger examples, 384)
    ordinary: Vector  # (ordinary examples, 384)
    categories: tuple[str, ...]  # the category of each danger row
    coef: Vector  # (384,): the logistic regression's weights
    intercept: float

    @classmethod
    def from_bank(cls, bank: Bank) -> Scorer:
        """Split a bank's vectors into danger and ordinary rows."""
        danger = np.array([e.danger for e in bank.examples], dtype=bool)
        return cls(
            np.ascontiguousarray(bank.vectors[danger]),
            np.ascontiguousarray(bank.vectors[~danger]),
            tuple(e.category for e in bank.examples if e.danger),
            bank.coef,
            bank.intercept,
        )

    def scores(self, vectors: Vector, settings: Semantic) -> Vector:
        """One score per row of unit vectors: above settings.threshold means danger."""
        k = settings.neighbours
        nearest = _top_mean(vectors @ self.danger.T, k) - _top_mean(vectors @ self.ordinary.T, k)
        result: Vector = (settings.knn_weight * nearest).astype(np.float32)
        if settings.classifier:
            result = result + vectors @ self.coef + np.float32(self.intercept)
        return result

    def best(self, vectors: Vector, settings: Semantic) -> tuple[float, int]:
        """The highest score of a message's pieces (the whole message first, then its
        clauses, each less the clause penalty), and which piece it was."""
        scores = self.scores(vectors, settings)
        scores[1:] -= np.float32(settings.clause_penalty)
        best = int(np.argmax(scores))
        return float(scores[best]), best

    def closest_category(self, vector: Vector) -> str:
        """The category of the danger example closest to one vector."""
        return self.categories[int(np.argmax(self.danger @ vector))]


@functools.cache
def _loaded() -> tuple[Encoder, Scorer]:
    # One BLAS thread: the matrices are small, and threads fighting over two cores with
    # the other workers made the slowest messages 20 times slower (bench_safeguarding.py).
    from .bank import load_bank  # not at import: `python -m ...bank` runs it as __main__

    threadpool_limits(limits=1, user_api="blas")
    return load_encoder(), Scorer.from_bank(load_bank())


def warm_up() -> None:
    """Load the model and the bank now rather than on the first message."""
    _loaded()


def _best(text: str, settings: Semantic) -> tuple[float, Vector]:
    """The highest score among the message's pieces, and that piece's vector."""
    encoder, scorer = _loaded()
    vectors = encoder.encode_all(pieces(text, settings.clauses))
    found, best = scorer.best(vectors, settings)
    return found, vectors[best]


def score(text: str, settings: Semantic = SEMANTIC) -> float:
    """How dangerous the most dangerous piece of the message reads (see settings.py)."""
    return _best(text, settings)[0]


def danger_category(text: str, settings: Semantic = SEMANTIC) -> str:
    """The category of the danger example closest to the message's most dangerous piece,
    when that piece scores above the threshold; "" when none does."""
    if not text.strip():
        return ""
    found, vector = _best(text, settings)
    if found <= settings.threshold:
        return ""
    return _loaded()[1].closest_category(vector)
