"""Reading back what a chat stored."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from feedback_bot.extensions import db
from feedback_bot.models import Answer, Submission


def submissions(app: Flask) -> list[Submission]:
    with app.app_context():
        rows = list(db.session.scalars(select(Submission)))
        db.session.expunge_all()
        return rows


def stored(app: Flask) -> list[tuple[str, str | None, str | None, bool]]:
    """(node, option code, text, skipped) for every answer row, in a stable order."""
    with app.app_context():
        rows = db.session.execute(
            select(Answer.node_id, Answer.option_code, Answer.text, Answer.skipped).order_by(
                Answer.node_id, Answer.option_code
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]
