"""A child's submission and its answers: started, answered turn by turn, sent or deleted."""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, Table, Update, and_, bindparam, delete, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..dialogue.engine import Given
from ..extensions import db
from ..models import Answer, Consultation, Submission
from . import ConcurrentChange, quotes, tallies, transactional
from .consultations import SLUG

# A chat turn runs these on every request: built once, not on each call. The writes go to
# the tables themselves (Core), skipping the ORM's bookkeeping for rows no one reads back.
SUBMISSIONS: Table = Submission.__table__
ANSWERS: Table = Answer.__table__
_WITH_DRAFT = (
    select(Consultation, Submission)
    .outerjoin(
        Submission,
        and_(
            Submission.consultation_id == Consultation.id,
            Submission.id == bindparam("id"),
            Submission.sent_on.is_(None),
            Submission.expires_at > bindparam("now"),
        ),
    )
    .where(Consultation.slug == bindparam("slug"))
)
_ANSWERS = (
    select(ANSWERS.c.node_id, ANSWERS.c.option_code, ANSWERS.c.text)
    .where(ANSWERS.c.submission_id == bindparam("id"))
    .order_by(ANSWERS.c.id)
)
_ANSWER = _ANSWERS.where(ANSWERS.c.node_id == bindparam("node"))
_DELETE_ANSWER = delete(ANSWERS).where(
    ANSWERS.c.submission_id == bindparam("id"), ANSWERS.c.node_id == bindparam("node")
)
_INSERT_ANSWERS = insert(ANSWERS)
_DELETE_OFF_PATH = delete(ANSWERS).where(
    ANSWERS.c.submission_id == bindparam("id"),
    ANSWERS.c.node_id.not_in(bindparam("path", expanding=True)),
)
_SENT_ANSWERS = select(ANSWERS.c.node_id, ANSWERS.c.option_code, ANSWERS.c.skipped).where(
    ANSWERS.c.submission_id == bindparam("id")
)
AnswerRow = Row[Any, Any, Any]  # node_id, option_code, text


def new_submission_id() -> str:
    """256 random bits, URL-safe: unguessable, and linked to nothing about the child."""
    return secrets.token_urlsafe(32)


def trail_of(submission: Submission) -> list[str]:
    """The node ids the child has passed through; the last is where they are now."""
    trail: list[str] = json.loads(submission.trail)
    return trail


@transactional
def create_submission(
    consultation: Consultation,
    first_node: str,
    language: str,
    today: dt.date,
    expires_at: dt.datetime,
) -> Submission:
    """Start a child's submission at the conversation's first node."""
    submission = Submission(
        id=new_submission_id(),
        consultation_id=consultation.id,
        conversation_id=consultation.conversation_id,
        conversation_version=consultation.conversation_version,
        language=language,
        started_on=today,
        expires_at=expires_at,
        trail=json.dumps([first_node]),
    )
    db.session.add(submission)
    tallies.add(tallies.for_event(submission, tallies.STARTED))
    return submission


def fetch_any_draft(submission_id: str, now: dt.datetime) -> Submission | None:
    """An unsent, unexpired submission, whatever its consultation."""
    return db.session.scalars(
        select(Submission).where(
            Submission.id == submission_id,
            Submission.sent_on.is_(None),
            Submission.expires_at > now,
        )
    ).first()


def fetch_consultation_and_draft(
    slug: str, submission_id: str | None, now: dt.datetime
) -> tuple[Consultation | None, Submission | None]:
    """The consultation at /c/<slug>, and this unsent, unexpired submission of it if there
    is one: both in one query, as every chat request needs both."""
    if not SLUG.match(slug):
        return None, None
    row = db.session.execute(_WITH_DRAFT, {"slug": slug, "id": submission_id, "now": now}).first()
    return (row[0], row[1]) if row is not None else (None, None)


def fetch_sent(submission_id: str, consultation: Consultation) -> Submission | None:
    """A submission of this consultation that has been sent (to answer a repeated "Send")."""
    return db.session.scalars(
        select(Submission).where(
            Submission.id == submission_id,
            Submission.consultation_id == consultation.id,
            Submission.sent_on.is_not(None),
        )
    ).first()


