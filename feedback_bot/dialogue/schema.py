"""Layer 1 of validation: a conversation file's shape, turned into model objects.

Problems are collected, not raised one at a time, so a writer sees them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import (
    AGE_BANDS,
    MAX_TEXT_LENGTH,
    MEASURES,
    NODE_KINDS,
    Conversation,
    Node,
    Option,
    Rule,
)

SPEC_VERSION = 1
CONVERSATION_ID = re.compile(r"[a-z][a-z0-9-]{0,62}\Z")
NODE_ID = re.compile(r"[a-z][a-z0-9_]{0,62}\Z")
CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}\Z")
FILE_NAME = re.compile(r"(?P<id>.+)\.v(?P<version>\d+)\.yaml\Z")

TOP_FIELDS = {"spec", "id", "version", "title", "languages", "start", "nodes"}
KIND_FIELDS: dict[str, set[str]] = {
    "message": {"say", "next"},
    "choice": {"ask", "hint", "options", "next", "skip", "records", "measure", "scale", "themes"},
    "multi": {"ask", "hint", "options", "next", "skip", "themes"},
    "text": {"ask", "hint", "max_length", "next", "skip", "themes"},
    "branch": {"rules", "else"},
    "end": {"say"},
}
REQUIRED_FIELDS: dict[str, set[str]] = {
    "message": {"say", "next"},
    "choice": {"ask", "options"},
    "multi": {"ask", "options"},
    "text": {"ask"},
    "branch": {"rules", "else"},
    "end": {"say"},
}
OPTION_FIELDS = {"code", "label", "emoji", "next", "positive", "themes", "help"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a conversation file."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {self.message}"


class _Reader:
    """Reads one file's data, noting problems against the node being read."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def text(self, where: str, data: dict[str, Any], name: str) -> str | None:
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"'{name}' must be some words")
            return None
        return " ".join(value.split())

    def ident(self, where: str, value: Any, pattern: re.Pattern[str], what: str) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            self.fail(
                where,
                f"{what} {value!r} must be lower case letters, digits and {_allowed(pattern)}",
            )
            return None
        return value

    def strings(self, where: str, data: dict[str, Any], name: str) -> tuple[str, ...]:
        value = data.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, f"'{name}' must be some words, or a list of them")
            return ()
        return tuple(" ".join(v.split()) for v in value)

    def unknown_fields(
        self, where: str, data: dict[str, Any], allowed: set[str], what: str
    ) -> None:
        for name in sorted(set(data) - allowed):
            self.fail(where, f"'{name}' is not a field of {what}")


def _allowed(pattern: re.Pattern[str]) -> str:
    if pattern is NODE_ID:
        return "underscores"
    if pattern is CONVERSATION_ID:
        return "dashes"
    return "'_' or '-'"


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true and false, so ``code: yes`` and ``label: No`` stay words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules, parsed by libyaml (ten times faster at start-up) when PyYAML has it."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def load_yaml(text: str) -> Any:
    """Parse YAML the way writers expect."""
    try:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.YAMLError:
        # Parse again in Python for its error message, which points at the line and column.
        return yaml.load(text, Loader=_Loader)  # noqa: S506  (a SafeLoader subclass)


