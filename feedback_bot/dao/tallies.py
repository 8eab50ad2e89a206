"""Tallies: the counts results are read from, kept in step with children's answers.

Counting as children send (rather than at read time) keeps a results page fast at a
million conversations: it reads a few thousand tally rows, not millions of answers.
``rebuild`` recomputes them from the answers, and a test checks the two always agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import Table, and_, delete, func, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import Answer, Consultation, Submission, Tally

ANSWER, ANSWERED, STARTED, SENT, STOPPED, HELP = (
    "answer",  # a child picked this option (node, option)
    "answered",  # a child answered this question, not skipped (node): the base
    "started",
    "sent",
    "stopped",  # a child stopped, or left, at this question (node): the drop-off funnel
    "help",  # the help screen was shown in a sent conversation (never why)
)
THEME: Final = "theme"  # a sent conversation raised this theme (node_id holds the theme id)
MEASURES: Final = (ANSWER, ANSWERED, STARTED, SENT, STOPPED, HELP, THEME)
KEY: Final = (
    "consultation_id",
    "measure",
    "node_id",
    "option_code",
    "age_band",
    "language",
    "month",
)
Key = tuple[int, str, str, str, str, str, dt.date]


def month_of(day: dt.date) -> dt.date:
    """The first day of the month: the finest time results ever show."""
    return day.replace(day=1)


def add(counts: Counter[Key]) -> None:
    """Add counts to the tallies in the current transaction (insert, or add on conflict)."""
    if not counts:
        return
    rows = [dict(zip(KEY, key, strict=True), count=n) for key, n in counts.items()]
    db.session.execute(_upsert(db.session.get_bind().dialect.name), rows)


@functools.cache
def _upsert(dialect: str) -> Any:
    """The insert-or-add statement, built once per dialect (every start and send runs it),
    on the table itself: the rows are plain values, with nothing for the ORM to do."""
    table: Table = Tally.__table__
    upsert: Any = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    return upsert.on_conflict_do_update(
        index_elements=list(KEY), set_={"count": table.c.count + upsert.excluded["count"]}
    )


def for_sent(
    submission: Submission, answers: Iterable[Any], themes: Iterable[str] = ()
) -> Counter[Key]:
    """What one sent submission adds: its answers (rows or objects with node_id, option_code
    and skipped), the questions answered, sent, help, and the themes it raised."""
    month = month_of(submission.sent_on or submission.started_on)
    base = (submission.consultation_id, submission.age_band or "", submission.language, month)

    def key(measure: str, node: str = "", option: str = "") -> Key:
        return (base[0], measure, node, option, base[1], base[2], base[3])

    counts: Counter[Key] = Counter({key(SENT): 1})
    if submission.help_shown:
        counts[key(HELP)] += 1
    answered = set()
    for answer in answers:
        if answer.skipped:
            continue
        answered.add(answer.node_id)
        if answer.option_code:
            counts[key(ANSWER, answer.node_id, answer.option_code)] += 1
    for node in answered:
        counts[key(ANSWERED, node)] += 1
    for theme in themes:
        counts[key(THEME, theme)] += 1
    return counts


def for_event(submission: Submission, measure: str, node: str = "") -> Counter[Key]:
    """A child started, or stopped at a question (no age band: often not given yet)."""
    month = month_of(submission.started_on)
    return Counter(
        {(submission.consultation_id, measure, node, "", "", submission.language, month): 1}
    )


def rebuild(consultation_id: int) -> None:
    """Recompute a consultation's answer tallies from the stored answers (demo data, checks).

    Started and stopped counts cannot be rebuilt (stopped drafts are deleted), and themes
    are tagged in Python as each conversation is sent, so those stay as they are.
    """
    db.session.execute(
        delete(Tally).where(
            Tally.consultation_id == consultation_id,
            Tally.measure.in_((ANSWER, ANSWERED, SENT, HELP)),
        )
    )
    sent = and_(Submission.consultation_id == consultation_id, Submission.sent_on.is_not(None))
    month = _month_expression(Submission.sent_on)
    dims = (func.coalesce(Submission.age_band, ""), Submission.language, month)
    columns = [*KEY, "count"]
    answered = (
        select(
            literal(consultation_id),
            literal(ANSWER),
            Answer.node_id,
            Answer.option_code,
            *dims,
            func.count(),
        )
        .join(Submission, Answer.submission_id == Submission.id)
        .where(sent, Answer.skipped.is_(False), Answer.option_code.is_not(None))
        .group_by(Answer.node_id, Answer.option_code, *dims)
    )
    bases = (
        select(literal(consultation_id), literal(ANSWERED), Answer.node_id, literal(""), *dims,
               func.count(func.distinct(Answer.submission_id)))
        .join(Submission, Answer.submission_id == Submission.id)
        .where(sent, Answer.skipped.is_(False))
        .group_by(Answer.node_id, *dims)
    )  # fmt: skip
    sends = (
        select(
            literal(consultation_id), literal(SENT), literal(""), literal(""), *dims, func.count()
        )
        .where(sent)
        .group_by(*dims)
    )
    helps = sends.where(Submission.help_shown.is_(True)).with_only_columns(
        literal(consultation_id), literal(HELP), literal(""), literal(""), *dims, func.count()
    )
    for query in (answered, bases, sends, helps):
        db.session.execute(insert(Tally).from_select(columns, query))


def _month_expression(column: Any) -> Any:
    """The first day of the month of a date column, in SQL, on SQLite and PostgreSQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.cast(func.date_trunc("month", column), db.Date)
    return func.date(column, "start of month")


Summed = tuple[str, str, str, Any, int]  # measure, node, option, group, count

GROUPS: Final = {
    "age": Tally.age_band,
    "language": Tally.language,
    "month": Tally.month,
    "setting": func.coalesce(Consultation.setting, ""),
}


def summed(consultation_ids: Iterable[int], group: str | None) -> list[Summed]:
    """Tallies added up per measure, question, answer and one dimension (or none)."""
    dimension: Any = GROUPS[group] if group else literal("")
    query = (
        select(Tally.measure, Tally.node_id, Tally.option_code, dimension, func.sum(Tally.count))
        .where(Tally.consultation_id.in_(list(consultation_ids)))
        .group_by(Tally.measure, Tally.node_id, Tally.option_code, dimension)
    )
    if group == "setting":
        query = query.join(Consultation, Consultation.id == Tally.consultation_id)
    return [tuple(row) for row in db.session.execute(query)]
