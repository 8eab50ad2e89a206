"""Fixtures: an app on SQLite and on PostgreSQL, a page-checking client, and chat actions."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text
from werkzeug.test import TestResponse

from feedback_bot import clock, create_app
from feedback_bot.dao.consultations import save_consultation
from feedback_bot.extensions import db

from .pages import check_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = Path(__file__).parent / "conversations" / "valid"
IN_CI = os.environ.get("CI") == "true"
TABLES = (
    "answers",
    "submissions",
    "tallies",
    "quotes",
    "consultations",
    "audit_log",
    "staff",
    "sign_in_throttle",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In CI nothing may be skipped: a missing PostgreSQL or Chromium is a failure."""
    if IN_CI and not os.environ.get("TEST_POSTGRES_URL"):
        raise pytest.UsageError("CI=true but TEST_POSTGRES_URL is not set: run `make test`")


@pytest.fixture(scope="session")
def conversations_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real conversations plus the small sample the mechanics tests use."""
    folder = tmp_path_factory.mktemp("conversations")
    for source in [*(ROOT / "conversations").glob("*.v*.yaml"), *SAMPLE_DIR.glob("*.v*.yaml")]:
        shutil.copy(source, folder / source.name)
    shutil.copy(ROOT / "conversations" / "themes.yaml", folder / "themes.yaml")
    return folder


@pytest.fixture(scope="session")
def postgres_url() -> str | None:
    return os.environ.get("TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def _postgres_schema(postgres_url: str | None, conversations_dir: Path) -> None:
    """Migrate the PostgreSQL test database once per run."""
    if not postgres_url:
        return
    app = create_app(_test_config(postgres_url, conversations_dir))
    with app.app_context():
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
        db.engine.dispose()


def _test_config(url: str, conversations_dir: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "CONVERSATIONS_DIR": str(conversations_dir),
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def app(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    conversations_dir: Path,
    postgres_url: str | None,
) -> Iterator[Flask]:
    """The app with a migrated, empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "postgresql":
        if not postgres_url:
            if IN_CI:
                pytest.fail("PostgreSQL is required in CI")
            pytest.skip("set TEST_POSTGRES_URL (make test does) to run on PostgreSQL")
        request.getfixturevalue("_postgres_schema")
        url = postgres_url
    else:
        url = f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app(_test_config(url, conversations_dir))
    app.test_client_class = CheckingClient
    with app.app_context():
        if request.param == "sqlite":
            upgrade()
        _seed(app)
    yield app
    with app.app_context():
        db.session.remove()
        if request.param == "postgresql":
            db.session.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
            db.session.commit()
        db.engine.dispose()


@pytest.fixture
def sqlite_app(tmp_path: Path, conversations_dir: Path) -> Iterator[Flask]:
    """The app on SQLite only, for what works differently on PostgreSQL (backups, plans)."""
    app = create_app(_test_config(f"sqlite:///{tmp_path / 'sqlite-only.db'}", conversations_dir))
    with app.app_context():
        upgrade()
        _seed(app)
    yield app
    with app.app_context():
        db.engine.dispose()


def _seed(app: Flask) -> None:
    for slug, conversation in (
        ("sample", "sample"),
        ("demo", "listened-to"),
        ("help", "help-in-time"),
    ):
        if (conversation, 1) in app.extensions["conversations"]:
            save_consultation(
                slug=slug,
                title=f"Test: {conversation}",
                conversation_id=conversation,
                conversation_version=1,
                today=clock.today(),
                languages=app.config["LANGUAGES"],
            )


class CheckingClient(FlaskClient):
    """A test client that checks every HTML page it receives (see ``pages.check_page``)."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            check_page(response)
        return response


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


class ChatActions:
    """What a child does in a chat, through real form posts with real CSRF tokens."""

    def __init__(self, client: FlaskClient, slug: str) -> None:
        self.client = client
        self.slug = slug
        self.url = f"/c/{slug}"
        self.page: TestResponse | None = None

    def _token_and_node(self) -> tuple[str, str | None]:
        page = self.client.get(self.url)
        body = page.get_data(as_text=True)
        match = CSRF.search(body)
        assert match, "no CSRF token on the page"
        node = re.search(r'id="node" name="node" type="hidden" value="([^"]+)"', body)
        return match.group(1) or match.group(2), node.group(1) if node else None

    def token(self) -> str:
        """The CSRF token on the page the child is looking at."""
        return self._token_and_node()[0]

    def carry_on(self) -> TestResponse:
        return self._post(f"{self.url}/carry-on", {"csrf_token": self.token()})

    def node(self) -> str | None:
        """The node the child is on now."""
        return self._token_and_node()[1]

    def start(self) -> TestResponse:
        token, _ = self._token_and_node()
        return self._post(f"{self.url}/start", {"csrf_token": token})

    def post(self, **fields: Any) -> TestResponse:
        token, node = self._token_and_node()
        data = {"csrf_token": token, "node": node, **fields}
        return self._post(self.url, {k: v for k, v in data.items() if v is not None})

    def next(self) -> TestResponse:
        return self.post(action="next")

    def answer(self, *codes: str) -> TestResponse:
        if len(codes) == 1:
            return self.post(answer=codes[0])
        return self.post(answer=list(codes), action="answer")

    def write(self, text: str) -> TestResponse:
        return self.post(text=text, action="answer")

    def skip(self) -> TestResponse:
        return self.post(action="skip")

    def back(self) -> TestResponse:
        return self.post(action="back")

    def change(self, node_id: str) -> TestResponse:
        return self.post(change=node_id)

    def send(self) -> TestResponse:
        token, _ = self._token_and_node()
        return self._post(f"{self.url}/send", {"csrf_token": token})

    def stop(self) -> TestResponse:
        token, _ = self._token_and_node()
        return self._post(f"{self.url}/stop", {"csrf_token": token})

    def _post(self, url: str, data: dict[str, Any]) -> TestResponse:
        self.page = self.client.post(url, data=data)
        return self.page


@pytest.fixture
def chat(client: FlaskClient) -> ChatActions:
    """A child in the sample conversation."""
    return ChatActions(client, "sample")


@pytest.fixture
def app_for_cli(tmp_path: Path) -> Flask:
    """The app over the shipped conversations, for commands that need no database rows."""
    return create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.db'}"}
    )
