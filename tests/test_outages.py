"""The database going away, a locked SQLite file, and two requests of one chat racing:
retries, a kind 503 that keeps what the child typed, and never an answer stored twice."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event, func, select

from feedback_bot import create_app
from feedback_bot.dao import ConcurrentChange
from feedback_bot.dao import submissions as dao
from feedback_bot.dialogue.engine import Given
from feedback_bot.extensions import db
from feedback_bot.models import Submission, Tally

from .chat.helpers import stored, submissions
from .conftest import CSRF, ChatActions, CheckingClient, _seed, _test_config


@contextmanager
def database_away(app: Flask, times: int | None) -> Iterator[list[int]]:
    """Every statement fails as if the server had gone (``times`` times, or until the end)."""
    failures: list[int] = []
    with app.app_context():
        engine = db.engine
    dbapi = engine.dialect.loaded_dbapi
    message = (
        "database is locked"
        if engine.dialect.name == "sqlite"
        else "server closed the connection unexpectedly"
    )

    def fail(*_args: Any) -> None:
        if times is None or len(failures) < times:
            failures.append(1)
            raise dbapi.OperationalError(message)

    event.listen(engine, "before_cursor_execute", fail)
    try:
        yield failures
    finally:
        event.remove(engine, "before_cursor_execute", fail)


def at_why_not(chat: ChatActions) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    assert chat.node() == "why_not"


def test_a_short_outage_is_retried_and_the_answer_stored_once(
    chat: ChatActions, app: Flask
) -> None:
    app.config["DB_RETRY_BACKOFF_MS"] = 1
    at_why_not(chat)
    token, node = chat.token(), chat.node()
    with database_away(app, times=2) as failures:
        response = chat.client.post(
            "/c/sample", data={"csrf_token": token, "node": node, "text": "nobody asks"}
        )
    assert len(failures) == 2
    assert response.status_code == 303
    assert [row for row in stored(app) if row[0] == "why_not"] == [
        ("why_not", None, "nobody asks", False)
    ]
    assert chat.node() == "who"


def test_a_long_outage_shows_try_again_with_the_words_kept(chat: ChatActions, app: Flask) -> None:
    app.config["DB_RETRY_BACKOFF_MS"] = 1
    at_why_not(chat)
    token, node = chat.token(), chat.node()
    typed = "they <b>never</b> listen"
    with database_away(app, times=None) as failures:
        response = chat.client.post(
            "/c/sample?lang=pl",
            data={"csrf_token": token, "node": node, "action": "answer", "text": typed},
        )
        page = chat.client.get("/c/sample")
    assert len(failures) >= app.config["DB_RETRY_ATTEMPTS"]
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    body = response.get_data(as_text=True)
    assert 'lang="pl"' in body and "Spróbuj ponownie" in body
    assert "they &lt;b&gt;never&lt;/b&gt; listen</textarea>" in body  # shown back, escaped
    assert 'name="node" value="why_not"' in body and 'name="action" value="answer"' in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert page.status_code == 503 and "Spróbuj ponownie" in page.get_data(as_text=True)
    # Back again: the "Try again" form posts the same fields and the words are stored once.
    again = chat.client.post(
        "/c/sample",
        data={"csrf_token": chat.token(), "node": "why_not", "action": "answer", "text": typed},
    )
    assert again.status_code == 303
    # Cleaned as ever (tags stripped, personal details scrubbed).
    assert [row for row in stored(app) if row[0] == "why_not"] == [
        ("why_not", None, "they never listen", False)
    ]


def test_the_staff_area_also_says_try_again_not_500(client: FlaskClient, app: Flask) -> None:
    app.config["DB_RETRY_BACKOFF_MS"] = 1
    page = client.get("/staff/sign-in").get_data(as_text=True)
    token = CSRF.search(page)
    assert token
    with database_away(app, times=None):
        response = client.post(
            "/staff/sign-in",
            data={"csrf_token": token.group(1) or token.group(2), "email": "a@b.gov.uk",
                  "password": "x" * 12},
        )  # fmt: skip
    assert response.status_code == 503
    assert "The database is not answering" in response.get_data(as_text=True)


def test_a_turn_on_a_chat_moved_by_another_request_changes_nothing(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    with app.app_context():
        [stale] = db.session.scalars(select(Submission)).all()
        db.session.expunge(stale)  # as another request read it, before this one moved on
    chat.answer("12-15")
    with app.app_context():
        db.session.add(stale)
        with pytest.raises(ConcurrentChange):
            dao.save_turn(stale, "age", Given(codes=("16-17",)), ["welcome", "age", "by_age"])
    assert stored(app) == [("age", "12-15", None, False)]
    assert chat.node() == "listened"


def test_a_double_tap_from_many_threads_stores_one_answer(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    token, node = chat.token(), chat.node()
    cookie = chat.client.get_cookie("session")
    assert cookie is not None
    statuses: list[int] = []
    start = threading.Barrier(6)

    def tap() -> None:
        client = app.test_client()
        client.set_cookie("session", cookie.value)
        start.wait()
        statuses.append(
            client.post(
                "/c/sample", data={"csrf_token": token, "node": node, "answer": "no"}
            ).status_code
        )

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [303] * 6  # each tap sees the chat carry on
    assert [row for row in stored(app) if row[0] == "listened"] == [("listened", "no", None, False)]
    assert chat.node() == "why_not"


def test_sending_again_after_the_answer_was_lost_says_thanks_and_counts_once(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("yes")
    chat.answer("school")
    token = chat.token()
    cookie = chat.client.get_cookie("session")
    assert cookie is not None
    first = chat.send()
    retry = app.test_client()  # the phone never got the first answer: same cookie, same form
    retry.set_cookie("session", cookie.value)
    second = retry.post("/c/sample/send", data={"csrf_token": token})
    assert first.status_code == second.status_code == 303
    assert first.location == second.location and "/thanks" in second.location
    [sent] = submissions(app)
    assert sent.sent_on is not None
    with app.app_context():
        count = db.session.scalar(select(func.sum(Tally.count)).where(Tally.measure == "sent"))
    assert count == 1


@pytest.fixture
def locked_app(tmp_path: Path, conversations_dir: Path) -> Iterator[Flask]:
    """The app on SQLite, with a short busy timeout so a lock is felt quickly."""
    path = tmp_path / "locked.db"
    config = {
        **_test_config(f"sqlite:///{path}", conversations_dir),
        "SQLITE_BUSY_TIMEOUT_MS": 300,
        "DB_RETRY_BACKOFF_MS": 1,
    }
    app = create_app(config)
    app.test_client_class = CheckingClient
    with app.app_context():
        upgrade()
        _seed(app)
    app.config["LOCKED_PATH"] = str(path)
    yield app
    with app.app_context():
        db.engine.dispose()


@contextmanager
def writer_holding_the_lock(path: str, seconds: float | None = None) -> Iterator[None]:
    """Another program writing to the SQLite file, holding its write lock."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(seconds, other.rollback) if seconds else None
    if timer:
        timer.start()
    try:
        yield
    finally:
        if timer:
            timer.join()
        else:
            other.rollback()
        other.close()


