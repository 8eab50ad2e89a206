"""A form posted twice (a double tap, or a retry after an answer that never arrived) is
recognised as the step already taken: the child carries on, and nothing is stored twice."""

from __future__ import annotations

from flask import make_response, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from ..dao import submissions as dao
from ..dialogue import engine
from ..dialogue.engine import SKIPPED, Given, TurnError
from ..dialogue.model import Conversation
from ..models import Consultation, Submission
from ..privacy.scrub import scrub
from .forms import TurnForm


def _posted(kind: str, action: str, form: TurnForm) -> Given:
    """The answer as the turn view stores it (free text scrubbed)."""
    if action == "skip":
        return SKIPPED
    if kind == "text":
        text = form.text.data or None
        return Given(text=scrub(text) if text else None)
    return Given(codes=tuple(str(code) for code in form.answer.data or ()))


def taken(conv: Conversation, draft: Submission, trail: list[str], form: TurnForm) -> bool:
    """Whether this (validated) post repeats the turn that brought the child to where they
    are now: the question before, the same answer stored, and the same next step."""
    if len(trail) < 2 or form.change.data:
        return False
    node = conv.nodes.get(trail[-2])
    if node is None or form.node.data != node.id:
        return False
    action = form.action.data or "answer"
    if node.kind == "message":
        return action == "next"
    if action not in ("answer", "skip", "next"):
        return False
    answers = dao.fetch_answers(draft)
    stored = answers.get(node.id)
    given = _posted(node.kind, action, form)
    if stored is None or sorted(stored.codes) != sorted(given.codes) or stored.text != given.text:
        return False
    try:
        return engine.next_node(conv, node.id, given, answers) == trail[-1]
    except TurnError:
        return False


def after_send(consultation: Consultation, key: str) -> Response:
    """No draft to send: thank the child if an earlier press sent it (its answer was lost on
    the way), otherwise say their place was lost."""
    token = session.get(key)
    sent = (
        dao.fetch_sent(token, consultation) if isinstance(token, str) and len(token) <= 64 else None
    )
    if sent is None:
        page = render_template("chat/lost.html", consultation=consultation)
        return make_response(page, 400)
    session.pop(key, None)
    end = dao.trail_of(sent)[-1]
    return redirect(url_for("chat.thanks", slug=consultation.slug, end=end), code=303)
