"""The semantic layer: is a message closer to the danger examples than to the ordinary ones?

It catches danger told in words the lexicon does not hold ("a pillow over my face",
"I'm living in my car"). The text is embedded in memory only; nothing is stored or logged.
The model and the bank are loaded once per process, on first use (``warm_up`` loads them
earlier). Thresholds: settings.py.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from .embedding import Encoder, Vector, load_encoder
from .settings import SEMANTIC, Semantic

if TYPE_CHECKING:
    from .bank import Bank


@functools.cache
def _loaded() -> tuple[Encoder, Bank, Vector, Vector]:
    # One BLAS thread: the matrices are small, and threads fighting over two cores with
    # the other workers made the slowest messages 20 times slower (bench_safeguarding.py).
    from .bank import load_bank  # not at import: `python -m ...bank` runs it as __main__

    threadpool_limits(limits=1, user_api="blas")
    bank = load_bank()
    danger = np.array([e.danger for e in bank.examples])
    return load_encoder(), bank, bank.vectors[danger], bank.vectors[~danger]


def warm_up() -> None:
    """Load the model and the bank now rather than on the first message."""
    _loaded()


def _top_mean(similarities: Vector, k: int) -> float:
    k = min(k, len(similarities))
    return float(np.partition(similarities, -k)[-k:].mean())


def margin(text: str, settings: Semantic = SEMANTIC) -> float:
    """Mean similarity of the k closest danger examples minus that of the k closest ordinary."""
    return _margin(_loaded()[0].encode(text), settings)


def _margin(vector: Vector, settings: Semantic) -> float:
    _, _, danger, ordinary = _loaded()
    k = settings.neighbours
    return _top_mean(danger @ vector, k) - _top_mean(ordinary @ vector, k)


def danger_category(text: str, settings: Semantic = SEMANTIC) -> str:
    """The category of the closest danger example when the message is close enough to the
    danger examples to show help; "" when it is not."""
    if not text.strip():
        return ""
    encoder, bank, _, _ = _loaded()
    vector = encoder.encode(text)
    if _margin(vector, settings) <= settings.margin:
        return ""
    similarities = bank.vectors @ vector
    category: str = next(
        bank.examples[i].category for i in np.argsort(-similarities) if bank.examples[i].danger
    )
    return category