def test_sqlite_locked_by_another_writer_gives_the_kind_page_then_recovers(
    locked_app: Flask,
) -> None:
    chat = ChatActions(locked_app.test_client(), "sample")
    at_why_not(chat)
    token = chat.token()
    with writer_holding_the_lock(locked_app.config["LOCKED_PATH"]):
        response = chat.client.post(
            "/c/sample", data={"csrf_token": token, "node": "why_not", "text": "too slow"}
        )
    assert response.status_code == 503
    assert "too slow</textarea>" in response.get_data(as_text=True)
    again = chat.client.post(
        "/c/sample", data={"csrf_token": token, "node": "why_not", "text": "too slow"}
    )
    assert again.status_code == 303
    assert [row for row in stored(locked_app) if row[0] == "why_not"] == [
        ("why_not", None, "too slow", False)
    ]


def test_sqlite_locked_briefly_just_waits(locked_app: Flask) -> None:
    locked_app.config["DB_RETRY_BACKOFF_MS"] = 200
    chat = ChatActions(locked_app.test_client(), "sample")
    at_why_not(chat)
    token = chat.token()
    with writer_holding_the_lock(locked_app.config["LOCKED_PATH"], seconds=0.4):
        response = chat.client.post(
            "/c/sample", data={"csrf_token": token, "node": "why_not", "text": "fine"}
        )
    assert response.status_code == 303
    assert chat.node() == "who"
