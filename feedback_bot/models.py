"""What is stored. Every column is listed, with its reason, in docs/privacy.md.

Nothing here can identify a child: no IP address, user agent, name or time of day.
Staff accounts and the audit log are about staff, never about children.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

ENGLAND = "E92000001"
DRAFT, OPEN, CLOSED = "draft", "open", "closed"
# Which children a consultation is for (empty: any child).
SETTINGS = {
    "in_care": "Children in care",
    "child_protection": "Child protection",
    "children_in_need": "Children in need",
    "early_help": "Early help",
    "care_leavers": "Care leavers",
}


class Consultation(db.Model):  # type: ignore[name-defined,misc]
    """A published run of one conversation version, for one area, reached at /c/<slug>."""

    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    conversation_id: Mapped[str] = mapped_column(String(64))
    conversation_version: Mapped[int] = mapped_column(Integer)
    area_code: Mapped[str] = mapped_column(String(9), default=ENGLAND)
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    created_on: Mapped[dt.date] = mapped_column(Date)
    # Who it is for: one of SETTINGS in staff/forms.py, or empty for every child.
    setting: Mapped[str | None] = mapped_column(String(32))
    # Language codes offered to children, English first.
    languages: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: ["en"], server_default='["en"]'
    )
    # draft (children see "not open yet"), open, or closed (by an analyst, before its date).
    status: Mapped[str] = mapped_column(String(16), default=OPEN, server_default=OPEN)
    # "What we are doing about it", written by analysts for the public "You said" page:
    # the draft they are working on, and the text children see (None: not published).
    we_did_draft: Mapped[str | None] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)

    def is_open(self, today: dt.date) -> bool:
        """Whether new conversations may start today."""
        if self.status != OPEN or (self.opens_on and today < self.opens_on):
            return False
        return not (self.closes_on and today > self.closes_on)

    def not_yet_open(self, today: dt.date) -> bool:
        """Whether it is still to come (rather than over)."""
        return self.status == DRAFT or bool(self.opens_on and today < self.opens_on)


class Submission(db.Model):  # type: ignore[name-defined,misc]
    """One child's answers to one consultation, anonymous from the start."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)  # 256 random bits
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"))
    conversation_id: Mapped[str] = mapped_column(String(64))
    conversation_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    age_band: Mapped[str | None] = mapped_column(String(16))
    started_on: Mapped[dt.date] = mapped_column(Date)
    sent_on: Mapped[dt.date | None] = mapped_column(Date)
    # Unsent answers only: when they are deleted (to the hour); cleared on sending.
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The node ids the child has passed through, as JSON; the last is where they are.
    trail: Mapped[str] = mapped_column(Text)
    # The help screen was shown because of worrying words or answers. Never what matched.
    help_shown: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The help screen is due before the next question. Kept here, not in the cookie,
    # which anyone holding the phone could read.
    help_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    answers: Mapped[list[Answer]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_submissions_consultation_sent", "consultation_id", "sent_on"),
        Index("ix_submissions_expires_at", "expires_at"),
    )


class Answer(db.Model):  # type: ignore[name-defined,misc]
    """One option picked, a piece of cleaned free text, or a skip, for one question."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    node_id: Mapped[str] = mapped_column(String(64))
    option_code: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)  # scrubbed of personal data before storing
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)

    submission: Mapped[Submission] = relationship(back_populates="answers")


PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class Quote(db.Model):  # type: ignore[name-defined,misc]
    """One piece of a sent conversation's cleaned free text, waiting for an analyst, or
    moderated. It is a copy, not linked to the conversation: no age band, language or day
    travels with it, so an approved quote cannot be joined back to the child's answers."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_queue", "status", "consultation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"))
    node_id: Mapped[str] = mapped_column(String(64))  # the question it answers
    text: Mapped[str] = mapped_column(Text)  # scrubbed on the way in; redactions applied
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)  # tagged, then confirmed
    help_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    month: Mapped[dt.date] = mapped_column(Date)  # first day of the month it was sent
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    # Bumped by every decision, so two analysts cannot both decide on the same version.
    version: Mapped[int] = mapped_column(Integer, default=1)


class StaffUser(db.Model):  # type: ignore[name-defined,misc]
    """A member of staff: admin, CRD analyst or inspector."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    totp_secret: Mapped[str] = mapped_column(String(64))
    # The last TOTP time step accepted, so each code works once.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Raised to end every session of this account (disable, second factor reset).
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_on: Mapped[dt.date] = mapped_column(Date)


class SignInThrottle(db.Model):  # type: ignore[name-defined,misc]
    """Failed sign-ins for one email address, known or not, keyed by a keyed hash of it."""

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    wait_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEvent(db.Model):  # type: ignore[name-defined,misc]
    """Who did what, when, in the staff area. Append-only: nothing updates or deletes it."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor: Mapped[str] = mapped_column(String(254))  # the email then, or "unknown account"
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(String(254), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class Tally(db.Model):  # type: ignore[name-defined,misc]
    """Counts kept up to date as children start, stop and send: what results are read from.

    Aggregate only: a count per consultation, measure, question, answer, age band, language
    and month. ``measure`` is one of MEASURES in dao/tallies.py.
    """

    __tablename__ = "tallies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"))
    measure: Mapped[str] = mapped_column(String(16))
    node_id: Mapped[str] = mapped_column(String(64), default="")
    option_code: Mapped[str] = mapped_column(String(64), default="")
    age_band: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    month: Mapped[dt.date] = mapped_column(Date)  # the first day of the month
    count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint(
            "consultation_id", "measure", "node_id", "option_code", "age_band", "language", "month"
        ),
    )
