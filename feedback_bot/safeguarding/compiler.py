"""Lexicon files (``lexicon/<language>.yaml``, format at the top of ``en.yaml``) compiled
into automata (automaton.py), with every problem in a file listed by name."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from .automaton import (
    _CUE_LISTS,
    _KEYS,
    _LANGUAGE,
    _NAME,
    _PATTERN_TOKEN,
    _WORD,
    DANGER,
    DEFAULT_LANGUAGE,
    END,
    MAX_PHRASE_WORDS,
    MIN_TYPO_TARGET,
    NEGATION,
    Items,
    Lexicon,
    LexiconError,
    _build,
    _deletes,
    _Group,
    _lengths,
    _Node,
    fold,
)

LEXICON_DIR: Traversable = resources.files("feedback_bot.safeguarding") / "lexicon"


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