def parse_file(path: Path) -> tuple[Conversation | None, list[Problem]]:
    """Read and shape-check one conversation file."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [Problem(path.name, "-", f"cannot be read as YAML: {_first_line(exc)}")]
    return parse(data, path.name)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def parse(data: Any, file: str) -> tuple[Conversation | None, list[Problem]]:
    """Shape-check parsed YAML and build a Conversation (None if the shape is broken)."""
    r = _Reader(file)
    if not isinstance(data, dict):
        r.fail("-", "must be a mapping with spec, id, version, title, start and nodes")
        return None, r.problems
    r.unknown_fields("-", data, TOP_FIELDS, "a conversation")
    for name in ("spec", "id", "version", "title", "start", "nodes"):
        if name not in data:
            r.fail("-", f"'{name}' is missing")
    if "spec" in data and data["spec"] != SPEC_VERSION:
        r.fail("spec", f"this app reads spec {SPEC_VERSION}, not {data['spec']!r}")
    conv_id = (
        r.ident("id", data.get("id"), CONVERSATION_ID, "conversation id") if "id" in data else None
    )
    version = data.get("version")
    if "version" in data and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        r.fail("version", "must be a whole number from 1")
        version = None
    _check_file_name(r, conv_id, version)
    title = r.text("title", data, "title")
    languages = r.strings("languages", data, "languages") or ("en",)
    start = data.get("start")
    if "start" in data and not isinstance(start, str):
        r.fail("start", "must be a node id")
    nodes, order = _parse_nodes(r, data.get("nodes"))
    if r.problems or conv_id is None or version is None or title is None:
        return None, r.problems
    conversation = Conversation(
        id=conv_id,
        version=version,
        title=title,
        start=str(start),
        nodes=nodes,
        languages=languages,
        source=file,
        order=tuple(order),
    )
    return conversation, []


def _check_file_name(r: _Reader, conv_id: str | None, version: int | None) -> None:
    match = FILE_NAME.match(r.file)
    if not match:
        r.fail("-", "file name must be <id>.v<version>.yaml")
    elif conv_id and version and (match["id"], match["version"]) != (conv_id, str(version)):
        r.fail("-", f"file name must be {conv_id}.v{version}.yaml to match its id and version")


def _parse_nodes(r: _Reader, raw: Any) -> tuple[dict[str, Node], list[str]]:
    nodes: dict[str, Node] = {}
    order: list[str] = []
    if raw is None:
        return nodes, order
    if not isinstance(raw, list) or not raw:
        r.fail("nodes", "must be a list of nodes")
        return nodes, order
    for index, item in enumerate(raw, start=1):
        where = f"nodes[{index}]"
        if not isinstance(item, dict):
            r.fail(where, "must be a mapping with id and kind")
            continue
        node_id = r.ident(where, item.get("id"), NODE_ID, "node id")
        if node_id is None:
            continue
        if node_id in nodes:
            r.fail(node_id, "duplicate node id")
            continue
        node = _parse_node(r, node_id, item)
        if node is not None:
            nodes[node_id] = node
            order.append(node_id)
    return nodes, order


def _parse_node(r: _Reader, node_id: str, item: dict[str, Any]) -> Node | None:
    kind = item.get("kind")
    if kind not in NODE_KINDS:
        r.fail(node_id, f"kind {kind!r} must be one of {', '.join(sorted(NODE_KINDS))}")
        return None
    before = len(r.problems)
    fields = set(item) - {"id", "kind"}
    r.unknown_fields(node_id, {f: None for f in fields}, KIND_FIELDS[kind], f"a {kind} node")
    for name in sorted(REQUIRED_FIELDS[kind] - fields):
        r.fail(node_id, f"a {kind} node needs '{name}'")
    targets = {name: _target(r, node_id, item, name) for name in ("next", "skip", "else")}
    options = _parse_options(r, node_id, item.get("options")) if "options" in item else ()
    rules = _parse_rules(r, node_id, item.get("rules")) if "rules" in item else ()
    node = Node(
        id=node_id,
        kind=kind,
        say=r.strings(node_id, item, "say") if "say" in item else (),
        ask=r.text(node_id, item, "ask"),
        hint=r.text(node_id, item, "hint"),
        options=options,
        next=targets["next"],
        skip=targets["skip"],
        records=_choice(r, node_id, item, "records", {"age_band"}),
        measure=_choice(r, node_id, item, "measure", MEASURES),
        scale=_choice(r, node_id, item, "scale", {"faces"}),
        themes=_themes(r, node_id, item),
        max_length=_max_length(r, node_id, item),
        rules=rules,
        otherwise=targets["else"],
    )
    if node.records == "age_band":
        codes = {o.code for o in options}
        if codes and codes != set(AGE_BANDS):
            r.fail(node_id, f"an age band question must offer exactly {', '.join(AGE_BANDS)}")
    if node.scale == "faces" and any(o.emoji is None for o in options):
        r.fail(node_id, "every option of a faces scale needs an 'emoji'")
    return node if len(r.problems) == before else None


def _target(r: _Reader, node_id: str, item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    return r.ident(node_id, value, NODE_ID, f"'{name}' target")


def _choice(
    r: _Reader, node_id: str, item: dict[str, Any], name: str, allowed: set[str] | frozenset[str]
) -> str | None:
    value = item.get(name)
    if value is not None and value not in allowed:
        r.fail(node_id, f"'{name}' must be one of {', '.join(sorted(allowed))}, not {value!r}")
        return None
    return value if isinstance(value, str) else None


def _themes(r: _Reader, where: str, item: dict[str, Any]) -> tuple[str, ...]:
    value = item.get("themes", [])
    if not isinstance(value, list) or not all(
        isinstance(v, str) and NODE_ID.match(v) for v in value
    ):
        r.fail(where, "'themes' must be a list of theme ids")
        return ()
    return tuple(value)


def _max_length(r: _Reader, node_id: str, item: dict[str, Any]) -> int:
    value = item.get("max_length", 500)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TEXT_LENGTH:
        r.fail(node_id, f"'max_length' must be a whole number from 1 to {MAX_TEXT_LENGTH}")
        return 500
    return value


def _parse_options(r: _Reader, node_id: str, raw: Any) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        r.fail(node_id, "'options' must be a list of options")
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = f"{node_id}:options[{index}]"
        if not isinstance(item, dict):
            r.fail(where, "an option must be a mapping with code and label")
            continue
        r.unknown_fields(where, item, OPTION_FIELDS, "an option")
        if "code" not in item:
            r.fail(where, "option has no 'code'")
            continue
        code = r.ident(
            where,
            str(item["code"]) if isinstance(item["code"], int | str) else item["code"],
            CODE,
            "option code",
        )
        label = r.text(where, item, "label")
        if label is None and "label" not in item:
            r.fail(where, "option has no 'label'")
        if code is None or label is None:
            continue
        if code in seen:
            r.fail(node_id, f"duplicate option code {code!r}")
            continue
        seen.add(code)
        positive = item.get("positive", False)
        shows_help = item.get("help", False)
        for flag, value in (("positive", positive), ("help", shows_help)):
            if not isinstance(value, bool):
                r.fail(where, f"'{flag}' must be true or false")
        emoji = item.get("emoji")
        if emoji is not None and not isinstance(emoji, str):
            r.fail(where, "'emoji' must be a character")
            emoji = None
        options.append(
            Option(
                code=code,
                label=label,
                emoji=emoji,
                next=_target(r, where, item, "next"),
                positive=positive is True,
                themes=_themes(r, where, item),
                help=shows_help is True,
            )
        )
    return tuple(options)


def _parse_rules(r: _Reader, node_id: str, raw: Any) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not raw:
        r.fail(node_id, "'rules' must be a list of rules")
        return ()
    rules: list[Rule] = []
    for index, item in enumerate(raw, start=1):
        where = f"{node_id}:rules[{index}]"
        when = item.get("when") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or set(item) != {"when", "next"}
            or not isinstance(when, dict)
        ):
            r.fail(where, "a rule must be {when: {node: <id>, in: [<codes>]}, next: <id>}")
            continue
        codes = when.get("in")
        if set(when) != {"node", "in"} or not isinstance(codes, list) or not codes:
            r.fail(where, "'when' needs 'node' and a list 'in' of option codes")
            continue
        question = r.ident(where, when["node"], NODE_ID, "rule node")
        target = _target(r, where, item, "next")
        if question and target:
            rules.append(Rule(node=question, codes=frozenset(str(c) for c in codes), next=target))
    return tuple(rules)
