"""Browser fixtures: one live server and one Chromium per run, a fresh context per test.

The server is the real app on a temporary SQLite file, with CSRF on, served by werkzeug in
a daemon thread. A test fails if any of its pages asks another origin for anything.

Requests are watched, not routed: routing in Playwright turns the HTTP cache off, and the
quick-exit tests must see what Back shows with the browser's real cache.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from feedback_bot import clock, create_app
from feedback_bot.dao.consultations import save_consultation
from feedback_bot.extensions import db

IN_CI = os.environ.get("CI") == "true"
DEFAULT_CHROMIUM = "/usr/lib/chromium/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
CONSULTATIONS = (("demo", "listened-to"), ("help", "help-in-time"))
CLOSED = "closed"  # a consultation that closed yesterday


@dataclass(frozen=True)
class LiveServer:
    """The app served over HTTP on 127.0.0.1."""

    url: str
    app: Flask

    @property
    def exit_url(self) -> str:
        """Where quick exit lands: on the live server itself, so nothing leaves the machine."""
        return str(self.app.config["EXIT_URL"])


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """No access log: it would only clutter the test output."""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a migrated SQLite file with the demo and help consultations, over HTTP."""
    database = tmp_path_factory.mktemp("browser") / "browser.db"
    app = create_app(
        {
            "SECRET_KEY": "browser-test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "WTF_CSRF_ENABLED": True,
            # Every browser test is a child at 127.0.0.1, more of them than a class; the
            # limits have their own tests (tests/test_limits.py).
            "CHAT_LIMITS_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
        today = clock.today()
        for slug, conversation in CONSULTATIONS:
            save_consultation(
                slug=slug,
                title=f"Browser test: {conversation}",
                conversation_id=conversation,
                conversation_version=1,
                today=today,
                languages=app.config["LANGUAGES"],
            )
        save_consultation(
            slug=CLOSED,
            title="Browser test: closed",
            conversation_id="listened-to",
            conversation_version=1,
            today=today,
            closes_on=today - dt.timedelta(days=1),
        )
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["EXIT_URL"] = f"{url}/healthz?exited"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(url=url, app=app)
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        message = f"no Chromium at {path}: run scripts/chromium.sh, or set CHROMIUM_PATH"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for the whole run (Playwright's download is not used)."""
    path = _chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Browsing:
    """Opens pages in fresh contexts and notes every request that leaves the live server."""

    browser: Browser
    live: LiveServer
    foreign: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def page(
        self,
        *,
        js: bool = True,
        viewport: dict[str, int] | None = None,
        bypass_csp: bool = False,
        reduced_motion: Literal["reduce", "no-preference"] | None = None,
    ) -> Page:
        """A new page in a new context: a phone (390x844, touch) unless a viewport is given."""
        phone = viewport is None
        context = self.browser.new_context(
            base_url=self.live.url,
            viewport=viewport or PHONE,
            is_mobile=phone,
            has_touch=phone,
            java_script_enabled=js,
            bypass_csp=bypass_csp,
            reduced_motion=reduced_motion,
            locale="en-GB",
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        context.on("request", self._note)
        self.contexts.append(context)
        return context.new_page()

    def _ours(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "about", "blob"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.live.url

    def _note(self, request: Request) -> None:
        if not self._ours(request.url):
            self.foreign.append(request.url)

    def close(self) -> None:
        """Close every context this test opened."""
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Browser, live_server: LiveServer) -> Iterator[Browsing]:
    """Pages for one test; the test fails if any of them asked another origin for anything."""
    browsing = Browsing(browser, live_server)
    yield browsing
    browsing.close()


@pytest.fixture
def phone(browsing: Browsing) -> Page:
    """A phone with JavaScript off: the baseline every child gets."""
    return browsing.page(js=False)


@pytest.fixture
def phone_js(browsing: Browsing) -> Page:
    """A phone with JavaScript on: the same pages, enhanced by static/js."""
    return browsing.page(js=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail (not error) a browser test whose pages made a third-party request."""
    result = yield
    browsing = getattr(item, "funcargs", {}).get("browsing")
    if isinstance(browsing, Browsing) and browsing.foreign:
        pytest.fail(f"requests to other origins: {browsing.foreign}")
    return result
