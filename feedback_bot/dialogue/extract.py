"""A Babel extractor, so conversation text is translated in the same catalogues as templates.

The English text is the message id and ``<conversation>:<node>`` the context
(``<conversation>:<node>:<option>`` for option labels). Registered in pyproject.toml as
the ``conversation`` extraction method; ``babel.cfg`` points it at ``conversations/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import IO, Any

from .schema import load_yaml, parse

Extracted = tuple[int, str, tuple[str, str], list[str]]


def extract_conversation(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Any,
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield (line, funcname, (context, message), comments) for every text a child reads."""
    name = getattr(fileobj, "name", "conversation.v1.yaml")
    raw = fileobj.read().decode("utf-8")
    data = load_yaml(raw)
    conv, problems = parse(data, str(name).rsplit("/", 1)[-1])
    if conv is None:
        raise ValueError("; ".join(str(p) for p in problems))
    lines = raw.splitlines()
    yield _line_of(lines, f"title: {conv.title}"), "pgettext", (conv.id, conv.title), ["title"]
    for node_id in conv.order:
        node = conv.nodes[node_id]
        line = _line_of(lines, f"id: {node_id}")
        for suffix, text in node.texts():
            comment = f"{conv.title}: {node.kind} {node_id}{suffix}"
            yield line, "pgettext", (f"{conv.id}:{node_id}{suffix}", text), [comment]


def _line_of(lines: list[str], needle: str) -> int:
    for number, line in enumerate(lines, start=1):
        if line.strip().removeprefix("- ").strip() == needle:
            return number
    return 1


def extract_themes(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Any,
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield each theme's child-friendly name (context ``theme:<id>``): children read them
    on the "You said" page. Staff names and descriptions stay in English."""
    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    for theme in load_yaml(raw).get("themes", []):
        if isinstance(theme, dict) and theme.get("id") and theme.get("child_name"):
            line = _line_of(lines, f"id: {theme['id']}")
            comment = f"theme {theme['id']}: {theme.get('name', '')}"
            yield line, "pgettext", (f"theme:{theme['id']}", str(theme["child_name"])), [comment]
