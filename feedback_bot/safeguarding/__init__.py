"""Safeguarding: does a child's free text suggest they may be in danger now?

``needs_help(text, language)`` answers yes or no, so the chat can show the help panel
(999, Childline) as the very next screen. It never logs or returns the words that matched.
``warm_up()`` loads the English lexicon, the embedding model and its example bank now
(about a second) rather than while the first child waits; gunicorn.conf.py calls it.
"""

from . import semantic
from .detector import (
    DEFAULT_LANGUAGE,
    LexiconError,
    available_languages,
    load_lexicon,
    matched_categories,
    needs_help,
    validate_lexicon,
)


def warm_up() -> None:
    """Load everything the detector needs for English now, not on the first message."""
    load_lexicon(DEFAULT_LANGUAGE)
    semantic.warm_up()


__all__ = [
    "LexiconError",
    "available_languages",
    "matched_categories",
    "needs_help",
    "validate_lexicon",
    "warm_up",
]
