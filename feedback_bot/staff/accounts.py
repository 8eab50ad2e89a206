"""Admins: staff accounts (add, disable, re-enable, reset the second factor) and the audit log."""

from __future__ import annotations

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from .. import clock
from ..dao import audit
from ..dao import staff as staff_dao
from ..models import StaffUser
from . import bp
from .access import ADMIN, ROLE_NAMES, allow, signed_in
from .credentials import hash_password, new_totp_secret, totp_uri
from .forms import ActionForm, AuditFilterForm, NewStaffForm, add_error, options, text


def _account(staff_id: int) -> StaffUser:
    user = staff_dao.fetch_staff(staff_id)
    if user is None:
        abort(404)
    return user


def _show_secret(user: StaffUser, heading: str) -> str:
    """The new second factor, shown once: as a QR code, and as text to type in."""
    uri = totp_uri(user.email, user.totp_secret)
    qr = segno.make(uri, error="m").svg_inline(omitsize=True, title=f"QR code for {user.email}")
    return render_template(
        "staff/secret.html", user=user, heading=heading, uri=uri, qr=qr, secret=user.totp_secret
    )


@bp.get("/accounts")
@allow(ADMIN)
def accounts() -> str:
    """Every account, with what can be done to it."""
    return render_template(
        "staff/accounts.html", users=staff_dao.list_staff(), roles=ROLE_NAMES, form=ActionForm()
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_account() -> str:
    """Add an account; its second factor is shown once, here."""
    form = NewStaffForm()
    if form.validate_on_submit():
        if staff_dao.fetch_staff_by_email(text(form.email)) is not None:
            add_error(form.email, "There is already an account with this email address")
        else:
            user = staff_dao.create_staff(
                email=text(form.email),
                role=text(form.role),
                password_hash=hash_password(text(form.password)),
                totp_secret=new_totp_secret(),
                today=clock.today(),
                by=signed_in(),
            )
            return _show_secret(user, "Account added")
    return render_template("staff/account_new.html", form=form)


@bp.post("/accounts/<int:staff_id>/<any(disable, enable):change>")
@allow(ADMIN)
def account_access(staff_id: int, change: str) -> Response:
    """Disable an account (its sessions end at once), or let it sign in again."""
    user, me = _account(staff_id), signed_in()
    if user.id == me.id:
        flash("You cannot disable your own account.", "error")
    else:
        staff_dao.set_active(user, change == "enable", by=me)
        done = "can sign in again" if change == "enable" else "is disabled and has been signed out"
        flash(f"{user.email} {done}.", "success")
    return redirect(url_for("staff.accounts"), code=303)


@bp.post("/accounts/<int:staff_id>/second-factor")
@allow(ADMIN)
def reset_second_factor(staff_id: int) -> str:
    """A new authenticator seed for someone who lost theirs; shown once."""
    user = _account(staff_id)
    staff_dao.reset_second_factor(user, new_totp_secret(), by=signed_in())
    return _show_secret(user, "Second factor reset")


@bp.get("/audit")
@allow(ADMIN)
def audit_log() -> str:
    """The audit log, newest first, filtered by action, person and day."""
    form = AuditFilterForm(request.args)
    form.action.choices = options([("", "Any action"), *((a, a) for a in audit.fetch_actions())])
    valid = form.validate()
    page = request.args.get("page", "1")
    events = audit.fetch_events(
        action=form.action.data if valid else None,
        actor=form.actor.data if valid else None,
        on=form.on.data if valid else None,
        page=int(page) if page.isdigit() and len(page) < 7 else 1,
    )
    return render_template("staff/audit.html", form=form, events=events)
