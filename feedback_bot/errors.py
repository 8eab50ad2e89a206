"""Friendly error pages: every failure a child can cause gets kind words, never a stack trace."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from . import limits
from .dao import ConcurrentChange
from .database import unavailable

log = logging.getLogger(__name__)

MESSAGES = {
    400: (
        _l("Sorry, something went wrong"),
        _l("We could not understand that. Nothing was saved."),
    ),
    404: (
        _l("We can’t find that page"),
        _l("Check the link, or ask the person who gave it to you."),
    ),
    405: (
        _l("Sorry, something went wrong"),
        _l("That did not work. Please go back and try again."),
    ),
    409: (
        _l("Sorry, something went wrong"),
        _l("That did not work. Please go back and try again."),
    ),
    413: (
        _l("That was too much"),
        _l("What you sent was too long. Please send something shorter."),
    ),
    429: (
        _l("Please wait a moment"),
        _l("Lots of answers came from here at once. Please wait a minute, then try again."),
    ),
    503: (
        _l("Please try again"),
        _l(
            "Something went wrong on our side. Nothing you wrote is lost. "
            "Please try again in a moment."
        ),
    ),
    500: (_l("Sorry, something went wrong"), _l("Please try again in a few minutes.")),
}


STAFF_MESSAGES = {
    400: ("That request could not be used", ""),
    403: (
        "You cannot see this page",
        "Your role does not give access to it. Ask an admin if you think it should.",
    ),
    404: ("Page not found", "Check the address, or go back to the staff home page."),
    429: ("Too many requests", "Wait a minute, then try again."),
    503: ("The database is not answering", "Nothing was changed. Try again in a minute."),
}
# Pages that ask to come back later say when, in seconds (Retry-After).
LATER = (429, 503)


@dataclass(frozen=True)
class Resend:
    """A chat form to post again from the 503 page: its fields, and the words typed."""

    hidden: list[tuple[str, str]]
    text: str | None


def _resend() -> Resend | None:
    """What the child posted, to show back and send again (chat forms only)."""
    if request.method != "POST" or not request.path.startswith("/c/"):
        return None
    hidden = [
        (name, value)
        for name, values in request.form.lists()
        if name not in ("csrf_token", "text")
        for value in values
    ]
    return Resend(hidden, request.form.get("text"))


def _in_staff_area() -> bool:
    return request.blueprint == "staff" or request.path.startswith("/staff/")


ErrorPage = tuple[str, int, dict[str, str]]


def render_error(code: int, explained: str | None = None) -> ErrorPage:
    """The friendly page for an HTTP status, in the staff area's style there (where a view
    may say exactly what was wrong)."""
    if _in_staff_area():
        title, body = STAFF_MESSAGES.get(code, ("Sorry, something went wrong", ""))
        body = explained or body or str(MESSAGES.get(code, MESSAGES[500])[1])
        page = render_template("staff/error.html", title=title, body=body)
    else:
        title, body = MESSAGES.get(code, MESSAGES[500])
        resend = _resend() if code == 503 else None
        page = render_template("error.html", title=title, body=body, code=code, resend=resend)
    return page, code, _later(code)


def _later(code: int) -> dict[str, str]:
    """Retry-After for the pages that ask to come back later."""
    if code not in LATER:
        return {}
    wait = limits.seconds_to_wait() if code == 429 else None
    return {"Retry-After": str(wait or current_app.config["RETRY_AFTER_SECONDS"])}


def handle_http(error: HTTPException) -> ErrorPage:
    """Any HTTP error Flask raises."""
    explained = error.description if error.description != type(error).description else None
    if error.code == 429:
        explained = None  # the limiter describes its limit; say it kindly instead
    return render_error(error.code or 500, explained)


def handle_database(error: SQLAlchemyError) -> ErrorPage:
    """The database is away or locked (after the retries): "please try again", with what the
    child wrote shown back; any other database error is a bug."""
    if not unavailable(error):
        return handle_unexpected(error)
    log.warning("database unavailable (%s) at %s", type(error).__name__, request.endpoint)
    return render_error(503)


def handle_concurrent(error: ConcurrentChange) -> ErrorPage:
    """Two requests of one chat kept racing (very rare): ask the child to try again."""
    log.warning("concurrent change at %s", request.endpoint)
    return render_error(409)


def handle_csrf(error: CSRFError) -> tuple[str, int]:
    """A missing or stale form token: let the child carry on from where they were."""
    if _in_staff_area():
        body = "The form had expired. Go back, reload the page and try again."
        return render_template("staff/error.html", title="Please try again", body=body), 400
    return render_template("csrf.html"), 400


def handle_unexpected(error: Exception) -> ErrorPage:
    """A bug: log its kind and where it happened, and show a kind page.

    Never the error's message: a database error can quote the values it was given, and
    those may be a child's words or their submission's id.
    """
    where = "".join(traceback.format_tb(error.__traceback__))
    log.error("unhandled %s at:\n%s", type(error).__name__, where)
    return render_error(500)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(SQLAlchemyError, handle_database)
    app.register_error_handler(ConcurrentChange, handle_concurrent)
    app.register_error_handler(Exception, handle_unexpected)