def _claim(submission: Submission, **values: object) -> None:
    """Change the submission only if no other request changed its trail or sent it since
    this one read it; otherwise raise ``ConcurrentChange`` (and the transaction rolls back).

    This is the first write of its transaction, so it waits for any other writer of the row
    (PostgreSQL's row lock, SQLite's write lock) and then checks the row as it is now. The
    loaded submission is then brought in step with the row, as the UPDATE skips the ORM.
    """
    statement = _claim_statement(frozenset(values))
    result = db.session.execute(
        statement, {**values, "claim_id": submission.id, "claim_trail": submission.trail}
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConcurrentChange()
    for name, value in values.items():
        set_committed_value(submission, name, value)


@functools.cache
def _claim_statement(columns: frozenset[str]) -> Update:
    """The guarded UPDATE setting these columns, built once for each set of them."""
    return (
        update(SUBMISSIONS)
        .where(
            SUBMISSIONS.c.id == bindparam("claim_id"),
            SUBMISSIONS.c.trail == bindparam("claim_trail"),
            SUBMISSIONS.c.sent_on.is_(None),
        )
        .values({name: bindparam(name, type_=SUBMISSIONS.c[name].type) for name in columns})
    )


def fetch_answers(submission: Submission) -> dict[str, Given]:
    """Every answer the child has given so far, by node id."""
    found: dict[str, list[AnswerRow]] = {}
    for answer in db.session.execute(_ANSWERS, {"id": submission.id}):
        found.setdefault(answer.node_id, []).append(answer)
    return {node_id: _given(rows) for node_id, rows in found.items()}


def fetch_answer(submission: Submission, node_id: str) -> Given | None:
    """The child's answer to one question, if they have given one."""
    rows = list(db.session.execute(_ANSWER, {"id": submission.id, "node": node_id}))
    return _given(rows) if rows else None


def _given(rows: list[AnswerRow]) -> Given:
    codes = tuple(r.option_code for r in rows if r.option_code is not None)
    text = next((r.text for r in rows if r.text is not None), None)
    return Given(codes=codes, text=text)


@transactional
def save_turn(
    submission: Submission,
    node_id: str,
    given: Given,
    trail: list[str],
    age_band: str | None = None,
    records_age_band: bool = False,
    show_help: bool = False,
) -> None:
    """Replace the answer to one question and move the child on, in one transaction.

    ``show_help`` makes the help screen the very next thing the child sees. Two requests
    racing on one chat (a double tap, a retry) store one answer: the second finds the trail
    moved and changes nothing.
    """
    moved: dict[str, object] = {"trail": json.dumps(trail)}
    if records_age_band:
        moved["age_band"] = age_band
    if show_help:
        moved |= {"help_shown": True, "help_pending": True}
    _claim(submission, **moved)
    db.session.execute(_DELETE_ANSWER, {"id": submission.id, "node": node_id})
    row = {"submission_id": submission.id, "node_id": node_id, "skipped": False}
    rows = [{**row, "option_code": code, "text": None} for code in given.codes]
    if given.text is not None:
        rows.append({**row, "option_code": None, "text": given.text})
    if not rows:
        rows.append({**row, "option_code": None, "text": None, "skipped": True})
    db.session.execute(_INSERT_ANSWERS, rows)


@transactional
def clear_help_pending(submission: Submission) -> None:
    """The child has seen the help screen and chosen to carry on."""
    submission.help_pending = False


@transactional
def save_trail(submission: Submission, trail: list[str]) -> None:
    """Move the child without answering (past a message, or back)."""
    _claim(submission, trail=json.dumps(trail))


@transactional
def send_submission(
    submission: Submission,
    today: dt.date,
    language: str,
    themes: Iterable[str] = (),
    quoted: Iterable[quotes.NewQuote] = (),
) -> None:
    """Share the answers: keep only those on the child's final path, date them, stop expiry,
    count them, and queue their free text for moderation, all in one transaction.

    Sending twice (a double tap, a retry) counts once: the second finds it sent already.
    """
    _claim(submission, sent_on=today, expires_at=None, language=language)
    db.session.execute(_DELETE_OFF_PATH, {"id": submission.id, "path": trail_of(submission)})
    answers = db.session.execute(_SENT_ANSWERS, {"id": submission.id})
    tallies.add(tallies.for_sent(submission, answers, themes))
    quotes.add(submission.consultation_id, today, submission.help_shown, quoted)


@transactional
def delete_submission(submission: Submission) -> None:
    """Delete a submission and every answer in it, at once (counted where the child stopped,
    once even if two requests delete it)."""
    stopped = None
    if submission.sent_on is None:
        stopped = tallies.for_event(submission, tallies.STOPPED, trail_of(submission)[-1])
    db.session.execute(delete(Answer).where(Answer.submission_id == submission.id))
    deleted = db.session.execute(delete(Submission).where(Submission.id == submission.id))
    if stopped and deleted.rowcount == 1:  # type: ignore[attr-defined]
        tallies.add(stopped)


@transactional
def delete_expired_drafts(now: dt.datetime) -> int:
    """Delete unsent submissions past their expiry (counted where each stopped); how many."""
    expired = (Submission.sent_on.is_(None), Submission.expires_at <= now)
    counts: Counter[tallies.Key] = Counter()
    for draft in db.session.scalars(select(Submission).where(*expired)):
        counts.update(tallies.for_event(draft, tallies.STOPPED, trail_of(draft)[-1]))
    tallies.add(counts)
    return _delete_where(*expired)


@transactional
def delete_sent_before(cutoff: dt.date) -> int:
    """Delete sent submissions older than the retention period; returns how many."""
    return _delete_where(Submission.sent_on.is_not(None), Submission.sent_on < cutoff)


def _delete_where(*conditions: object) -> int:
    ids = select(Submission.id).where(*conditions)  # type: ignore[arg-type]
    db.session.execute(delete(Answer).where(Answer.submission_id.in_(ids)))
    result = db.session.execute(delete(Submission).where(Submission.id.in_(ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
