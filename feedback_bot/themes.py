"""The themes codebook (``conversations/themes.yaml``), and tagging answers with its themes.

Validation runs in layers, like the conversation linter: can the file be read, does it
have the right shape, then is each theme complete and are the ids unique. Problems are
strings ``themes.yaml:<theme>: message``; themes with problems are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .dialogue.engine import Given
from .dialogue.model import Conversation
from .dialogue.schema import Problem, load_yaml

THEME_FIELDS = ("id", "name", "child_name", "description", "recommendations", "phrases")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_EDGE = "(?<![a-z0-9])", "(?![a-z0-9])"  # word boundaries that also work next to [ & 9


@dataclass(frozen=True)
class Theme:
    """One theme children talk about, and the words that suggest it."""

    id: str
    name: str
    child_name: str
    description: str
    recommendations: tuple[int, ...]
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Codebook:
    """The valid themes of one codebook file, and what was wrong with it."""

    themes: dict[str, Theme]
    found: tuple[Problem, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """What is wrong, as ``themes.yaml:<theme>: message`` lines."""
        return tuple(map(str, self.found))

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.themes)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped (so "don't" and "dont" match), spacing collapsed."""
    text = text.lower().replace("\u2019", "").replace("\u2018", "").replace("'", "")
    return " ".join(text.split())


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a theme's phrases: whole words, ``stem*`` for a prefix."""
    parts = []
    for phrase in phrases:
        words = []
        for word in normalise(phrase).split():
            stem = re.escape(word.rstrip("*"))
            words.append(stem + r"[a-z0-9]*" if word.endswith("*") else stem)
        parts.append(r"\s+".join(words))
    return re.compile(_EDGE[0] + "(?:" + "|".join(parts) + ")" + _EDGE[1])


def load_codebook(path: Path) -> Codebook:
    """Read and check a codebook file."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Codebook({}, (Problem(path.name, "-", f"cannot be read as YAML: {first}"),))
    return parse_codebook(data, path.name)


def parse_codebook(data: Any, file: str = "themes.yaml") -> Codebook:
    """Check the shape of parsed codebook data, then each theme, then the ids across themes."""
    problems: list[Problem] = []

    def fail(where: str, message: str) -> None:
        problems.append(Problem(file, where, message))

    if not isinstance(data, dict):
        fail("-", "must be a mapping with 'spec' and 'themes'")
        return Codebook({}, tuple(problems))
    for key in sorted(set(data) - {"spec", "themes"}, key=str):
        fail("-", f"unknown key {key!r}")
    if data.get("spec") != 1:
        fail("-", f"'spec' must be 1, not {data.get('spec')!r}")
    raw = data.get("themes")
    if not isinstance(raw, list) or not raw:
        fail("-", "'themes' must be a non-empty list")
        return Codebook({}, tuple(problems))
    themes: dict[str, Theme] = {}
    for index, item in enumerate(raw, start=1):
        theme = _parse_theme(item, f"#{index}", fail, problems)
        if theme is None:
            continue
        if theme.id in themes:
            fail(theme.id, "duplicate id")
            continue
        themes[theme.id] = theme
    return Codebook(themes, tuple(problems))


def _parse_theme(
    item: Any, where: str, fail: Callable[[str, str], None], problems: list[Problem]
) -> Theme | None:
    if not isinstance(item, dict):
        fail(where, "must be a mapping of fields")
        return None
    theme_id = item.get("id")
    if isinstance(theme_id, str) and _ID.match(theme_id):
        where = theme_id
    else:
        fail(where, f"'id' must be lower case letters, digits and _, not {theme_id!r}")
    before = len(problems)
    for key in sorted(set(item) - set(THEME_FIELDS), key=str):
        fail(where, f"unknown key {key!r}")
    for name in ("name", "child_name", "description"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            fail(where, f"missing {name!r}" if name not in item else f"{name!r} must be text")
    recs = item.get("recommendations")
    if "recommendations" not in item:
        fail(where, "missing 'recommendations'")
    elif not isinstance(recs, list) or not all(_positive_int(r) for r in recs):
        fail(where, f"'recommendations' must be a list of whole numbers, not {recs!r}")
    phrases = item.get("phrases")
    if "phrases" not in item:
        fail(where, "missing 'phrases'")
    elif not isinstance(phrases, list) or not phrases:
        fail(where, "'phrases' must be a non-empty list")
    else:
        for phrase in phrases:
            if not isinstance(phrase, str) or not normalise(phrase).strip("* "):
                fail(where, f"empty phrase {phrase!r}")
            elif phrase != phrase.lower():
                fail(where, f"phrase {phrase!r} must be lower case")
            elif "*" in phrase.replace("* ", " ").rstrip("*"):
                fail(where, f"phrase {phrase!r}: '*' only at the end of a word")
    if len(problems) != before or where.startswith("#"):
        return None
    return Theme(
        id=where,
        name=item["name"].strip(),
        child_name=item["child_name"].strip(),
        description=item["description"].strip(),
        recommendations=tuple(item["recommendations"]),
        phrases=tuple(item["phrases"]),
        pattern=compile_phrases(item["phrases"]),
    )


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def tag_text(codebook: Codebook, text: str) -> frozenset[str]:
    """The themes a piece of cleaned free text is about (its topic, not its feeling)."""
    clean = normalise(text)
    return frozenset(t.id for t in codebook.themes.values() if t.pattern.search(clean))


def tag_answers(
    conversation: Conversation,
    answers: Mapping[str, Given],
    codebook: Codebook | None = None,
) -> frozenset[str]:
    """The themes of a child's answers: from the options they picked, and (given a
    codebook) from what they wrote. A question's own ``themes`` say what it asks about,
    not what the answer shows, so they are not counted."""
    found: set[str] = set()
    for node_id, given in answers.items():
        node = conversation.nodes.get(node_id)
        if node is None:
            continue
        for code in given.codes:
            option = node.option(code)
            if option is not None:
                found.update(option.themes)
        if codebook is not None and given.text:
            found.update(tag_text(codebook, given.text))
    return frozenset(found)


def used_themes(conversation: Conversation) -> list[tuple[str, str]]:
    """(node id, theme id) for every theme a conversation names, on questions or options."""
    found = []
    for node_id in conversation.order or tuple(conversation.nodes):
        node = conversation.nodes[node_id]
        found += [(node_id, t) for t in node.themes]
        found += [(node_id, t) for o in node.options for t in o.themes]
    return found


def check_conversations(codebook: Codebook, conversations: Iterable[Conversation]) -> list[Problem]:
    """Every theme a conversation names is in the codebook (for ``lint-conversations``)."""
    problems = []
    for conv in conversations:
        for node_id, theme_id in dict.fromkeys(used_themes(conv)):
            if theme_id not in codebook.themes:
                problems.append(Problem(conv.source, node_id, f"unknown theme {theme_id!r}"))
    return problems


def lint(path: Path, conversations: Iterable[Conversation]) -> list[Problem]:
    """The codebook's own problems, then themes the conversations name but it lacks."""
    codebook = load_codebook(path)
    return list(codebook.found) + check_conversations(codebook, conversations)
