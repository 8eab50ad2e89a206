"""Realistic made-up sent conversations, fast enough to load a million for benchmarks.

Each child walks the real conversation through the real engine, so every stored path is
one a child could take. Answer mixes lean by local authority and age band (older children
and some areas are less positive), some questions are skipped, some free text is written
from a fixed list (no real child's words), and conversations are spread over the last
twelve months. Rows go in with bulk inserts, then the tallies are rebuilt from them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import secrets
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert

from .. import themes
from ..dao import tallies
from ..dialogue import engine
from ..dialogue.model import Conversation, Node
from ..extensions import db
from ..models import PENDING, Answer, Consultation, Quote, Submission

BATCH = 20_000
AGE_WEIGHTS = {"8-11": 3, "12-15": 4, "16-17": 2, "18-25": 1, "rather_not_say": 1}
LANGUAGE_WEIGHTS = {"en": 90, "cy": 3, "pl": 2, "ur": 2, "ar": 1, "ro": 1, "bn": 1, "so": 1}
FREE_TEXT = (
    "Listen to me and do what you say you will.",
    "Tell me what is happening before it happens.",
    "My social worker keeps changing.",
    "Ask me what I think, not just my carer.",
    "Help came too late for me.",
    "The meetings are too long and nobody explains things.",
    "Have someone at school I can talk to.",
    "Don't move me without telling me why.",
    "Phone me back when you say you will.",
    "It helped a lot, thank you.",
)


def _lean(area_code: str) -> float:
    """How positive children in this area are, from 0.3 to 0.8, the same every run."""
    return 0.3 + int(hashlib.sha256(area_code.encode()).hexdigest()[:4], 16) / 0xFFFF * 0.5


def _given(node: Node, rnd: random.Random, positive: float) -> engine.Given:
    if rnd.random() < 0.08:
        return engine.SKIPPED
    if node.kind == "text":
        return engine.Given(text=rnd.choice(FREE_TEXT)) if rnd.random() < 0.3 else engine.SKIPPED
    options = node.options
    good = [o for o in options if o.positive]
    if node.kind == "multi":
        picked = [o.code for o in options if rnd.random() < 0.3] or [options[0].code]
        return engine.Given(codes=tuple(picked))
    if good and rnd.random() < positive:
        return engine.Given(codes=(rnd.choice(good).code,))
    return engine.Given(codes=(rnd.choice(options).code,))


def _walk(
    conv: Conversation, rnd: random.Random, lean: float, age: str
) -> Iterator[tuple[str, engine.Given]]:
    """One child's path: (node id, what they gave) for every question they were asked."""
    answers: dict[str, engine.Given] = {}
    node_id = engine.first_node(conv)
    positive = lean - (0.15 if age in ("16-17", "18-25") else 0)
    for _ in range(100):
        node = conv.nodes[node_id]
        if node.kind == "end":
            return
        if node.kind == "message":
            given = engine.SKIPPED
        elif node.id == "age":
            given = engine.Given(codes=(age,))
        else:
            given = _given(node, rnd, positive)
        if node.is_question:
            yield node_id, given
        answers[node_id] = given
        node_id = engine.next_node(conv, node_id, given, answers)


def load(
    consultation: Consultation,
    conv: Conversation,
    count: int,
    seed: int,
    today: dt.date,
    codebook: themes.Codebook | None = None,
) -> int:
    """Add ``count`` sent conversations to a consultation; returns the answer rows written."""
    rnd = random.Random(seed)  # noqa: S311  (made-up answers, not secrets)
    lean = _lean(consultation.area_code)
    ages, age_w = list(AGE_WEIGHTS), list(AGE_WEIGHTS.values())
    langs = [code for code in LANGUAGE_WEIGHTS if code in consultation.languages] or ["en"]
    lang_w = [LANGUAGE_WEIGHTS[code] for code in langs]
    submissions: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    written = 0
    counted: Counter[tallies.Key] = Counter()  # started, and themes raised
    for _ in range(count):
        sid = secrets.token_urlsafe(32)
        age = rnd.choices(ages, age_w)[0]
        sent = today - dt.timedelta(days=rnd.randrange(365))
        trail = []
        help_shown = rnd.random() < 0.03
        path = dict(_walk(conv, rnd, lean, age))
        for node_id, given in path.items():
            trail.append(node_id)
            if given.skipped:
                answers.append(
                    {
                        "submission_id": sid,
                        "node_id": node_id,
                        "option_code": None,
                        "text": None,
                        "skipped": True,
                    }
                )
            elif given.text:
                answers.append(
                    {
                        "submission_id": sid,
                        "node_id": node_id,
                        "option_code": None,
                        "text": given.text,
                        "skipped": False,
                    }
                )
                quotes.append(
                    _quote(consultation.id, node_id, given.text, sent, help_shown, codebook)
                )
            for code in given.codes:
                answers.append(
                    {
                        "submission_id": sid,
                        "node_id": node_id,
                        "option_code": code,
                        "text": None,
                        "skipped": False,
                    }
                )
        language = rnd.choices(langs, lang_w)[0]
        month = tallies.month_of(sent)
        counted[(consultation.id, tallies.STARTED, "", "", "", language, month)] += 1
        for theme in themes.tag_answers(conv, path, codebook):  # counted as if sent now
            counted[(consultation.id, tallies.THEME, theme, "", age, language, month)] += 1
        submissions.append(
            {
                "id": sid, "consultation_id": consultation.id, "conversation_id": conv.id,
                "conversation_version": conv.version, "language": language,
                "age_band": age, "started_on": sent, "sent_on": sent, "expires_at": None,
                "trail": json.dumps(trail), "help_shown": help_shown, "help_pending": False,
            }
        )  # fmt: skip
        if len(answers) >= BATCH:
            written += _flush(submissions, answers, quotes)
    written += _flush(submissions, answers, quotes)
    tallies.rebuild(consultation.id)
    tallies.add(counted)
    db.session.commit()
    return written


def _quote(
    consultation_id: int,
    node_id: str,
    text: str,
    sent: dt.date,
    help_shown: bool,
    codebook: themes.Codebook | None,
) -> dict[str, Any]:
    """A free-text answer waiting in the moderation queue, as sending would leave it."""
    return {
        "consultation_id": consultation_id, "node_id": node_id, "text": text,
        "themes": sorted(themes.tag_text(codebook, text)) if codebook else [],
        "help_shown": help_shown, "month": tallies.month_of(sent), "status": PENDING,
        "version": 1,
    }  # fmt: skip


def _flush(
    submissions: list[dict[str, Any]], answers: list[dict[str, Any]], quotes: list[dict[str, Any]]
) -> int:
    for model, rows in ((Submission, submissions), (Answer, answers), (Quote, quotes)):
        if rows:
            db.session.execute(insert(model), rows)
    written = len(answers)
    for rows in (submissions, answers, quotes):
        rows.clear()
    return written
