"""Flooding: one client cannot fill the database with chats; a classroom behind one school
address still gets through; the limit page is kind, in the child's language; no address kept."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from feedback_bot.extensions import db
from feedback_bot.limits import SweptMemoryStorage, client_key
from feedback_bot.models import Submission

from .conftest import ChatActions


def sent_and_started(app: Flask) -> tuple[int, int]:
    with app.app_context():
        sent = db.session.scalar(
            select(func.count()).select_from(Submission).where(Submission.sent_on.is_not(None))
        )
        started = db.session.scalar(select(func.count()).select_from(Submission))
    return int(sent or 0), int(started or 0)


def a_child_starts(app: Flask, lang: str = "en") -> FlaskClient:
    """A new browser on the same address: fetch the page, press Start."""
    client = app.test_client()
    ChatActions(client, "sample").start()
    return client


def test_a_class_of_30_behind_one_school_address_all_get_through(app: Flask) -> None:
    children = [ChatActions(app.test_client(), "sample") for _ in range(30)]
    for child in children:  # everyone starts at once, then answers turn by turn
        assert child.start().status_code == 303
    for step in (
        lambda c: c.next(),
        lambda c: c.answer("12-15"),
        lambda c: c.answer("yes"),
        lambda c: c.answer("school", "carer"),
        lambda c: c.send(),
    ):
        for child in children:
            response = step(child)
            assert response.status_code == 303, response.get_data(as_text=True)[:300]
    assert sent_and_started(app) == (30, 30)


def test_one_client_starting_chats_over_and_over_is_stopped_kindly(app: Flask) -> None:
    app.config["CHAT_LIMIT_START"] = "12 per 10 minutes"
    for _ in range(12):
        a_child_starts(app)
    flooder = app.test_client()
    chat = ChatActions(flooder, "sample")
    token = chat.token()
    response = flooder.post("/c/sample/start?lang=cy", data={"csrf_token": token})
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 600
    body = response.get_data(as_text=True)
    assert '<html lang="cy"' in body
    assert "Aros eiliad, plîs" in body  # "Please wait a moment", in Welsh
    assert 'href="/exit"' in body and 'href="/help' in body  # the page checker checks these too
    assert sent_and_started(app) == (0, 12)


def test_answering_too_fast_from_one_address_is_limited_and_stores_nothing_more(
    app: Flask, chat: ChatActions
) -> None:
    app.config["CHAT_LIMIT_TURNS"] = "3 per minute"
    chat.start()
    assert chat.next().status_code == 303
    assert chat.answer("12-15").status_code == 303
    assert chat.answer("yes").status_code == 303
    response = chat.answer("school")
    assert response.status_code == 429
    assert "Please wait a moment" in response.get_data(as_text=True)
    assert chat.node() == "who"  # the chat is still where it was


def test_limits_can_be_turned_off(app: Flask) -> None:
    app.config["CHAT_LIMIT_START"] = "2 per minute"
    app.config["CHAT_LIMITS_ENABLED"] = False
    for _ in range(4):
        a_child_starts(app)
    assert sent_and_started(app) == (0, 4)


def test_the_limit_key_is_a_keyed_hash_never_the_address(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app.config["CHAT_LIMIT_START"] = "1 per minute"
    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        key = client_key()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.10"}):
        other = client_key()
    assert key != other and "203.0.113" not in key and len(key) == 32
    a_child_starts(app)
    assert a_child_starts(app).get("/c/sample").status_code == 200
    limiter = app.extensions["chat_limiter"]
    stored_keys = " ".join(map(str, limiter.storage.storage)) + " ".join(
        map(str, getattr(limiter.storage, "events", {}))
    )
    assert stored_keys, "the limiter should be counting"
    assert "127.0.0.1" not in stored_keys
    assert "127.0.0.1" not in caplog.text


def test_each_process_hashes_with_its_own_random_key(app: Flask, tmp_path: object) -> None:
    from feedback_bot import create_app

    second = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.extensions["chat_limit_key"] != second.extensions["chat_limit_key"]
    keys = []
    for each in (app, second):
        with each.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
            keys.append(client_key())
    assert keys[0] != keys[1]


def test_behind_a_proxy_each_forwarded_address_counts_alone(app: Flask) -> None:
    app.config["CHAT_LIMIT_PROXY_HOPS"] = 1
    with app.test_request_context(headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}):
        near = client_key()
    with app.test_request_context(headers={"X-Forwarded-For": "203.0.113.6"}):
        other = client_key()
    with app.test_request_context(headers={"X-Forwarded-For": "10.0.0.1, 203.0.113.5"}):
        forged_left = client_key()
    assert near != other
    assert near == forged_left  # only the address our proxy saw counts, not what the client says


def test_counting_an_answer_starts_no_thread(
    app: Flask, chat: ChatActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(app.extensions["chat_limiter"].storage, SweptMemoryStorage)
    chat.start()

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the limiter started a thread")

    monkeypatch.setattr(threading, "Timer", refuse)
    for _ in range(3):  # further apart than the 10 ms after which limits started another
        time.sleep(0.02)
        assert chat.next().status_code in (303, 400)


def test_ended_windows_are_swept_without_a_thread() -> None:
    storage = SweptMemoryStorage("swept-memory://")
    assert storage.incr("gone", 0.01) == 1
    assert storage.incr("kept", 60) == 1
    time.sleep(0.02)
    storage._next_sweep = 0.0  # as if SWEEP_SECONDS had passed
    assert storage.incr("kept", 60) == 2
    assert "gone" not in storage.storage and "gone" not in storage.expirations
    assert storage.get("kept") == 2
