"""Configuration, headers, health, and the commands make run uses."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient

from feedback_bot import clock, create_app
from feedback_bot.config import ConfigError, load_config

from .chat.helpers import submissions
from .conftest import ChatActions


def test_production_refuses_the_default_secret_key(tmp_path: object) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path), {"APP_ENV": "production"})


def test_production_with_a_secret_key_hardens_the_cookie(tmp_path: object) -> None:
    config = load_config(str(tmp_path), {"APP_ENV": "production", "SECRET_KEY": "s" * 40})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path: object) -> None:
    config = load_config(str(tmp_path), {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/feedback_bot.db"
    assert (
        load_config(str(tmp_path), {"DATABASE_URL": "postgresql+psycopg://x/y"})[
            "SQLALCHEMY_DATABASE_URI"
        ]
        == "postgresql+psycopg://x/y"
    )


def test_a_bad_number_in_the_environment_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(ConfigError, match="RETENTION_DAYS"):
        load_config(str(tmp_path), {"RETENTION_DAYS": "forever"})


def test_chat_pages_send_strict_headers_and_are_never_cached(client: FlaskClient) -> None:
    response = client.get("/c/sample")
    headers = response.headers
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "img-src 'self' data:;" in headers["Content-Security-Policy"]  # the data: favicon only
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_the_session_cookie_has_no_expiry(chat: ChatActions) -> None:
    response = chat.start()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires" not in cookie and "Max-Age" not in cookie


def test_an_idle_chat_must_start_again(chat: ChatActions, app: Flask) -> None:
    app.permanent_session_lifetime = dt.timedelta(seconds=1)
    chat.start()
    assert "Start the chat" not in chat.client.get("/c/sample").get_data(as_text=True)
    time.sleep(2.1)  # the signed cookie's own timestamp is checked against the lifetime
    assert "Start the chat" in chat.client.get("/c/sample").get_data(as_text=True)


def test_exit_forgets_the_chat_and_leaves(chat: ChatActions, app: Flask) -> None:
    chat.start()
    response = chat.client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["EXIT_URL"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert submissions(app) == []
    assert "Start the chat" in chat.client.get("/c/sample").get_data(as_text=True)


def test_help_page_gives_the_numbers_as_tap_to_call_links(client: FlaskClient) -> None:
    body = client.get("/help?c=sample").get_data(as_text=True)
    assert 'href="tel:999"' in body and 'href="tel:08001111"' in body
    assert 'href="/c/sample"' in body


def test_health_says_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_seed_demo_is_harmless_to_run_twice(app_for_cli: Flask) -> None:
    from flask_migrate import upgrade

    runner = app_for_cli.test_cli_runner()
    with app_for_cli.app_context():
        upgrade()
    first = runner.invoke(args=["seed-demo"])
    second = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "created" in first.output
    assert second.exit_code == 0 and "exists" in second.output


def test_purge_deletes_by_the_injected_clock(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("yes")
    chat.send()
    chat.start()
    runner = app.test_cli_runner()
    soon = clock.now() + dt.timedelta(hours=25)
    result = runner.invoke(args=["purge", "--now", soon.isoformat()])
    assert result.exit_code == 0, result.output
    assert "deleted 1 unsent and 0 sent" in result.output
    later = clock.now() + dt.timedelta(days=app.config["RETENTION_DAYS"] + 1)
    result = runner.invoke(args=["purge", "--now", later.isoformat()])
    assert "deleted 0 unsent and 1 sent" in result.output
    assert submissions(app) == []


def test_create_app_needs_no_environment(tmp_path: object) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    assert ("sample", 1) not in app.extensions["conversations"]


def test_the_cookie_holds_only_a_random_token(chat: ChatActions, app: Flask) -> None:
    chat.start()
    with chat.client.session_transaction() as session:
        contents = dict(session)
    [draft] = submissions(app)
    assert contents.pop("chat") == draft.id
    assert set(contents) <= {"csrf_token"}
