"""Count in the database what the children saw: every child who saw "sent" has every
answer it saw acknowledged stored exactly once, and no sent conversation is stored half."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from children import Child
from flask import Flask
from sqlalchemy import func, select

from feedback_bot.dao.tallies import SENT
from feedback_bot.dialogue import registry
from feedback_bot.extensions import db
from feedback_bot.models import Answer, Submission, Tally
from feedback_bot.privacy.scrub import scrub


@dataclass
class Counted:
    """What the database holds, against what the children saw."""

    acknowledged: int = 0  # answers the children who saw "sent" saw acknowledged
    stored_once: int = 0  # of those, stored exactly once
    missing: int = 0  # acknowledged, not stored
    stored_twice: int = 0  # an answer stored more than once, or a conversation counted twice
    half: int = 0  # sent conversations missing an answer on their path, or sent but not whole
    sent_in_database: int = 0
    sent_not_seen: int = 0  # sent, but the child never saw the thank-you page
    unsent_drafts: int = 0  # started chats never sent (children who gave up, lost starts)
    sent_tally: int = 0


def submission_id(app: Flask, cookie: str | None) -> str | None:
    """The chat's random token, read from the child's session cookie."""
    if not cookie:
        return None
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    data = serializer.loads(cookie)
    token = data.get("chat")
    return token if isinstance(token, str) else None


def _rows(app: Flask, ids: list[str]) -> dict[str, list[tuple[str, str | None, str | None, bool]]]:
    found: dict[str, list[tuple[str, str | None, str | None, bool]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in db.session.execute(
            select(Answer.submission_id, Answer.node_id, Answer.option_code, Answer.text,
                   Answer.skipped).where(Answer.submission_id.in_(chunk))
        ):  # fmt: skip
            found[row[0]].append((row[1], row[2], row[3], bool(row[4])))
    return found


def _expected(acked: tuple[tuple[str, ...], str | None, bool], node: str) -> Counter[tuple]:  # type: ignore[type-arg]
    codes, text, skipped = acked
    if skipped:
        return Counter({(node, None, None, True): 1})
    rows: Counter[tuple] = Counter((node, code, None, False) for code in codes)  # type: ignore[type-arg]
    if text is not None:
        rows[(node, None, scrub(text), False)] += 1
    return rows


def check(app: Flask, children: list[Child], slug: str) -> Counted:
    """Compare every child's acknowledged answers with the database."""
    counted = Counted()
    with app.app_context():
        ids = {child.number: submission_id(app, child.cookie) for child in children}
        rows = _rows(app, [i for i in ids.values() if i])
        sent_ids = set(
            db.session.scalars(select(Submission.id).where(Submission.sent_on.is_not(None)))
        )
        counted.sent_in_database = len(sent_ids)
        counted.unsent_drafts = int(
            db.session.scalar(
                select(func.count()).select_from(Submission).where(Submission.sent_on.is_(None))
            )
            or 0
        )
        counted.sent_tally = int(
            db.session.scalar(select(func.sum(Tally.count)).where(Tally.measure == SENT)) or 0
        )
        for child in children:
            token = ids[child.number]
            if token in sent_ids and not child.saw_sent:
                counted.sent_not_seen += 1
            if not child.saw_sent:
                continue
            stored = Counter(rows.get(token or "", []))
            for node, acked in child.acknowledged.items():
                counted.acknowledged += 1
                expected = _expected(acked, node)
                have = Counter({row: n for row, n in stored.items() if row[0] == node})
                if have == expected:
                    counted.stored_once += 1
                elif not have:
                    counted.missing += 1
                elif all(have[row] >= n for row, n in expected.items()):
                    counted.stored_twice += 1
                else:
                    counted.missing += 1
            if token not in sent_ids:
                counted.missing += len(child.acknowledged)  # saw "sent", but it is not sent
        counted.half = _half_sent(app, sent_ids)
        counted.stored_twice += max(0, counted.sent_tally - counted.sent_in_database)
    return counted


def _half_sent(app: Flask, sent_ids: set[str]) -> int:
    """Sent conversations with a question on their path that has no answer row."""
    half = 0
    answered: dict[str, set[str]] = {}
    for submission, node in db.session.execute(
        select(Answer.submission_id, Answer.node_id)
        .join(Submission, Submission.id == Answer.submission_id)
        .where(Submission.sent_on.is_not(None))
    ):
        answered.setdefault(submission, set()).add(node)
    for submission in db.session.scalars(select(Submission).where(Submission.sent_on.is_not(None))):
        conversation = registry.get(submission.conversation_id, submission.conversation_version)
        if conversation is None:
            half += 1
            continue
        questions = {
            node for node in json.loads(submission.trail) if conversation.nodes[node].is_question
        }
        if not questions <= answered.get(submission.id, set()):
            half += 1
    return half
