"""When a child's words or answers suggest danger, the very next screen is the help screen."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import Flask

from ..conftest import ChatActions
from .helpers import stored, submissions


def _to_free_text(chat: ChatActions) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    assert chat.node() == "why_not"


def test_worrying_words_bring_the_help_screen_next(chat: ChatActions, app: Flask) -> None:
    _to_free_text(chat)
    chat.write("my stepdad hits me")
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert "Are you safe?" in page
    assert "we can’t send help to you" in page
    assert 'href="tel:999"' in page and 'href="tel:08001111"' in page
    [draft] = submissions(app)
    assert draft.help_shown and draft.help_pending


def test_the_child_carries_on_where_they_were(chat: ChatActions, app: Flask) -> None:
    _to_free_text(chat)
    chat.write("my stepdad hits me")
    response = chat.carry_on()
    assert response.status_code == 303
    assert chat.node() == "who"
    chat.skip()
    chat.send()
    [sent] = submissions(app)
    assert sent.help_shown and not sent.help_pending


def test_no_answer_is_taken_while_the_help_screen_is_due(chat: ChatActions, app: Flask) -> None:
    _to_free_text(chat)
    chat.write("i want to kill myself")
    token = chat.token()
    response = chat.client.post(
        "/c/sample", data={"csrf_token": token, "node": "who", "action": "skip"}
    )
    assert response.status_code == 400
    assert [row for row in stored(app) if row[0] == "who"] == []


def test_an_ordinary_complaint_does_not(chat: ChatActions, app: Flask) -> None:
    _to_free_text(chat)
    chat.write("my social worker is always late")
    assert chat.node() == "who"
    [draft] = submissions(app)
    assert not draft.help_shown


def test_an_answer_marked_help_brings_the_help_screen(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("16-17")
    chat.answer("yes")
    chat.answer("no_one")
    assert "Are you safe?" in chat.client.get("/c/sample").get_data(as_text=True)


def test_worrying_words_that_are_too_long_still_show_help(chat: ChatActions) -> None:
    _to_free_text(chat)
    response = chat.write("he hurts me " * 10)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Please write 50 characters or fewer." in body and 'href="tel:08001111"' in body


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_raw_text_never_reaches_the_database_or_the_logs(
    chat: ChatActions, app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "zq7marker"
    caplog.set_level(logging.DEBUG)
    _to_free_text(chat)
    chat.write(f"{marker} call 07700 900461")
    chat.skip()
    chat.send()
    [(_, _, text, _)] = [row for row in stored(app) if row[0] == "why_not"]
    assert text == f"{marker} call [phone]"
    database = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert b"900461" not in raw
    assert marker.encode() in raw  # the scrubbed text itself was written
    assert "900461" not in caplog.text and marker not in caplog.text
