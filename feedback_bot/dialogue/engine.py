"""The turn engine: given a conversation and the answers so far, where does the child go next.

Pure functions over model objects and plain answers; storage is someone else's job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Conversation, Node


class TurnError(ValueError):
    """An answer that does not fit the question being asked."""


@dataclass(frozen=True)
class Given:
    """What a child gave for one question: option codes, some text, or a skip."""

    codes: tuple[str, ...] = ()
    text: str | None = None

    @property
    def skipped(self) -> bool:
        return not self.codes and not self.text


SKIPPED = Given()


def resolve(conv: Conversation, node_id: str, answers: Mapping[str, Given]) -> str:
    """Follow branch nodes from ``node_id`` to the next node a child sees."""
    seen = set()
    while conv.nodes[node_id].kind == "branch":
        if node_id in seen:  # the linter rules this out; never loop forever on bad data
            raise TurnError(f"branches loop at {node_id!r}")
        seen.add(node_id)
        node = conv.nodes[node_id]
        node_id = _branch(node, answers)
    return node_id


def _branch(node: Node, answers: Mapping[str, Given]) -> str:
    for rule in node.rules:
        given = answers.get(rule.node)
        if given is not None and rule.codes.intersection(given.codes):
            return rule.next
    if node.otherwise is None:  # the schema rules this out
        raise TurnError(f"branch {node.id!r} has no 'else'")
    return node.otherwise


def first_node(conv: Conversation) -> str:
    """The first node a child sees."""
    return resolve(conv, conv.start, {})


def check_answer(node: Node, given: Given) -> None:
    """Refuse an answer the question does not offer."""
    if node.kind == "message" or node.kind == "end":
        if not given.skipped:
            raise TurnError(f"{node.id!r} is not a question")
        return
    codes = {o.code for o in node.options}
    if node.kind == "choice" and len(given.codes) > 1:
        raise TurnError(f"{node.id!r} takes one answer")
    if any(code not in codes for code in given.codes):
        raise TurnError(f"{node.id!r} does not offer that answer")
    if given.text is not None and node.kind != "text":
        raise TurnError(f"{node.id!r} takes no text")
    if given.text is not None and len(given.text) > node.max_length:
        raise TurnError(f"{node.id!r} takes at most {node.max_length} characters")


def next_node(conv: Conversation, node_id: str, given: Given, answers: Mapping[str, Given]) -> str:
    """Where to go after ``node_id`` is answered with ``given`` (a skip when it is empty)."""
    node = conv.nodes[node_id]
    check_answer(node, given)
    if node.kind == "end":
        raise TurnError("the conversation has ended")
    target: str | None
    if given.skipped:
        target = node.skip or node.next
    elif node.kind == "choice":
        option = node.option(given.codes[0])
        target = (option.next if option else None) or node.next
    else:
        target = node.next
    if target is None:  # the linter rules this out
        raise TurnError(f"{node_id!r} leads nowhere")
    return resolve(conv, target, {**answers, node_id: given})


def may_branch(conv: Conversation, node: Node) -> bool:
    """Whether a branch may follow this node (only then do earlier answers decide the way)."""
    return any(conv.nodes[target].kind == "branch" for target in node.targets())


def asked(conv: Conversation, trail: Sequence[str]) -> list[Node]:
    """The questions on the child's path, in the order they were asked."""
    return [conv.nodes[n] for n in trail if conv.nodes[n].is_question]
