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
