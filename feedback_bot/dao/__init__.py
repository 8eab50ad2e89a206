"""Data access: plain functions named for what they do. Views never build queries.

Commit policy: a function that changes data commits before it returns, or rolls back and
re-raises, so a request never leaves half a change behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from ..extensions import db

P = ParamSpec("P")
R = TypeVar("R")


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
