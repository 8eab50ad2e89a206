"""Consultations: fetched by slug, created for the demo and by staff."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from ..extensions import db
from ..models import ENGLAND, Consultation
from . import transactional

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")


def fetch_consultation_by_slug(slug: str) -> Consultation | None:
    """The consultation reached at /c/<slug>; None for anything not shaped like a slug."""
    if not SLUG.match(slug):
        return None
    return db.session.scalars(select(Consultation).where(Consultation.slug == slug)).first()


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
) -> Consultation:
    """Create a consultation."""
    consultation = Consultation(
        slug=slug,
        title=title,
        conversation_id=conversation_id,
        conversation_version=conversation_version,
        area_code=area_code,
        opens_on=opens_on,
        closes_on=closes_on,
        created_on=today,
    )
    db.session.add(consultation)
    return consultation
