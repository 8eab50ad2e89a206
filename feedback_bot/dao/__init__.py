"""Data access: plain functions named for what they do. Views never build queries.

Commit policy: a function that changes data commits before it returns, or rolls back and
re-raises, so a request never leaves half a change behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, TypeVar

from sqlalchemy import Select, func, select

from ..extensions import db

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class ConcurrentChange(Exception):
    """Another request changed this row first; nothing of this one was kept (rolled back)."""


def transactional(fn: Callable[P, R]) -> Callable[P, R]:
    """Commit after ``fn`` succeeds; roll back if it raises."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = fn(*args, **kwargs)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        return result

    return wrapper


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows, how many rows in all, its number and how many pages."""

    items: list[T]
    total: int
    number: int
    pages: int


def paged(query: Select[Any], number: int, per_page: int) -> Page[Any]:
    """Page ``number`` (clamped to those there are) of an ordered query."""
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // per_page))
    number = min(max(1, number), pages)
    rows = db.session.scalars(query.limit(per_page).offset((number - 1) * per_page))
    return Page(list(rows), total, number, pages)
