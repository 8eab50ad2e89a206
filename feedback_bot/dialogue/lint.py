"""Layers 2 and 3 of validation: the logic of a conversation, then its words.

Layer 1 (shape) lives in ``schema``. ``lint_paths`` runs all three over files on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from . import readability
from .model import Conversation, Node
from .schema import Problem, parse_file

_Fail = Callable[[str, str], None]


def check_logic(conv: Conversation) -> list[Problem]:
    """Targets exist, everything is reachable, every path ends, every question can be skipped."""
    problems: list[Problem] = []

    def fail(where: str, message: str) -> None:
        problems.append(Problem(conv.source, where, message))

    if conv.start not in conv.nodes:
        fail("start", f"unknown node {conv.start!r}")
    for node in _in_order(conv):
        for target in node.targets():
            if target not in conv.nodes:
                fail(node.id, f"goes to unknown node {target!r}")
    if not any(n.kind == "end" for n in conv.nodes.values()):
        fail("-", "has no end node")
    if problems:  # the graph has holes: walking it would only repeat these
        return problems
    for node in _in_order(conv):
        _check_node(conv, node, fail)
    reachable = _reachable(conv, conv.start)
    for node in _in_order(conv):
        if node.id not in reachable:
            fail(node.id, "cannot be reached from the start")
    ending = _can_end(conv)
    for node in _in_order(conv):
        if node.id in reachable and node.id not in ending:
            fail(node.id, "never reaches an end (a dead end, or a loop with no way out)")
    for node in _in_order(conv):
        for rule in node.rules:
            if node.id not in _reachable(conv, rule.node) - {rule.node}:
                fail(node.id, f"branches on {rule.node!r}, which is never asked before it")
    return problems


def _check_node(conv: Conversation, node: Node, fail: _Fail) -> None:
    if node.is_question and not (node.skip or node.next):
        fail(node.id, "cannot be skipped: give it 'next' or 'skip'")
    if node.kind == "choice" and not node.next:
        for option in node.options:
            if not option.next:
                fail(node.id, f"option {option.code!r} leads nowhere: give it 'next'")
    if node.kind == "multi" and any(o.next for o in node.options):
        fail(node.id, "options of a multi question cannot have their own 'next'")
    if node.measure and not any(o.positive for o in node.options):
        fail(node.id, f"measures {node.measure!r} but no option is 'positive: true'")
    if not node.measure and any(o.positive for o in node.options):
        fail(node.id, "has 'positive' options but no 'measure'")
    for rule in node.rules:
        question = conv.nodes.get(rule.node)
        if question is None or question.kind not in ("choice", "multi"):
            fail(node.id, f"branches on {rule.node!r}, which is not a choice question")
            continue
        for code in sorted(rule.codes - {o.code for o in question.options}):
            fail(node.id, f"branches on {rule.node!r} answer {code!r}, which it does not offer")


def _in_order(conv: Conversation) -> Iterable[Node]:
    return (conv.nodes[n] for n in conv.order)


def _reachable(conv: Conversation, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        node_id = todo.pop()
        if node_id in seen or node_id not in conv.nodes:
            continue
        seen.add(node_id)
        todo.extend(conv.nodes[node_id].targets())
    return seen


def _can_end(conv: Conversation) -> set[str]:
    """Nodes from which some path reaches an end node."""
    ending = {n.id for n in conv.nodes.values() if n.kind == "end"}
    changed = True
    while changed:
        changed = False
        for node in conv.nodes.values():
            if node.id not in ending and any(t in ending for t in node.targets()):
                ending.add(node.id)
                changed = True
    return ending


def check_words(conv: Conversation, max_grade: float) -> list[Problem]:
    """Every English message, question and hint reads at or below ``max_grade``."""
    problems = []
    for node in _in_order(conv):
        for text in (*node.say, node.ask, node.hint):
            if text:
                score = readability.grade(text)
                if score > max_grade:
                    problems.append(
                        Problem(
                            conv.source,
                            node.id,
                            f"reads at grade {score:.1f}, above {max_grade:g}: "
                            f"use shorter sentences and words: {text!r}",
                        )
                    )
    return problems


def check_translations(conv: Conversation, translations_dir: Path) -> list[Problem]:
    """Every text has a finished translation in each language the conversation is published in."""
    problems = []
    for language in conv.languages:
        if language == "en":
            continue
        catalog = _catalog(translations_dir, language)
        for node in _in_order(conv):
            for suffix, text in node.texts():
                context = f"{conv.id}:{node.id}{suffix}"
                message = catalog.get(text, context=context) if catalog else None
                if message is None or not message.string or message.fuzzy:
                    problems.append(
                        Problem(conv.source, node.id, f"no {language} translation of {text!r}")
                    )
    return problems


def _catalog(translations_dir: Path, language: str) -> Catalog | None:
    path = translations_dir / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return None
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def lint_paths(
    paths: Iterable[Path], max_grade: float, translations_dir: Path
) -> tuple[list[Conversation], list[Problem]]:
    """Run every layer over each file; a layer runs only once the one before it passes."""
    conversations: list[Conversation] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, int], str] = {}
    for path in sorted(paths):
        conv, found = parse_file(path)
        if conv is not None:
            found = check_logic(conv)
        if conv is not None and not found:
            found = check_words(conv, max_grade) + check_translations(conv, translations_dir)
            if conv.key in seen:
                found.append(Problem(conv.source, "-", f"same id and version as {seen[conv.key]}"))
            seen[conv.key] = conv.source
        problems.extend(found)
        if conv is not None and not found:
            conversations.append(conv)
    return conversations, problems


def conversation_files(directory: Path) -> list[Path]:
    """The conversation files in a folder (the themes codebook is not one)."""
    return sorted(p for p in directory.glob("*.yaml") if p.name != "themes.yaml")
