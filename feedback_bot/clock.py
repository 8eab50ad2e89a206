"""The only place the app reads the time, so tests can move it and nothing stores more than it needs."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current UTC time, without a time zone (as stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """Today's date in UTC: the only time a sent answer carries."""
    return now().date()


def to_the_hour(moment: dt.datetime) -> dt.datetime:
    """Round up to the next whole hour, so an expiry time says little about when a chat began."""
    floor = moment.replace(minute=0, second=0, microsecond=0)
    return floor if floor == moment else floor + dt.timedelta(hours=1)
