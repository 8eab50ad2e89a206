"""What the database can hold: nothing that identifies a child, and migrations match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect

from feedback_bot.extensions import db

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


def test_no_column_could_identify_a_child(app: Flask) -> None:
    with app.app_context():
        inspector = inspect(db.engine)
        columns = {
            (table, column["name"])
            for table in ("submissions", "answers")
            for column in inspector.get_columns(table)
        }
    assert not {name for _, name in columns} & IDENTIFYING
    assert columns == {
        ("submissions", "id"),
        ("submissions", "consultation_id"),
        ("submissions", "conversation_id"),
        ("submissions", "conversation_version"),
        ("submissions", "language"),
        ("submissions", "age_band"),
        ("submissions", "started_on"),
        ("submissions", "sent_on"),
        ("submissions", "expires_at"),
        ("submissions", "trail"),
        ("answers", "id"),
        ("answers", "submission_id"),
        ("answers", "node_id"),
        ("answers", "option_code"),
        ("answers", "text"),
        ("answers", "skipped"),
    }


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app_for_cli: Flask) -> None:
    with app_for_cli.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
