"""Golden transcripts: scripted walks through each conversation, replayed through HTTP.

Each file in ``golden/`` names a consultation and lists steps. A step names the node the
child must be on, then what they do: ``next``, ``skip``, ``back``, ``answer: <code or
list>`` or ``write: <text>``. ``stored`` lists every answer row expected once sent, as
``node: code``, ``node: [codes]``, ``node: {text: ...}`` or ``node: skipped``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from feedback_bot.dialogue.schema import load_yaml

from ..conftest import ChatActions
from .helpers import stored, submissions

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.yaml"))


def expected_rows(spec: dict[str, Any]) -> list[tuple[str, str | None, str | None, bool]]:
    rows: list[tuple[str, str | None, str | None, bool]] = []
    for node, value in spec.items():
        if value == "skipped":
            rows.append((node, None, None, True))
        elif isinstance(value, dict):
            rows.append((node, None, value["text"], False))
        else:
            codes = value if isinstance(value, list) else [value]
            rows += [(node, str(code), None, False) for code in codes]
    return sorted(rows, key=lambda r: (r[0], r[1] or ""))


def replay(chat: ChatActions, steps: list[dict[str, Any]]) -> None:
    for number, step in enumerate(steps, start=1):
        assert chat.node() == step["node"], f"step {number}: expected to be at {step['node']}"
        if step.get("do") == "next":
            response = chat.next()
        elif step.get("do") == "skip":
            response = chat.skip()
        elif step.get("do") == "back":
            response = chat.back()
        elif "answer" in step:
            answer = step["answer"]
            response = (
                chat.answer(*[str(a) for a in answer])
                if isinstance(answer, list)
                else chat.answer(str(answer))
            )
        elif "write" in step:
            response = chat.write(step["write"])
        else:
            raise AssertionError(f"step {number}: unknown step {step}")
        assert response.status_code == 303, f"step {number}: {response.status_code}"


def test_there_is_a_transcript_for_each_shipped_conversation() -> None:
    names = {yaml.safe_load(p.read_text(encoding="utf-8"))["consultation"] for p in GOLDEN}
    assert {"demo", "help"} <= names


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_transcript(path: Path, client: FlaskClient, app: Flask) -> None:
    script = load_yaml(path.read_text(encoding="utf-8"))
    chat = ChatActions(client, script["consultation"])
    assert chat.start().status_code == 303
    replay(chat, script["steps"])
    assert chat.node() == script["end"], "the walk should finish on the review of the end node"
    assert chat.send().status_code == 303
    [sent] = submissions(app)
    assert sent.age_band == (
        None if script.get("age_band") in (None, "none") else script["age_band"]
    )
    assert stored(app) == expected_rows(script["stored"])
