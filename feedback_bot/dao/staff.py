"""Staff accounts, their second factor, and the throttle on failed sign-ins."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from sqlalchemy import select

from ..extensions import db
from ..models import SignInThrottle, StaffUser
from . import transactional
from .audit import Actor, add_event

# Waits after each failed attempt before the next is allowed; then a lock.
DELAYS = (
    dt.timedelta(0),
    dt.timedelta(0),
    dt.timedelta(seconds=5),
    dt.timedelta(seconds=15),
    dt.timedelta(seconds=45),
)


def fetch_staff(staff_id: int) -> StaffUser | None:
    """An account by id."""
    return db.session.get(StaffUser, staff_id)


def fetch_staff_by_email(email: str) -> StaffUser | None:
    """An account by email address, in any case."""
    return db.session.scalars(select(StaffUser).where(StaffUser.email == email.lower())).first()


def list_staff() -> list[StaffUser]:
    """Every account, by email address."""
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.email)))


@transactional
def create_staff(
    *, email: str, role: str, password_hash: str, totp_secret: str, today: dt.date, by: Actor
) -> StaffUser:
    """A new, active account; the audit log says who made it."""
    user = StaffUser(
        email=email.lower(),
        role=role,
        password_hash=password_hash,
        totp_secret=totp_secret,
        active=True,
        session_version=1,
        created_on=today,
    )
    db.session.add(user)
    db.session.flush()
    add_event(by, "account_created", user.email, f"role {role}")
    return user


@transactional
def set_active(user: StaffUser, active: bool, *, by: Actor) -> None:
    """Disable (ending every session at once) or re-enable an account."""
    user.active = active
    if not active:
        user.session_version += 1
    add_event(by, "account_enabled" if active else "account_disabled", user.email)


@transactional
def reset_second_factor(user: StaffUser, totp_secret: str, *, by: Actor) -> None:
    """A new TOTP seed; every session of the account ends."""
    user.totp_secret = totp_secret
    user.totp_last_step = None
    user.session_version += 1
    add_event(by, "second_factor_reset", user.email)


@transactional
def signed_in(user: StaffUser, step: int, key: str) -> None:
    """A code was accepted: remember its step (so it works once) and forget past failures."""
    user.totp_last_step = step
    throttle = db.session.get(SignInThrottle, key)
    if throttle is not None:
        db.session.delete(throttle)
    add_event(user, "sign_in")


def throttle_key(email: str, secret_key: str) -> str:
    """A keyed hash of the address typed, so failures are counted without storing it."""
    return hmac.new(secret_key.encode(), email.lower().encode(), hashlib.sha256).hexdigest()


def wait_left(key: str, now: dt.datetime) -> dt.timedelta:
    """How long before this address may try again (zero if it may now)."""
    throttle = db.session.get(SignInThrottle, key)
    if throttle is None or throttle.wait_until is None or throttle.wait_until <= now:
        return dt.timedelta(0)
    return throttle.wait_until - now


@transactional
def failed(
    key: str, now: dt.datetime, *, actor: Actor, stage: str, lock_after: int, lock: dt.timedelta
) -> dt.timedelta:
    """Count a failed attempt, log it, and return the wait before the next one may be made."""
    throttle = db.session.get(SignInThrottle, key) or SignInThrottle(key=key, failures=0)
    db.session.add(throttle)
    throttle.failures += 1
    if throttle.failures >= lock_after:
        wait = lock
    else:
        wait = DELAYS[min(throttle.failures, len(DELAYS)) - 1]
    throttle.wait_until = now + wait
    add_event(actor, "sign_in_failed", "", f"{stage}; failure {throttle.failures}")
    if throttle.failures == lock_after:
        add_event(actor, "sign_in_locked", "", f"for {int(lock.total_seconds()) // 60} minutes")
    return wait
