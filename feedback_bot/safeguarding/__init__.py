"""Safeguarding: does a child's free text suggest they may be in danger now?

``needs_help(text, language)`` answers yes or no, so the chat can show the help panel
(999, Childline) as the very next screen. It never logs or returns the words that matched.
"""

from .detector import (
    LexiconError,
    available_languages,
    matched_categories,
    needs_help,
    validate_lexicon,
)

__all__ = [
    "LexiconError",
    "available_languages",
    "matched_categories",
    "needs_help",
    "validate_lexicon",
]
