"""What a chat turn does, and does not do, on every request (see docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from babel import support
from flask import Flask
from sqlalchemy import event, text

from feedback_bot import forms
from feedback_bot.chat.forms import TurnForm
from feedback_bot.dialogue import schema
from feedback_bot.extensions import db

from .chat.helpers import stored
from .conftest import ChatActions


def _to_listened(chat: ChatActions) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")


def test_forms_keep_one_cleaning_filter_however_often_they_are_built(app: Flask) -> None:
    with app.test_request_context("/", method="POST", data={"node": " \x00age\x07 "}):
        for _ in range(50):
            form = TurnForm(meta={"csrf": False})
        assert form.node.data == "age"
        assert form.node.filters.count(forms._clean) == 1
    assert "filters" not in TurnForm.node.kwargs  # the class-level field is left alone


def test_wtforms_messages_are_read_once_per_language(
    chat: ChatActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    real_load = support.Translations.load

    def counting_load(*args: Any, **kwargs: Any) -> Any:
        loads.append(str(kwargs.get("domain")))
        return real_load(*args, **kwargs)

    forms.wtforms_translations.cache_clear()
    monkeypatch.setattr(support.Translations, "load", counting_load)
    _to_listened(chat)
    chat.answer("yes")
    assert chat.client.get("/c/sample").status_code == 200
    assert loads.count("wtforms") == 1  # once, across eight requests that each build a form


def test_no_conversation_file_is_read_while_chatting(
    chat: ChatActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any) -> None:
        raise AssertionError("a conversation file was parsed on a request")

    monkeypatch.setattr(schema, "parse_file", refuse)
    _to_listened(chat)
    assert chat.answer("yes").status_code == 303
    assert chat.node() == "who"


@contextmanager
def _statements(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement, and each COMMIT, sent while the block runs."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    def on_commit(_conn: Any) -> None:
        seen.append("COMMIT")

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)


def test_a_turn_is_one_transaction_and_showing_a_question_writes_nothing(
    app: Flask, chat: ChatActions
) -> None:
    _to_listened(chat)
    token, node = chat._token_and_node()
    with _statements(app) as seen:
        reply = chat.client.post(
            "/c/sample", data={"csrf_token": token, "node": node, "answer": "no"}
        )
    assert reply.status_code == 303
    assert seen.count("COMMIT") == 1
    assert seen[-1] == "COMMIT"  # nothing runs after it, outside the transaction
    with _statements(app) as seen:
        assert chat.client.get("/c/sample").status_code == 200
    assert "COMMIT" not in seen
    assert not [s for s in seen if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert ("listened", "no", None, False) in stored(app)


def test_every_query_of_a_turn_uses_an_index(sqlite_app: Flask) -> None:
    # SQLite only: its query plans do not depend on table statistics, as PostgreSQL's do.
    app = sqlite_app
    chat = ChatActions(app.test_client(), "sample")
    _to_listened(chat)
    token, node = chat._token_and_node()
    with _statements(app) as seen:
        chat.client.post("/c/sample", data={"csrf_token": token, "node": node, "answer": "no"})
        chat.client.get("/c/sample")
    queries = [s for s in seen if s.split()[0].upper() in ("SELECT", "UPDATE", "DELETE")]
    assert queries
    with app.app_context():
        connection = db.session.connection().connection.dbapi_connection
        assert connection is not None
        for statement in queries:
            params = (None,) * statement.count("?")
            plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            full_scans = [step for step in plan if step.startswith("SCAN ")]
            assert not full_scans, (statement, plan)
        db.session.execute(text("SELECT 1"))
