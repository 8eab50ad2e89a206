"""A conversation as typed, immutable data: what the parser builds and the engine walks."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_KINDS = frozenset({"choice", "multi", "text"})
NODE_KINDS = QUESTION_KINDS | {"message", "branch", "end"}
MEASURES = frozenset({"listened_to", "help_in_time", "help_useful"})
AGE_BANDS = ("8-11", "12-15", "16-17", "18-25", "rather_not_say")
DEFAULT_TEXT_LENGTH = 500
MAX_TEXT_LENGTH = 1000


@dataclass(frozen=True)
class Option:
    """One answer a child can pick."""

    code: str
    label: str
    emoji: str | None = None
    next: str | None = None
    positive: bool = False
    themes: tuple[str, ...] = ()
    help: bool = False  # picking it shows the help screen next, as worrying free text does


@dataclass(frozen=True)
class Rule:
    """Go to ``next`` when question ``node`` was answered with one of ``codes``."""

    node: str
    codes: frozenset[str]
    next: str


@dataclass(frozen=True)
class Node:
    """One step of a conversation; which fields matter depends on ``kind``."""

    id: str
    kind: str
    say: tuple[str, ...] = ()
    ask: str | None = None
    hint: str | None = None
    options: tuple[Option, ...] = ()
    next: str | None = None
    skip: str | None = None
    records: str | None = None
    measure: str | None = None
    scale: str | None = None
    themes: tuple[str, ...] = ()
    max_length: int = DEFAULT_TEXT_LENGTH
    rules: tuple[Rule, ...] = ()
    otherwise: str | None = None

    @property
    def is_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    def option(self, code: str) -> Option | None:
        """The option with this code, if the node has one."""
        return next((o for o in self.options if o.code == code), None)

    def targets(self) -> list[str]:
        """Every node this one can lead to."""
        found = [t for t in (self.next, self.skip, self.otherwise) if t]
        found += [o.next for o in self.options if o.next]
        found += [r.next for r in self.rules]
        return found

    def texts(self) -> list[tuple[str, str]]:
        """(gettext context suffix, English text) for everything a child reads here."""
        found = [("", text) for text in self.say]
        found += [("", text) for text in (self.ask, self.hint) if text]
        found += [(f":{o.code}", o.label) for o in self.options]
        return found


@dataclass(frozen=True)
class Conversation:
    """One version of one dialogue tree."""

    id: str
    version: int
    title: str
    start: str
    nodes: dict[str, Node]
    languages: tuple[str, ...] = ("en",)
    source: str = "<memory>"
    order: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]
