"""Backups: `flask backup` writes a consistent copy that restores with the same counts."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from feedback_bot import create_app
from feedback_bot.extensions import db
from feedback_bot.models import Answer, Submission, Tally

from .conftest import IN_CI, TABLES, ChatActions, _seed, _test_config


def counts(app: Flask) -> tuple[int, int, int]:
    """(conversations, answer rows, sent tally)."""
    with app.app_context():
        return (
            int(db.session.scalar(select(func.count()).select_from(Submission)) or 0),
            int(db.session.scalar(select(func.count()).select_from(Answer)) or 0),
            int(
                db.session.scalar(select(func.sum(Tally.count)).where(Tally.measure == "sent")) or 0
            ),
        )


def send_some(app: Flask, how_many: int) -> None:
    for _ in range(how_many):
        chat = ChatActions(app.test_client(), "sample")
        chat.start()
        chat.next()
        chat.answer("12-15")
        chat.answer("no")
        chat.write("nobody asks me")
        chat.answer("school", "carer")
        sent = chat.send()
        assert sent.status_code == 303, sent.get_data(as_text=True)


def test_a_sqlite_backup_restores_with_the_same_counts(sqlite_app: Flask, tmp_path: Path) -> None:
    send_some(sqlite_app, 3)
    ChatActions(sqlite_app.test_client(), "sample").start()  # one unsent chat too
    before = counts(sqlite_app)
    assert before == (4, 15, 3)
    target = tmp_path / "backup.db"
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "backed up 4 conversation(s), 15 answer row(s)" in result.output
    restored = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    assert counts(restored) == before
    with restored.app_context():
        assert db.session.execute(db.text("PRAGMA integrity_check")).scalar() == "ok"
        db.engine.dispose()


def test_a_sqlite_backup_while_children_keep_sending_is_consistent(
    sqlite_app: Flask, tmp_path: Path
) -> None:
    send_some(sqlite_app, 2)
    done = threading.Event()

    def keep_sending() -> None:
        send_some(sqlite_app, 6)
        done.set()

    writer = threading.Thread(target=keep_sending)
    writer.start()
    target = tmp_path / "during.db"
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)])
    writer.join(timeout=120)
    assert done.is_set() and result.exit_code == 0, result.output
    restored = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    with restored.app_context():
        per_sent = db.session.execute(
            select(Submission.id, func.count(Answer.id))
            .join(Answer, Answer.submission_id == Submission.id)
            .where(Submission.sent_on.is_not(None))
            .group_by(Submission.id)
        ).all()
        db.engine.dispose()
    assert 2 <= len(per_sent) <= 8
    assert {n for _id, n in per_sent} == {5}  # every sent conversation whole, never half
    assert counts(restored)[2] == len(per_sent)  # and counted once in the tallies


def _empty(app: Flask) -> None:
    with app.app_context():
        db.session.execute(db.text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_postgresql_backup_with_pg_dump(
    postgres_url: str | None,
    conversations_dir: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if not postgres_url:
        if IN_CI:
            pytest.fail("PostgreSQL is required in CI")
        pytest.skip("set TEST_POSTGRES_URL (make test does) to run on PostgreSQL")
    if shutil.which("pg_restore") is None or shutil.which("pg_dump") is None:
        if IN_CI:
            pytest.fail("pg_dump is needed in CI")
        pytest.skip("pg_dump is not installed")
    request.getfixturevalue("_postgres_schema")
    app = create_app(_test_config(postgres_url, conversations_dir))
    request.addfinalizer(lambda: _empty(app))  # the next test seeds the same database
    _empty(app)
    with app.app_context():
        _seed(app)
    send_some(app, 2)
    target = tmp_path / "backup.dump"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "backed up 2 conversation(s), 10 answer row(s)" in result.output
    script = subprocess.run(  # noqa: S603  (fixed arguments)
        [str(shutil.which("pg_restore")), "--data-only", "--table=submissions", "--table=answers", "-f", "-",
         str(target)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    submissions = script.split("COPY public.submissions")[1].split("\\.")[0].strip().splitlines()
    answers = script.split("COPY public.answers")[1].split("\\.")[0].strip().splitlines()
    assert len(submissions) - 1 == 2 and len(answers) - 1 == 10  # minus the COPY header line
    assert "nobody asks me" in script


def test_without_pg_dump_the_exact_command_is_printed_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg://feedback:s3cret-pw@db.example:5433/feedback_bot"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.dump")])
    assert result.exit_code == 1
    assert (
        "PGPASSWORD=<the database password> pg_dump --format=custom --no-owner "
        f"--file={tmp_path / 'x.dump'} --host=db.example --port=5433 --username=feedback "
        "feedback_bot"
    ) in result.output
    assert "s3cret-pw" not in result.output
