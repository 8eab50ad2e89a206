"""Spot free text that suggests a child may be in danger now, from a lexicon per language.

The lexicons are data (``lexicon/<language>.yaml``; the format is described at the top of
``en.yaml``). Each is compiled once into a word automaton that grows with the lexicon's
length, so a message is read in time linear in its length: from each word we follow at
most one phrase's length of states, and Python's backtracking regex engine never sees a
lexicon pattern.

Deciding, for each phrase found in a message (the rules are in the lexicon header too):

1. An ``exceptions`` idiom that holds the phrase's last word and runs at least to its end
   cancels it: "beat me at fifa" covers "beat me"; "going back to school" re-reads the
   end of "scared of going back".
2. A negation cue just before it, with only ``fillers`` between and no comma, cancels it
   ("nobody hurts me", "I don't feel unsafe"). Negations inside a phrase are part of it
   ("I don't feel safe", "I don't want to be here") and never cancel it.
3. Past or someone else's danger still counts: "he used to hit me" signposts. It is
   discounted only when its sentence has a ``distancing`` cue AND the message has a
   non-negated ``resolution`` cue AND no ``ongoing`` cue ("my friend wanted to die years
   ago and got help"). Anything less certain shows the help panel, which costs a child
   little; a missed one costs a lot.

There is deliberately no logging in this module: neither a child's words nor which
phrase matched may ever reach a log. Callers get a yes or no, or category names.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final

import yaml

DEFAULT_LANGUAGE: Final = "en"
LEXICON_DIR: Traversable = resources.files("feedback_bot.safeguarding") / "lexicon"

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


class _Compiler:
    """Turns the YAML mapping into a Lexicon, collecting every problem on the way."""

    def __init__(self, data: Any, language: str) -> None:
        self.errors: list[str] = []
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not isinstance(data, Mapping):
            self.errors.append("the file must be a mapping of keys to values")
        self.language = language
        self.fold_accents = self.data.get("fold_accents", True) is not False
        self.spellings: dict[str, tuple[str, ...]] = {}
        self.sets: dict[str, list[Items]] = {}
        self.root = _Node()
        self.words: set[str] = set()
        self.rules: list[tuple[str, str, int]] = []

    def strings(self, value: Any, where: str, *, required: bool = False) -> list[str]:
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.errors.append(f"{where}: must be a {'non-empty ' if required else ''}list")
            return []
        good = [v for v in value if isinstance(v, str) and v.strip()]
        if len(good) != len(value):
            self.errors.append(f"{where}: every entry must be a non-empty text")
        for dup in sorted({v for v in good if good.count(v) > 1}):
            self.errors.append(f"{where}: {dup!r} is listed twice")
        return good

    def words_of(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for word in _WORD.findall(fold(text, self.fold_accents)):
            out.extend(self.spellings.get(word, (word,)))
        return tuple(out)

    def parse(self, pattern: str, where: str) -> list[Items]:
        """The "..."-separated parts of a pattern, each parsed; [] (and an error) if bad."""
        syms = _PATTERN_TOKEN.findall(pattern)
        if "".join(syms) != "".join(pattern.split()):
            self.errors.append(f"{where}: {pattern!r} has a stray < or >")
            return []
        pieces: list[list[str]] = [[]]
        for sym in syms:
            if sym == "...":
                pieces.append([])
            else:
                pieces[-1].append(sym)
        parts: list[Items] = []
        try:
            for piece in pieces:
                alts, end = self._alternatives(piece, 0)
                if end != len(piece):
                    raise LexiconError(f"unexpected {piece[end]!r}")
                items: Items = alts[0] if len(alts) == 1 else [_Group(alts, False)]
                low, high = _lengths(items)
                if low == 0 or piece[0] in ("*", END) or piece[-1] == "*":
                    raise LexiconError(
                        "each part must match a word, and not begin with * or $ nor end with *"
                    )
                if high > MAX_PHRASE_WORDS:
                    raise LexiconError(f"can match more than {MAX_PHRASE_WORDS} words")
                parts.append(items)
        except LexiconError as problem:
            self.errors.append(f"{where}: {pattern!r}: {problem}")
            return []
        return parts

    def _alternatives(self, syms: list[str], i: int) -> tuple[list[Items], int]:
        alts = [self._sequence(syms, i)]
        i = alts[0][1]
        while i < len(syms) and syms[i] == "|":
            alts.append(self._sequence(syms, i + 1))
            i = alts[-1][1]
        return [items for items, _ in alts], i

    def _sequence(self, syms: list[str], i: int) -> tuple[Items, int]:
        items: Items = []
        while i < len(syms) and syms[i] != "|" and not syms[i].startswith(")"):
            sym = syms[i]
            i += 1
            if sym == "(":
                alts, i = self._alternatives(syms, i)
                if i >= len(syms):
                    raise LexiconError("a ( is never closed")
                optional = syms[i] == ")?" or any(not alt for alt in alts)
                items.append(_Group([alt for alt in alts if alt], optional))
                i += 1
            elif sym.startswith("<"):
                if sym[1:-1] not in self.sets:  # so a set can only use sets defined above it
                    raise LexiconError(f"unknown set {sym}")
                items.append(_Group(self.sets[sym[1:-1]], False))
            elif sym in ("*", END):
                items.append((sym,))
            elif sym.endswith("*"):
                stem = self.words_of(sym[:-1])
                if len(stem) != 1 or len(stem[0]) < 3:
                    raise LexiconError(f"{sym!r}: a stem needs 3 letters or more")
                items.append((stem[0] + "*",))
            elif words := self.words_of(sym):
                items.append(words)
                self.words.update(words)
        if any(isinstance(item, _Group) and not item.alts for item in items):
            raise LexiconError("empty ( )")
        return items, i

    def add(self, entries: list[str], where: str, role: str, category: str = "") -> None:
        for entry in entries:
            parts = self.parse(entry, where)
            rule = len(self.rules) if len(parts) > 1 else -1
            if rule >= 0:
                self.rules.append((role, category, len(parts)))
            for index, items in enumerate(parts):
                for end in _build(items, [self.root]):
                    end.labels |= {(role, category, rule, index)}

    def read_spellings(self, value: Any) -> None:
        if not isinstance(value, Mapping):
            self.errors.append("spellings: must be a mapping of word: replacement")
            return
        for key, replacement in value.items():
            word = _WORD.findall(fold(str(key), self.fold_accents))
            words = tuple(_WORD.findall(fold(str(replacement), self.fold_accents)))
            if len(word) != 1 or not words:
                self.errors.append(
                    f"spellings: {key!r}: needs one word and a non-empty replacement"
                )
            else:
                self.spellings[word[0]] = words

    def read_sets(self, value: Any) -> None:
        if not isinstance(value, Mapping):
            self.errors.append("sets: must be a mapping of name: list")
            return
        for name, entries in value.items():
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                self.errors.append(f"sets: {name!r} is not a name (lower case letters and _)")
                continue
            where = f"sets.{name}"
            parsed = [self.parse(e, where) for e in self.strings(entries, where, required=True)]
            if any(len(p) > 1 for p in parsed):
                self.errors.append(f"{where}: ... cannot be used in a set")
            self.sets[name] = [p[0] for p in parsed if len(p) == 1]

    def read_categories(self, value: Any) -> dict[str, str]:
        """Add every category's phrases and patterns; return category id -> label."""
        if not isinstance(value, Mapping) or not value:
            self.errors.append("categories: must be a non-empty mapping")
            return {}
        labels: dict[str, str] = {}
        for cat, spec in value.items():
            where = f"categories.{cat}"
            if (
                not isinstance(cat, str)
                or not _NAME.fullmatch(cat)
                or not isinstance(spec, Mapping)
            ):
                self.errors.append(f"{where}: needs a lower-case name and a mapping")
                continue
            for key in sorted(set(spec) - {"label", "phrases", "patterns"}):
                self.errors.append(f"{where}: unknown key {key!r}")
            label = spec.get("label")
            if not isinstance(label, str) or not label.strip():
                self.errors.append(f"{where}.label: must be a non-empty text")
            labels[cat] = str(label)
            phrases = self.strings(spec.get("phrases"), f"{where}.phrases")
            patterns = self.strings(spec.get("patterns"), f"{where}.patterns")
            if not phrases and not patterns:
                self.errors.append(f"{where}: has no phrases or patterns")
            for phrase in phrases:
                words = self.words_of(phrase)
                if not words:
                    self.errors.append(f"{where}.phrases: {phrase!r} has no words")
                    continue
                self.words.update(words)
                for end in _build([words], [self.root]):
                    end.labels |= {(DANGER, cat, -1, 0)}
            self.add(patterns, f"{where}.patterns", DANGER, cat)
        return labels

    def read_negation(self, value: Any) -> tuple[frozenset[str], int]:
        """Add the negation cues; return the fillers and the largest gap."""
        negation: Mapping[str, Any] = value if isinstance(value, Mapping) else {}
        if not isinstance(value, Mapping):
            self.errors.append("negation: must be a mapping with cues, fillers and max_gap")
        self.add(
            self.strings(negation.get("cues"), "negation.cues", required=True),
            "negation.cues",
            NEGATION,
        )
        fillers = self.strings(negation.get("fillers"), "negation.fillers")
        max_gap = negation.get("max_gap", 3)
        if not isinstance(max_gap, int) or not 0 <= max_gap <= 5:
            self.errors.append("negation.max_gap: must be a whole number from 0 to 5")
            max_gap = 3
        return frozenset(w for f in fillers for w in self.words_of(f)), max_gap

    def read_typo_targets(self, value: Any) -> dict[str, frozenset[str]]:
        """Index each target under itself and each one-letter deletion of it."""
        index: dict[str, set[str]] = {}
        for target in self.strings(value, "typo_targets"):
            typo = fold(target, self.fold_accents)
            if not _WORD.fullmatch(typo) or len(typo) < MIN_TYPO_TARGET:
                self.errors.append(
                    f"typo_targets: {target!r}: one word of {MIN_TYPO_TARGET}+ letters"
                )
                continue
            for key in (typo, *_deletes(typo)):
                index.setdefault(key, set()).add(typo)
        return {key: frozenset(targets) for key, targets in index.items()}

    def compile(self) -> Lexicon:
        data = self.data
        for key in sorted(set(data) - _KEYS):
            self.errors.append(f"unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        if data.get("language") != self.language:
            self.errors.append(f"language: must be {self.language!r}, as in the file name")
        self.read_spellings(data.get("spellings") or {})
        self.read_sets(data.get("sets") or {})
        labels = self.read_categories(data.get("categories"))
        fillers, max_gap = self.read_negation(data.get("negation"))
        for role in _CUE_LISTS:
            self.add(self.strings(data.get(role), role), role, role)
        typo_index = self.read_typo_targets(data.get("typo_targets"))
        if self.errors:
            raise LexiconError(f"lexicon {self.language!r}:\n  " + "\n  ".join(self.errors))
        return Lexicon(
            language=self.language,
            labels=labels,
            fold_accents=self.fold_accents,
            spellings=self.spellings,
            vocab=frozenset(self.words),
            typo_index=typo_index,
            fillers=fillers,
            max_gap=max_gap,
            root=self.root,
            rules=tuple(self.rules),
        )


def compile_lexicon(data: Any, language: str) -> Lexicon:
    """Build a Lexicon from parsed YAML, or raise LexiconError listing every problem."""
    return _Compiler(data, language).compile()


def validate_lexicon(data: Any, language: str) -> list[str]:
    """Every problem with a parsed lexicon file; empty when it is usable."""
    compiler = _Compiler(data, language)
    try:
        compiler.compile()
    except LexiconError:
        return compiler.errors
    return []


@functools.cache
def available_languages() -> frozenset[str]:
    """Languages with a lexicon file."""
    return frozenset(
        entry.name.removesuffix(".yaml")
        for entry in LEXICON_DIR.iterdir()
        if entry.name.endswith(".yaml")
    )


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The compiled lexicon for a language that has a file (see available_languages)."""
    if language not in available_languages():
        raise LexiconError(f"no lexicon for {language!r}")
    text = (LEXICON_DIR / f"{language}.yaml").read_text(encoding="utf-8")
    # libyaml when PyYAML has it: the Arabic list parses in 40 ms rather than 270.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return compile_lexicon(yaml.load(text, Loader=loader), language)  # noqa: S506  (safe)


def lexicons_for(language: str) -> tuple[Lexicon, ...]:
    """English always (children mix languages), plus the language's own lexicon if any."""
    base = fold(str(language)).replace("_", "-").split("-")[0]
    wanted = [DEFAULT_LANGUAGE]
    if base != DEFAULT_LANGUAGE and _LANGUAGE.fullmatch(base) and base in available_languages():
        wanted.append(base)
    return tuple(load_lexicon(code) for code in wanted)


def _canonical(lex: Lexicon, word: str) -> tuple[str, ...]:
    """The lexicon's spelling of one typed word: txt-speak, stretched letters, typos."""
    if word in lex.spellings:
        return lex.spellings[word]
    if word in lex.vocab:
        return (word,)
    if _REPEAT3.search(word):  # "diiiie", "killll", "pleeeease"
        for squeezed in (_REPEAT3.sub(r"\1\1", word), _REPEAT3.sub(r"\1", word)):
            if squeezed in lex.vocab or squeezed in lex.spellings:
                return _canonical(lex, squeezed)
    if word.endswith("in") and word + "g" in lex.vocab:  # "hittin", "touchin"
        return (word + "g",)
    if 5 <= len(word) <= 20 and word.isalpha():
        found = {t for key in (word, *_deletes(word)) for t in lex.typo_index.get(key, ())}
        close = [t for t in found if _one_edit(word, t)]
        if len(close) == 1:
            return (close[0],)
    return (word,)


def _sentences(lex: Lexicon, text: str) -> Iterator[tuple[list[str], frozenset[int]]]:
    """Each sentence's words, and the word positions that a comma or bracket comes before."""
    for sentence in _SENTENCES.split(fold(text, lex.fold_accents)):
        words: list[str] = []
        breaks: set[int] = set()
        for sym in _WORDS_AND_BREAKS.findall(sentence):
            if _WORD.fullmatch(sym):
                words.extend(_canonical(lex, sym))
            else:
                breaks.add(len(words))
        if words:
            yield [*words, END], frozenset(breaks)


def _scan(root: _Node, words: list[str]) -> Iterator[tuple[Label, int, int]]:
    """Every label the automaton finds, with its span; linear in len(words)."""
    for start in range(len(words)):
        states = [root]
        end = start
        while states and end < len(words):
            word = words[end]
            end += 1
            states = list(dict.fromkeys(node for state in states for node in state.step(word)))
            for node in states:
                for label in node.labels:
                    yield label, start, end


def _hits(lex: Lexicon, words: list[str]) -> list[Hit]:
    """Phrases found in one sentence, with each "a ... b" rule whose parts come in order."""
    hits: list[Hit] = []
    parts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (role, cat, rule, part), start, end in _scan(lex.root, words):
        if rule < 0:
            hits.append((role, cat, start, end))
        else:
            parts.setdefault((rule, part), []).append((end, start))
    for rule in sorted({rule for rule, _ in parts}):
        role, cat, count = lex.rules[rule]
        first, pos = -1, 0
        for part in range(count):  # earliest-ending part after the previous one: greedy is exact
            spans = [(e, s) for e, s in parts.get((rule, part), ()) if s >= pos]
            if not spans:
                break
            end, start = min(spans)
            first = start if first < 0 else first
            pos = end
        else:
            hits.append((role, cat, first, pos))
    return hits


def _negated(
    lex: Lexicon, words: list[str], breaks: frozenset[int], cue_ends: set[int], start: int
) -> bool:
    """A negation cue ends just before start, with at most max_gap fillers and no comma between."""
    pos = start
    for _ in range(lex.max_gap + 1):
        if pos in breaks:  # a comma between: "No, he hits me"
            return False
        if pos in cue_ends:
            return True
        if pos == 0 or words[pos - 1] not in lex.fillers:
            return False
        pos -= 1
    return False


@dataclass(frozen=True)
class _Sentence:
    danger: list[str]  # categories of the phrases that survive idioms and negation
    distanced: bool  # "used to", "years ago", "my friend" ...
    resolved: bool  # "got help", "safe now" ... (not negated)
    ongoing: bool  # "still", "again", "every day" ...


def _reach(spans: list[tuple[int, int]], size: int) -> list[int]:
    """reach[k]: the furthest end of the spans starting at or before k (-1 if none).

    Lets "is this covered by some span?" be answered in constant time, keeping a whole
    message linear even when one long sentence holds many phrases.
    """
    reach = [-1] * (size + 1)
    for start, end in spans:
        reach[start] = max(reach[start], end)
    for k in range(1, size + 1):
        reach[k] = max(reach[k], reach[k - 1])
    return reach


def _read(lex: Lexicon, words: list[str], breaks: frozenset[int]) -> _Sentence:
    hits = _hits(lex, words)
    cue_ends = {end for role, _, _, end in hits if role == NEGATION}
    idioms = _reach([(s, e) for role, _, s, e in hits if role == EXCEPTION], len(words))
    danger = [
        (cat, s, e)
        for role, cat, s, e in hits
        if role == DANGER
        and idioms[e - 1] < e  # no idiom holds the phrase's last word
        and not _negated(lex, words, breaks, cue_ends, s)
    ]
    # A cue inside a danger phrase is part of it: "I used to feel safe but not anymore".
    inside = _reach([(s, e) for _, s, e in danger], len(words))
    cues = {
        role
        for role, _, s, e in hits
        if role in _CUE_LISTS
        and inside[s] < e
        and (role != RESOLVED or not _negated(lex, words, breaks, cue_ends, s))
    }
    return _Sentence(
        [cat for cat, _, _ in danger], DISTANCE in cues, RESOLVED in cues, ONGOING in cues
    )


def _categories(lex: Lexicon, text: str) -> set[str]:
    """Categories of the danger phrases that survive idioms, negation and resolution."""
    sentences = [_read(lex, words, breaks) for words, breaks in _sentences(lex, text)]
    discount = any(s.resolved for s in sentences) and not any(s.ongoing for s in sentences)
    return {cat for s in sentences if not (discount and s.distanced) for cat in s.danger}


def matched_categories(text: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The danger categories a message suggests (empty when none); never the words."""
    found: set[str] = set()
    for lex in lexicons_for(language):
        found |= _categories(lex, text)
    return frozenset(found)


def needs_help(text: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """True when the next screen should be the help panel."""
    return any(_categories(lex, text) for lex in lexicons_for(language))
