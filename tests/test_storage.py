"""What the database can hold: nothing that identifies a child, and migrations match the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect

from feedback_bot.extensions import db

PRIVACY_DOC = Path(__file__).resolve().parent.parent / "docs" / "privacy.md"
TABLES = ("consultations", "submissions", "answers", "tallies", "quotes")  # children's answers
STAFF_TABLES = ("staff", "sign_in_throttle", "audit_log")  # about staff, never children

IDENTIFYING = {
    "ip",
    "ip_address",
    "remote_addr",
    "user_agent",
    "name",
    "email",
    "phone",
    "dob",
    "date_of_birth",
    "postcode",
    "address",
    "created_at",
    "timestamp",
}


def test_migrations_create_exactly_the_models(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []


def documented_columns() -> set[tuple[str, str]]:
    """(table, column) for every row of the table in docs/privacy.md."""
    found = set()
    for line in PRIVACY_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in (*TABLES, *STAFF_TABLES):
            found.add((cells[0], cells[1]))
    return found


def test_every_column_is_documented_in_the_privacy_allow_list(app: Flask) -> None:
    with app.app_context():
        inspector = inspect(db.engine)
        assert set(inspector.get_table_names()) - {"alembic_version"} == {*TABLES, *STAFF_TABLES}
        columns = {
            (table, column["name"])
            for table in (*TABLES, *STAFF_TABLES)
            for column in inspector.get_columns(table)
        }
    assert columns == documented_columns()


def test_no_column_could_identify_a_child(app: Flask) -> None:
    with app.app_context():
        inspector = inspect(db.engine)
        names = {column["name"] for table in TABLES for column in inspector.get_columns(table)}
    assert len(names) > 10
    assert not names & IDENTIFYING


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app_for_cli: Flask) -> None:
    with app_for_cli.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_database_error_never_carries_a_childs_words(app: Flask) -> None:
    from sqlalchemy.exc import IntegrityError

    from feedback_bot.models import Answer

    marker = "zq7 words a child wrote"
    with app.app_context():
        db.session.add(Answer(submission_id="no-such-submission", node_id="q", text=marker))
        try:
            db.session.commit()
        except IntegrityError as error:
            db.session.rollback()
            message = str(error)
        else:
            raise AssertionError("the foreign key should have refused the row")
    assert "answers" in message  # the error still says what failed
    assert marker not in message
