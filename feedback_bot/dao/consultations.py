"""Consultations: fetched by slug, created for the demo and by staff."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import bindparam, select

from ..extensions import db
from ..models import ENGLAND, OPEN, Consultation, StaffUser, Submission
from . import transactional
from .audit import add_event

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")

# Built once: every chat request runs it, and building it cost more than running it.
_BY_SLUG = select(Consultation).where(Consultation.slug == bindparam("slug"))


def fetch_consultation_by_slug(slug: str) -> Consultation | None:
    """The consultation reached at /c/<slug>; None for anything not shaped like a slug."""
    if not SLUG.match(slug):
        return None
    return db.session.scalars(_BY_SLUG, {"slug": slug}).first()


@transactional
def save_consultation(
    *,
    slug: str,
    title: str,
    conversation_id: str,
    conversation_version: int,
    today: dt.date,
    area_code: str = ENGLAND,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    setting: str | None = None,
    languages: list[str] | None = None,
    status: str = OPEN,
    by: StaffUser | None = None,
) -> Consultation:
    """Create a consultation (logged as the staff member's when one made it)."""
    consultation = Consultation(
        slug=slug,
        title=title,
        conversation_id=conversation_id,
        conversation_version=conversation_version,
        area_code=area_code,
        opens_on=opens_on,
        closes_on=closes_on,
        created_on=today,
        setting=setting,
        languages=languages or ["en"],
        status=status,
    )
    db.session.add(consultation)
    if by is not None:
        db.session.flush()
        add_event(by, "consultation_created", slug, _describe(consultation))
    return consultation


def _describe(c: Consultation) -> str:
    return (
        f"{c.conversation_id} v{c.conversation_version}; area {c.area_code}; "
        f"setting {c.setting or 'any'}; languages {','.join(c.languages)}; "
        f"{c.opens_on or 'no open date'} to {c.closes_on or 'no close date'}; {c.status}"
    )


def fetch_consultation(consultation_id: int) -> Consultation | None:
    """A consultation by id."""
    return db.session.get(Consultation, consultation_id)


def list_consultations() -> list[Consultation]:
    """Every consultation, newest first."""
    return list(db.session.scalars(select(Consultation).order_by(Consultation.id.desc())))


def has_submissions(consultation: Consultation) -> bool:
    """Whether any child has started it (then its conversation can no longer change)."""
    found = db.session.scalars(
        select(Submission.id).where(Submission.consultation_id == consultation.id).limit(1)
    ).first()
    return found is not None


@transactional
def update_consultation(consultation: Consultation, by: StaffUser | None, **fields: object) -> None:
    """Change its settings; the log keeps what it was set to."""
    for name, value in fields.items():
        setattr(consultation, name, value)
    add_event(by, "consultation_changed", consultation.slug, _describe(consultation))


@transactional
def set_status(consultation: Consultation, status: str, by: StaffUser) -> None:
    """Open it to children, or close it before its close date."""
    consultation.status = status
    add_event(
        by, "consultation_opened" if status == OPEN else "consultation_closed", consultation.slug
    )


@transactional
def save_we_did(consultation: Consultation, draft: str, publish: bool, by: StaffUser) -> None:
    """Keep an analyst's "what we are doing about it" text, and publish it if asked."""
    consultation.we_did_draft = draft
    if publish:
        consultation.we_did = draft
    add_event(by, "we_did_published" if publish else "we_did_saved", consultation.slug)


@transactional
def unpublish_we_did(consultation: Consultation, by: StaffUser) -> None:
    """Take the text off the "You said" page (the draft stays)."""
    consultation.we_did = None
    add_event(by, "we_did_unpublished", consultation.slug)
