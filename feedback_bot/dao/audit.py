"""The audit log: who did what, when. Written in the same transaction as the change it records.

Nothing here edits or deletes an event; there is no route that could.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..models import AuditEvent, StaffUser
from . import Page, paged, transactional

UNKNOWN = "unknown account"
COMMAND_LINE = "command line"
PAGE_SIZE = 50


Actor = StaffUser | str | None  # a signed-in person; UNKNOWN; None for the command line


def add_event(actor: Actor, action: str, target: str = "", detail: str = "") -> None:
    """Stage an event in the current transaction (the caller commits, with its change)."""
    if isinstance(actor, StaffUser):
        actor_id, name = actor.id, actor.email
    else:
        actor_id, name = None, actor or COMMAND_LINE
    db.session.add(
        AuditEvent(
            at=clock.now().replace(microsecond=0),
            actor_id=actor_id,
            actor=name,
            action=action,
            target=target[:254],
            detail=detail[:2000],
        )
    )


@transactional
def record(actor: Actor, action: str, target: str = "", detail: str = "") -> None:
    """Record an event on its own: sign-in failures, refusals, exports."""
    add_event(actor, action, target, detail)


def fetch_events(
    *,
    action: str | None = None,
    actor: str | None = None,
    on: dt.date | None = None,
    page: int = 1,
) -> Page[AuditEvent]:
    """Events matching every filter given, newest first, PAGE_SIZE a page."""
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor == actor.lower())
    if on:
        start = dt.datetime.combine(on, dt.time())
        query = query.where(AuditEvent.at >= start, AuditEvent.at < start + dt.timedelta(days=1))
    return paged(query.order_by(AuditEvent.id.desc()), page, PAGE_SIZE)


def fetch_actions() -> list[str]:
    """Every action that appears in the log, for the filter."""
    return list(
        db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )
