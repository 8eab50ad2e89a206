"""Friendly error pages: every failure a child can cause gets kind words, never a stack trace."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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
    413: (
        _l("That was too much"),
        _l("What you sent was too long. Please send something shorter."),
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
}


def _in_staff_area() -> bool:
    return request.blueprint == "staff" or request.path.startswith("/staff/")


def render_error(code: int, explained: str | None = None) -> tuple[str, int]:
    """The friendly page for an HTTP status, in the staff area's style there (where a view
    may say exactly what was wrong)."""
    if _in_staff_area():
        title, body = STAFF_MESSAGES.get(code, ("Sorry, something went wrong", ""))
        body = explained or body or str(MESSAGES.get(code, MESSAGES[500])[1])
        return render_template("staff/error.html", title=title, body=body), code
    title, body = MESSAGES.get(code, MESSAGES[500])
    return render_template("error.html", title=title, body=body, code=code), code


def handle_http(error: HTTPException) -> tuple[str, int]:
    """Any HTTP error Flask raises."""
    explained = error.description if error.description != type(error).description else None
    return render_error(error.code or 500, explained)


def handle_csrf(error: CSRFError) -> tuple[str, int]:
    """A missing or stale form token: let the child carry on from where they were."""
    if _in_staff_area():
        body = "The form had expired. Go back, reload the page and try again."
        return render_template("staff/error.html", title="Please try again", body=body), 400
    return render_template("csrf.html"), 400


def handle_unexpected(error: Exception) -> tuple[str, int]:
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
    app.register_error_handler(Exception, handle_unexpected)
