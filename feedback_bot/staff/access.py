"""Who may see what in the staff area, decided in one place.

Every staff view declares its roles with ``@allow(...)`` (or ``@public`` for sign-in).
``guard`` runs before every staff request: a view that declares nothing is refused, so a
new route is closed until someone decides who may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from flask import current_app, g, redirect, request, session, url_for
from werkzeug.exceptions import Forbidden, NotFound
from werkzeug.wrappers import Response

from .. import clock
from ..dao import audit
from ..dao import staff as staff_dao
from ..models import StaffUser

ADMIN, ANALYST, INSPECTOR = "admin", "analyst", "inspector"
ROLES: Final = (ADMIN, ANALYST, INSPECTOR)
ROLE_NAMES: Final = {ADMIN: "Admin", ANALYST: "CRD analyst", INSPECTOR: "Inspector"}
EVERYONE: Final = frozenset(ROLES)
PUBLIC: Final = frozenset({"public"})

View = TypeVar("View", bound=Callable[..., Any])


def allow(*roles: str) -> Callable[[View], View]:
    """Let signed-in staff with one of these roles use the view."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def mark(view: View) -> View:
        view.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def public(view: View) -> View:
    """Let anyone use the view (sign-in only)."""
    view.allowed_roles = PUBLIC  # type: ignore[attr-defined]
    return view


def start_session(user: StaffUser) -> None:
    """A fresh session for a signed-in person: nothing carried over from before."""
    now = int(clock.now().timestamp())
    session.clear()
    session["staff"] = {"id": user.id, "v": user.session_version, "since": now, "seen": now}


def current_staff() -> StaffUser | None:
    """The signed-in person, or None; ends sessions that are idle, too old, or revoked."""
    if "staff_user" in g:
        user: StaffUser | None = g.staff_user
        return user
    g.staff_user = None
    data = session.get("staff")
    if not isinstance(data, dict):
        return None
    now = int(clock.now().timestamp())
    idle = current_app.config["STAFF_IDLE_MINUTES"] * 60
    longest = current_app.config["STAFF_MAX_HOURS"] * 3600
    user = staff_dao.fetch_staff(int(data.get("id", 0)))
    expired = now - int(data.get("seen", 0)) > idle or now - int(data.get("since", 0)) > longest
    if user is None or not user.active or user.session_version != data.get("v") or expired:
        session.pop("staff", None)
        g.signed_out = "expired" if expired else "ended"
        return None
    session["staff"] = {**data, "seen": now}
    g.staff_user = user
    return user


def signed_in() -> StaffUser:
    """The signed-in person, in a view the guard has already let them into."""
    user = current_staff()
    if user is None:  # the guard refuses such requests before any view runs
        raise Forbidden()
    return user


def guard() -> Response | None:
    """Before every staff request: deny unless the view's roles include the person's."""
    view = current_app.view_functions.get(request.endpoint or "")
    allowed = getattr(view, "allowed_roles", None)
    if allowed is None:
        raise NotFound()  # a route with no rule is not reachable at all
    user = current_staff()
    if allowed is PUBLIC:
        return None
    if user is None:
        reason = g.get("signed_out")
        return redirect(
            url_for("staff.sign_in", why=reason) if reason else url_for("staff.sign_in")
        )
    if user.role not in allowed:
        audit.record(user, "access_refused", request.path[:200])
        raise Forbidden()
    return None
