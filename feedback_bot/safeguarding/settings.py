"""The semantic layer's settings, kept in one place and checked value by value by a test.

The danger detector reads a message twice: the lexicon's rules (lexicon/<language>.yaml),
then, where the rules found no danger phrase at all (live or cancelled), sentence
embeddings compared with a bank of example messages (bank_en.npz, built by
``python -m feedback_bot.safeguarding.bank``). Each piece of the message (the whole of it,
and each clause when ``clauses`` is on) gets a score: the bank's logistic regression's
log-odds that it is danger, plus ``knn_weight`` times the mean cosine of its k closest
danger examples minus that of its k closest ordinary ones; a clause's score less
``clause_penalty``, as a clause read out of its message is easier to mistake. The help
panel shows when the highest score is above ``threshold``.

Changing a value here changes which children see the help panel: re-run
``make safeguarding-validate`` and ``make safeguarding-report``, and follow the freeze
rules in tests/safeguarding/corpus_en.yaml's header (a value chosen after reading the
held-out set is tuned on it, and the held-out figures no longer mean anything).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# When the values below were last chosen, and on what (see the corpus header, round 4).
LAST_TUNED: Final = "2026-11-24"


@dataclass(frozen=True)
class Semantic:
    """How close to the danger examples a message must be to show the help panel."""

    neighbours: int  # k: how many of the closest danger and ordinary examples are averaged
    knn_weight: float  # what the k-nearest margin (a difference of cosines) is multiplied by
    classifier: bool  # add the logistic regression's log-odds (False: nearest examples only)
    clauses: bool  # score each clause too, and take the most dangerous piece
    clause_penalty: float  # taken off a clause's score (not the whole message's)
    threshold: float  # the help panel shows when the score is above this
    regularisation: float  # the logistic regression's C, used when the bank is built
    languages: frozenset[str]  # chat languages whose text the English model reads


SEMANTIC: Final = Semantic(
    neighbours=5,
    knn_weight=20.0,
    classifier=True,
    clauses=True,
    clause_penalty=0.5,
    threshold=1.1,
    regularisation=1.0,
    languages=frozenset({"en"}),
)

# Round 3's semantic layer, frozen on 2026-11-24: nearest examples only, the whole message.
# Kept so that validate.py can measure it beside the current one.
ROUND_3: Final = Semantic(
    neighbours=7,
    knn_weight=1.0,
    classifier=False,
    clauses=False,
    clause_penalty=0.0,
    threshold=0.054,
    regularisation=1.0,
    languages=frozenset({"en"}),
)
