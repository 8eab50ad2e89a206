"""Conversations loaded and validated once, at start-up, then shared read-only."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from .lint import check_logic, conversation_files
from .model import Conversation
from .schema import parse_file


class ConversationError(RuntimeError):
    """A conversation file is broken; run lint-conversations to see why."""


def load(directory: Path) -> dict[tuple[str, int], Conversation]:
    """Parse and logic-check every conversation file, refusing to start on a broken one.

    Reading level and translations are checked by ``lint-conversations`` in ``make``
    targets rather than at every start, which keeps start-up fast.
    """
    found: dict[tuple[str, int], Conversation] = {}
    for path in conversation_files(directory):
        conv, problems = parse_file(path)
        if conv is not None:
            problems = check_logic(conv)
        if conv is None or problems:
            lines = "\n".join(str(p) for p in problems)
            raise ConversationError(f"broken conversation file:\n{lines}")
        found[conv.key] = conv
    return found


def init_app(app: Flask) -> None:
    """Load the conversations, and the themes codebook beside them if there is one."""
    from .. import themes

    folder = Path(app.config["CONVERSATIONS_DIR"])
    app.extensions["conversations"] = load(folder)
    codebook = (
        themes.load_codebook(folder / "themes.yaml") if (folder / "themes.yaml").exists() else None
    )
    if codebook is not None and codebook.found:
        lines = "\n".join(str(p) for p in codebook.found)
        raise ConversationError(f"broken themes codebook:\n{lines}")
    app.extensions["themes"] = codebook


def get(conversation_id: str, version: int) -> Conversation | None:
    """The conversation with this id and version, if the app has it."""
    conversations: dict[tuple[str, int], Conversation] = current_app.extensions["conversations"]
    return conversations.get((conversation_id, version))


def latest(conversation_id: str) -> Conversation | None:
    """The newest version of a conversation."""
    conversations: dict[tuple[str, int], Conversation] = current_app.extensions["conversations"]
    versions = [c for (cid, _), c in conversations.items() if cid == conversation_id]
    return max(versions, key=lambda c: c.version, default=None)


def all_conversations() -> list[Conversation]:
    """Every conversation version the app has, by id then version."""
    conversations: dict[tuple[str, int], Conversation] = current_app.extensions["conversations"]
    return [conversations[key] for key in sorted(conversations)]
