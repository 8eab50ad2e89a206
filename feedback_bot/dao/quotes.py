"""Quotes: children's cleaned free text, waiting for moderation or moderated.

A decision names the version the analyst saw. It is applied with one guarded UPDATE, so
when two analysts decide on the same quote at once, the second one changes nothing and is
told what happened instead.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import String, Table, cast, delete, func, insert, select, update

from ..extensions import db
from ..models import APPROVED, PENDING, REJECTED, Quote
from . import Page, audit, paged, transactional

STATUSES: Final = (PENDING, APPROVED, REJECTED)
QUOTES: Table = Quote.__table__
REMOVED: Final = "[removed]"


@dataclass(frozen=True)
class NewQuote:
    """A free-text answer of a conversation being sent, already scrubbed and tagged."""

    node_id: str
    text: str
    themes: frozenset[str]


class AlreadyDecided(Exception):
    """Someone else decided on this quote since the analyst opened it."""

    def __init__(self, quote: Quote | None) -> None:
        super().__init__("the quote changed since it was opened")
        self.quote = quote


def add(consultation_id: int, month: dt.date, help_shown: bool, found: Iterable[NewQuote]) -> None:
    """Queue a sent conversation's free text (in the caller's transaction)."""
    rows = [
        {
            "consultation_id": consultation_id,
            "node_id": item.node_id,
            "text": item.text,
            "themes": sorted(item.themes),
            "help_shown": help_shown,
            "month": month.replace(day=1),
            "status": PENDING,
            "version": 1,
        }
        for item in found
        if item.text.strip()
    ]
    if rows:  # on the table: nothing reads them back in this transaction
        db.session.execute(insert(QUOTES), rows)


def fetch(quote_id: int) -> Quote | None:
    return db.session.get(Quote, quote_id)


def queue(
    status: str,
    consultation_id: int | None = None,
    theme: str | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Page[Quote]:
    """Quotes of one status, newest first, optionally of one consultation or theme."""
    where = [Quote.status == status]
    if consultation_id is not None:
        where.append(Quote.consultation_id == consultation_id)
    if theme is not None:  # theme ids are [a-z0-9_] words: safe inside the JSON text
        where.append(cast(Quote.themes, String).like(f'%"{theme}"%'))
    return paged(select(Quote).where(*where).order_by(Quote.id.desc()), page, per_page)


def counts(consultation_id: int | None = None) -> dict[str, int]:
    """How many quotes there are of each status."""
    query = select(Quote.status, func.count()).group_by(Quote.status)
    if consultation_id is not None:
        query = query.where(Quote.consultation_id == consultation_id)
    found: dict[str, int] = {status: 0 for status in STATUSES}
    found.update({status: n for status, n in db.session.execute(query).all()})
    return found


@transactional
def decide(
    quote_id: int, seen_version: int, actor: audit.Actor, decision: str, **changes: Any
) -> Quote:
    """Apply one decision to the version of the quote the analyst saw, audit-logged in the
    same transaction, or raise AlreadyDecided (nothing changed) if it has moved on since."""
    result = db.session.execute(
        update(Quote)
        .where(Quote.id == quote_id, Quote.version == seen_version)
        .values(version=Quote.version + 1, **changes)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise AlreadyDecided(fetch(quote_id))
    audit.add_event(actor, "moderation", f"quote {quote_id}", decision)
    quote = db.session.get(Quote, quote_id, populate_existing=True)
    if quote is None:  # deleted by the retention purge in between
        raise AlreadyDecided(None)
    return quote


def redacted(text: str, phrase: str) -> str | None:
    """The text with every occurrence of the phrase (any case) replaced by [removed], or
    None when the phrase is not in it."""
    changed, found = re.subn(re.escape(phrase.strip()), REMOVED, text, flags=re.IGNORECASE)
    return changed if found and phrase.strip() else None


def approved(
    consultation_ids: Sequence[int], theme_ids: Sequence[str], per_theme: int, seed: int
) -> dict[str, list[str]]:
    """Up to ``per_theme`` approved quotes for each theme, picked and ordered at random
    (a fresh seed per page view); no quote, and no same words, shown twice on one page."""
    found: dict[str, list[str]] = {theme: [] for theme in theme_ids}
    if not consultation_ids:
        return found
    rows = list(
        db.session.execute(
            select(Quote.text, Quote.themes).where(
                Quote.status == APPROVED, Quote.consultation_id.in_(consultation_ids)
            )
        ).all()
    )
    shuffler = random.Random(seed)  # noqa: S311  (an order, not a secret)
    shuffler.shuffle(rows)
    said: set[str] = set()  # the same words twice on one page add nothing
    for theme in theme_ids:
        for text, themes in rows:
            words = " ".join(text.casefold().split())
            if len(found[theme]) < per_theme and theme in themes and words not in said:
                found[theme].append(text)
                said.add(words)
    return found


@transactional
def delete_before(cutoff: dt.date) -> int:
    """Delete every quote whose month began before the cut-off (retention; never late)."""
    result = db.session.execute(delete(Quote).where(Quote.month < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
