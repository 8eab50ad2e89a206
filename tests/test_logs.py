"""Request logs never carry an IP address, from gunicorn or the development server."""

from __future__ import annotations

import logging
import threading
import urllib.request
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from feedback_bot import create_app

ROOT = Path(__file__).resolve().parent.parent


def test_the_development_server_logs_requests_without_the_address(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    caplog.set_level(logging.INFO, logger="werkzeug")
    thread.start()
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/help") as response:
        assert response.status == 200
    thread.join(timeout=5)
    server.server_close()
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any('"GET /help HTTP/1.1" 200' in line for line in lines), lines
    assert not any("127.0.0.1" in line for line in lines), lines


def test_gunicorn_access_log_format_has_no_address() -> None:
    namespace: dict[str, object] = {}
    exec((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)  # noqa: S102
    log_format = str(namespace["access_log_format"])
    for field in ("%(h)s", "%(a)s", "%(f)s", "{x-forwarded-for}i", "%({x-forwarded-for}i)s"):
        assert field not in log_format
    assert "%(r)s" in log_format and "%(s)s" in log_format


def test_an_unexpected_error_is_logged_without_its_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})

    words = "".join(["zq7", " a child's words"])  # data, as a child's text would be

    def boom() -> str:
        raise ValueError(words)

    app.add_url_rule("/boom", "boom", boom)
    caplog.set_level(logging.ERROR)
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.get_data(as_text=True)
    assert "unhandled ValueError" in caplog.text and "in boom" in caplog.text
    assert "zq7" not in caplog.text
