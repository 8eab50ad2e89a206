"""Conversation text goes into the same gettext catalogue as the templates."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from feedback_bot.dialogue.lint import conversation_files
from feedback_bot.dialogue.schema import parse_file

ROOT = Path(__file__).resolve().parent.parent.parent


def extracted() -> set[tuple[str | None, str]]:
    method_map = [("conversations/*.v*.yaml", "conversation"), ("templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(str(ROOT), method_map):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def test_every_conversation_text_is_extracted_with_its_context() -> None:
    messages = extracted()
    expected = set()
    for path in conversation_files(ROOT / "conversations"):
        conv, problems = parse_file(path)
        assert conv is not None, problems
        expected.add((conv.id, conv.title))
        for node in conv.nodes.values():
            for suffix, text in node.texts():
                expected.add((f"{conv.id}:{node.id}{suffix}", text))
    assert len(expected) > 200
    assert expected <= messages, sorted(expected - messages)[:5]


def test_template_strings_are_extracted_too() -> None:
    messages = {text for _context, text in extracted()}
    for text in ("Get help now", "Exit this page", "Skip this question", "Send my answers"):
        assert text in messages
