"""Pages around the chat: help, privacy, quick exit, health."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session
from sqlalchemy import text
from werkzeug.wrappers import Response

from .. import clock
from ..dao import consultations as consultation_dao
from ..dao import submissions as dao
from ..dialogue import registry
from ..extensions import db
from . import bp
from .views import offer_languages


def _back_slug() -> str | None:
    """The chat to offer a way back to (``?c=<slug>``), if there is one; its languages apply."""
    consultation = consultation_dao.fetch_consultation_by_slug(request.args.get("c", ""))
    if consultation is None:
        return None
    conversation = registry.get(consultation.conversation_id, consultation.conversation_version)
    if conversation is not None:
        offer_languages(consultation, conversation)
    return consultation.slug


@bp.get("/")
def index() -> str:
    """Someone arrived without a chat link."""
    return render_template("index.html")


@bp.get("/help")
def help() -> str:
    """Who to call now, and why the bot cannot send help itself."""
    return render_template("help.html", back_slug=_back_slug())


@bp.get("/privacy")
def privacy() -> str:
    """What we keep, in a child's words."""
    return render_template("privacy.html", back_slug=_back_slug())


@bp.get("/exit")
def exit() -> Response:
    """Quick exit: forget this visit and go to a neutral site.

    This changes state on a GET on purpose: it must work as a plain link, from any page,
    in one tap, even with JavaScript off; the worst a forged link can do is end a chat.
    """
    token = session.get("chat")
    if isinstance(token, str) and len(token) <= 64:
        draft = dao.fetch_any_draft(token, clock.now())
        if draft is not None:
            dao.delete_submission(draft)
    session.clear()
    response = redirect(current_app.config["EXIT_URL"], code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def health() -> tuple[dict[str, str], int]:
    """For load balancers: 200 when the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        db.session.rollback()
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200
