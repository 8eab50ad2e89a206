"""Signing in (password, then a TOTP code), signing out, and the staff home page."""

from __future__ import annotations

import datetime as dt
import math

from flask import current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from .. import clock
from ..dao import audit
from ..dao import consultations as consultation_dao
from ..dao import staff as staff_dao
from ..models import StaffUser
from . import bp
from .access import EVERYONE, allow, current_staff, public, start_session
from .credentials import accepted_step, check_password
from .forms import CodeForm, SignInForm, text

PENDING_SECONDS = 300  # between a right password and its code
NOTICES = {
    "expired": "You were signed out because you were inactive or signed in for too long.",
    "ended": "You were signed out. Sign in again to carry on.",
    "signed_out": "You have signed out.",
}
WRONG = "Enter a correct email address and password."


def _wait_words(wait: dt.timedelta) -> str:
    seconds = math.ceil(wait.total_seconds())
    if seconds > 90:
        return f"Too many attempts. Try again in {-(-seconds // 60)} minutes."
    return f"Too many attempts. Try again in {seconds} seconds."


def _throttle(email: str) -> str:
    return staff_dao.throttle_key(email, current_app.config["SECRET_KEY"])


def _fail(key: str, actor: audit.Actor, stage: str) -> dt.timedelta:
    config = current_app.config
    return staff_dao.failed(
        key,
        clock.now(),
        actor=actor,
        stage=stage,
        lock_after=config["SIGN_IN_LOCK_AFTER"],
        lock=dt.timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"]),
    )


def _check_password(form: SignInForm) -> str | None:
    """The error to show, or None when the password is right (the code comes next)."""
    email = text(form.email).lower()
    key = _throttle(email)
    wait = staff_dao.wait_left(key, clock.now())
    if wait:
        return _wait_words(wait)
    user = staff_dao.fetch_staff_by_email(email)
    right = check_password(user.password_hash if user else None, text(form.password))
    if right and user is not None and user.active:
        session.clear()
        session["pending"] = {
            "id": user.id,
            "v": user.session_version,
            "at": int(clock.now().timestamp()),
        }
        return None
    stage = "account disabled" if user is not None and not user.active else "password"
    wait = _fail(key, user or audit.UNKNOWN, stage)
    return f"{WRONG} {_wait_words(wait)}" if wait else WRONG


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in() -> Response | str:
    """Step 1: email address and password. The error never says which was wrong."""
    if current_staff() is not None:
        return redirect(url_for("staff.home"))
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        error = _check_password(form)
        if error is None:
            return redirect(url_for("staff.code"))
    notice = NOTICES.get(request.args.get("why", ""))
    return render_template("staff/sign_in.html", form=form, error=error, notice=notice)


def _half_signed_in(now: dt.datetime) -> StaffUser | None:
    """Who gave the right password in the last few minutes, if their account is still good."""
    pending = session.get("pending")
    if not isinstance(pending, dict):
        return None
    user = staff_dao.fetch_staff(int(pending.get("id", 0)))
    fresh = int(now.timestamp()) - int(pending.get("at", 0)) <= PENDING_SECONDS
    if user is None or not user.active or user.session_version != pending.get("v") or not fresh:
        return None
    return user


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def code() -> Response | str:
    """Step 2: the 6-digit code; each code is accepted once."""
    now = clock.now()
    user = _half_signed_in(now)
    if user is None:
        session.pop("pending", None)
        return redirect(url_for("staff.sign_in"))
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        key = _throttle(user.email)
        wait = staff_dao.wait_left(key, now)
        if wait:
            error = _wait_words(wait)
        else:
            step = accepted_step(user.totp_secret, text(form.code), user.totp_last_step, now)
            if step is not None:
                start_session(user)
                staff_dao.signed_in(user, step, key)
                return redirect(url_for("staff.home"))
            wait = _fail(key, user, "code")
            error = "That code is not right, or has been used already. Wait for a new code."
            if wait:
                error = f"{error} {_wait_words(wait)}"
    return render_template("staff/code.html", form=form, error=error)


@bp.post("/sign-out")
@allow(*EVERYONE)
def sign_out() -> Response:
    """End the session and clear what the browser holds for this site."""
    audit.record(current_staff(), "sign_out")
    session.clear()
    response = redirect(url_for("staff.sign_in", why="signed_out"), code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("/")
@allow(*EVERYONE)
def home() -> str:
    """Where each role starts."""
    return render_template("staff/home.html", consultations=consultation_dao.list_consultations())
