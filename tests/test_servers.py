"""Two app servers, one PostgreSQL: a child's presses alternate between them, nothing is lost.

The servers are real gunicorn processes that share only the database and SECRET_KEY from
the environment, as docs/deploy.md runs them behind a load balancer.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from feedback_bot import create_app
from feedback_bot.extensions import db
from feedback_bot.models import Answer, Submission

from .conftest import IN_CI, TABLES, _seed, _test_config
from .servers import Child, Server, free_port

CHILDREN = 6


@pytest.fixture
def shared_app(
    request: pytest.FixtureRequest, postgres_url: str | None, conversations_dir: Path
) -> Iterator[Flask]:
    """The test PostgreSQL database, migrated and seeded, emptied afterwards."""
    if not postgres_url:
        if IN_CI:
            pytest.fail("PostgreSQL is required in CI")
        pytest.skip("set TEST_POSTGRES_URL (make test does) to run on PostgreSQL")
    request.getfixturevalue("_postgres_schema")
    app = create_app(_test_config(postgres_url, conversations_dir))
    with app.app_context():
        _seed(app)
    yield app
    with app.app_context():
        db.session.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def two_servers(shared_app: Flask, conversations_dir: Path) -> Iterator[list[int]]:
    env = {
        "DATABASE_URL": shared_app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": secrets.token_urlsafe(32),
        "CONVERSATIONS_DIR": str(conversations_dir),
    }
    servers = [Server(free_port(), env) for _ in range(2)]
    try:
        for server in servers:
            server.wait()
        yield [server.port for server in servers]
    finally:
        for server in servers:
            server.stop()


def test_each_press_on_the_other_server_and_every_conversation_stored_once(
    shared_app: Flask, two_servers: list[int]
) -> None:
    children = [Child(two_servers, "sample") for _ in range(CHILDREN)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        turns = list(pool.map(lambda child: child.converse(), children))
    assert all(turns)
    assert all(child.servers_used == set(two_servers) for child in children)
    with shared_app.app_context():
        sent = db.session.scalar(
            select(func.count()).select_from(Submission).where(Submission.sent_on.is_not(None))
        )
        drafts = db.session.scalar(
            select(func.count()).select_from(Submission).where(Submission.sent_on.is_(None))
        )
        repeated = db.session.execute(
            select(Answer.submission_id, Answer.node_id, Answer.option_code, func.count())
            .group_by(Answer.submission_id, Answer.node_id, Answer.option_code)
            .having(func.count() > 1)
        ).all()
        per_child = db.session.execute(
            select(func.count(Answer.id)).group_by(Answer.submission_id)
        ).scalars()
        answered = sorted(per_child)
    assert sent == CHILDREN
    assert drafts == 0
    assert not repeated
    # The first option of every question, the same path for each child: the same answers.
    assert len(answered) == CHILDREN
    assert len(set(answered)) == 1
