"""Spot free text that suggests a child may be in danger now: rules, then meaning.

Two layers. The rules: a lexicon per language (``lexicon/<language>.yaml``; the format is
described at the top of ``en.yaml``), compiled once into a word automaton (compiler.py,
automaton.py) that reads a message in time linear in its length. Then, for English, where
the rules found no danger phrase at all, the semantic layer (semantic.py): the message's
sentence embedding compared with danger and ordinary examples, for danger told in words
the lexicon does not hold. A phrase the rules found and cancelled (a negation, an idiom,
"it's over") vetoes the semantic layer: it cannot read negation as well as the rules.

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

There is deliberately no logging in these modules: neither a child's words nor which
phrase matched may ever reach a log. Callers get a yes or no, or category names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import semantic
from .automaton import (
    _CUE_LISTS,
    _REPEAT3,
    _SENTENCES,
    _WORD,
    _WORDS_AND_BREAKS,
    DANGER,
    DEFAULT_LANGUAGE,
    DISTANCE,
    END,
    EXCEPTION,
    NEGATION,
    ONGOING,
    RESOLVED,
    Hit,
    Label,
    Lexicon,
    LexiconError,
    _deletes,
    _Node,
    _one_edit,
    fold,
)
from .compiler import (
    LEXICON_DIR,
    available_languages,
    compile_lexicon,
    lexicons_for,
    load_lexicon,
    validate_lexicon,
)
from .settings import SEMANTIC

__all__ = [
    "DEFAULT_LANGUAGE",
    "LEXICON_DIR",
    "LexiconError",
    "available_languages",
    "compile_lexicon",
    "fold",
    "lexicons_for",
    "load_lexicon",
    "matched_categories",
    "needs_help",
    "read_rules",
    "semantic_applies",
    "validate_lexicon",
]


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
    found: bool  # a danger phrase was found, whether or not it survived
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
        [cat for cat, _, _ in danger],
        any(role == DANGER for role, _, _, _ in hits),
        DISTANCE in cues,
        RESOLVED in cues,
        ONGOING in cues,
    )


@dataclass(frozen=True)
class RuleReading:
    """What the lexicon's rules make of a message."""

    categories: frozenset[str]  # danger phrases that survive idioms, negation and resolution
    cancelled: bool  # no phrase survived, but one was found and cancelled ("not scared")


def _categories(lex: Lexicon, text: str) -> tuple[set[str], bool]:
    """Categories of the danger phrases that survive idioms, negation and resolution, and
    whether any danger phrase was found at all."""
    sentences = [_read(lex, words, breaks) for words, breaks in _sentences(lex, text)]
    discount = any(s.resolved for s in sentences) and not any(s.ongoing for s in sentences)
    live = {cat for s in sentences if not (discount and s.distanced) for cat in s.danger}
    return live, any(s.found for s in sentences)


def read_rules(
    text: str, language: str = DEFAULT_LANGUAGE, lexicons: Sequence[Lexicon] | None = None
) -> RuleReading:
    """The rules' reading of a message, over English and the language's own lexicon (or
    over the given lexicons: validate.py reads with an older one)."""
    live: set[str] = set()
    found = False
    for lex in lexicons_for(language) if lexicons is None else lexicons:
        categories, seen = _categories(lex, text)
        live |= categories
        found = found or seen
    return RuleReading(frozenset(live), found and not live)


def semantic_applies(language: str) -> bool:
    """Whether the English embedding model reads text in this chat language: English, and
    languages with no lexicon of their own (they fall back to English)."""
    base = fold(str(language)).replace("_", "-").split("-")[0]
    return base in SEMANTIC.languages or base not in available_languages()


def matched_categories(text: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The danger categories a message suggests (empty when none); never the words.

    The rules decide first. Where they found no danger phrase at all (none live, none
    cancelled by a negation, an idiom or "it's over"), the semantic layer may add the
    category of the danger example closest to the message.
    """
    rules = read_rules(text, language)
    if rules.categories or rules.cancelled or not semantic_applies(language):
        return rules.categories
    category = semantic.danger_category(text)
    return frozenset({category}) if category else frozenset()


def needs_help(text: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """True when the next screen should be the help panel."""
    return bool(matched_categories(text, language))
