"""The lexicon's building blocks: how text is folded and split into words, and the word
automaton that every lexicon is compiled into (compiler.py) and read with (detector.py).

The automaton grows with the lexicon's length, so a message is read in time linear in its
length: from each word we follow at most one phrase's length of states, and Python's
backtracking regex engine never sees a lexicon pattern.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

DEFAULT_LANGUAGE: Final = "en"

MAX_PHRASE_WORDS: Final = 16
MIN_TYPO_TARGET: Final = 6

DANGER, NEGATION, DISTANCE, RESOLVED, ONGOING, EXCEPTION = (
    "danger",
    "negation",
    "distancing",
    "resolution",
    "ongoing",
    "exceptions",
)
_CUE_LISTS: Final = (DISTANCE, RESOLVED, ONGOING, EXCEPTION)
_KEYS: Final = frozenset(
    {"language", "version", "fold_accents", "spellings", "sets", "typo_targets", "categories"}
    | {"negation", *_CUE_LISTS}
)

_APOSTROPHES = re.compile("['’‘`´ʼ]")
# Full stops, question marks and semicolons, the Arabic-script and Bengali ones included.
_SENTENCES = re.compile(r"[.!?;\n\r\u061b\u061f\u06d4\u0964\u0965]+")
# A word is letters and digits with the marks that belong to them: Bengali vowel signs and
# the Arabic vowel marks are "marks", not letters, and must not split a word.
_MARKS: Final = "".join(
    re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"
)
_WORD_PATTERN: Final = rf"[^\W_](?:[^\W_]|[{_MARKS}\u200c\u200d])*"
_WORDS_AND_BREAKS = re.compile(rf"{_WORD_PATTERN}|[,()\u2013\u2014\u060c]")
_WORD = re.compile(_WORD_PATTERN)
# Accents folded away: Latin diacritics and the optional Arabic vowel marks, but never a
# mark that changes a letter in other scripts (the Bengali virama, say).
_ACCENTS = re.compile(r"[\u0300-\u036f\u064b-\u065f\u0670]")
_REPEAT3 = re.compile(r"(\w)\1\1+")
_PATTERN_TOKEN = re.compile(r"\(|\)\??|\||<[a-z_]+>|\.\.\.|\$|[^\s()|<>$]+")
END: Final = "$"  # the last "word" of every sentence, so patterns can say "at the end"
_NAME = re.compile(r"[a-z][a-z_]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")

Label = tuple[str, str, int, int]  # role, category ("" for cues), rule (-1: none), part
Hit = tuple[str, str, int, int]  # role, category, first word, one past the last word
Items = list["tuple[str, ...] | _Group"]  # a parsed pattern: words ("stem*", "*") and groups


@dataclass(frozen=True)
class _Group:
    """( a | b c ): alternatives; optional when it may also match nothing."""

    alts: list[Items]
    optional: bool


class LexiconError(ValueError):
    """A lexicon file is malformed; the message lists every problem found."""


class _Node:
    """A state of the lexicon automaton: word edges, stem edges, any-word edges, labels."""

    __slots__ = ("any", "exact", "labels", "stems")

    def __init__(self) -> None:
        self.exact: dict[str, list[_Node]] = {}
        self.stems: dict[str, list[tuple[str, _Node]]] = {}  # by the stem's first 3 letters
        self.any: list[_Node] = []
        self.labels: frozenset[Label] = frozenset()

    def link(self, word: str, target: _Node) -> None:
        if word == "*":
            edges = self.any
        elif word.endswith("*"):
            stems = self.stems.setdefault(word[:3], [])
            if (word[:-1], target) not in stems:
                stems.append((word[:-1], target))
            return
        else:
            edges = self.exact.setdefault(word, [])
        if target not in edges:
            edges.append(target)

    def step(self, word: str) -> Iterator[_Node]:
        yield from self.exact.get(word, ())
        yield from (node for stem, node in self.stems.get(word[:3], ()) if word.startswith(stem))
        yield from self.any


@dataclass(frozen=True)
class Lexicon:
    """One language's compiled lexicon."""

    language: str
    labels: Mapping[str, str]  # category id -> label for people reading reports
    fold_accents: bool
    spellings: Mapping[str, tuple[str, ...]]
    vocab: frozenset[str]
    typo_index: Mapping[str, frozenset[str]]
    fillers: frozenset[str]
    max_gap: int
    root: _Node
    rules: tuple[tuple[str, str, int], ...]  # "a ... b" patterns: (role, category, parts)


def fold(text: str, fold_accents: bool = True) -> str:
    """Lower-case, drop apostrophes ("don't" -> "dont") and, if asked, accents."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    if fold_accents and not text.isascii():
        text = unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFKD", text)))
    return text


def _deletes(word: str) -> Iterator[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        return a[i + 1 :] == b[i + 1 :] or swapped
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


def _lengths(items: Items) -> tuple[int, int]:
    """Fewest and most words a parsed pattern can match."""
    low = high = 0
    for item in items:
        if isinstance(item, _Group):
            ranges = [_lengths(alt) for alt in item.alts]
            low += 0 if item.optional else min(r[0] for r in ranges)
            high += max(r[1] for r in ranges)
        else:
            low, high = low + len(item), high + len(item)
    return low, high


def _build(items: Items, sources: list[_Node], target: _Node | None = None) -> list[_Node]:
    """Add a parsed pattern to the automaton after sources; return its end states.

    Each group's alternatives all lead into one join state, so the automaton grows with
    the pattern's length, not with the product of its alternatives.
    """
    for index, item in enumerate(items):
        last = index == len(items) - 1
        if isinstance(item, _Group):
            join = target if last and target is not None else _Node()
            ends: list[_Node] = list(sources) if item.optional else []
            for alt in item.alts:
                ends.extend(n for n in _build(alt, sources, join) if n not in ends)
            sources = ends
            continue
        for position, word in enumerate(item):
            final = last and position == len(item) - 1
            node = target if final and target is not None else _Node()
            for source in sources:
                source.link(word, node)
            sources = [node]
    return sources
