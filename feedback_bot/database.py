"""The database going away: retry a request's transaction with back-off, then a kind 503.

Every chat view runs as one transaction (see ``dao.transactional``), so running a view
again after a connection error before its commit is safe. After an error *during* the
commit the outcome is unknown; running it again is still safe because turns and sending
are idempotent (a replayed turn is recognised, a second send changes nothing).
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .dao import ConcurrentChange
from .extensions import db

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def unavailable(error: BaseException) -> bool:
    """Whether an error means "the database cannot be reached or is locked just now"."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, OperationalError | InterfaceError | PoolTimeout)


def _reset_session() -> None:
    """Forget the failed transaction; the next attempt checks out a fresh connection."""
    try:
        db.session.remove()
    except SQLAlchemyError:  # the connection may be gone; the pool replaces it
        log.debug("session reset after a database error failed", exc_info=False)


def retrying(view: Callable[P, R]) -> Callable[P, R]:
    """Run a view again when the database was unreachable or two requests of one child
    raced; a bounded number of times, with jittered exponential back-off."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        attempts = max(1, int(current_app.config["DB_RETRY_ATTEMPTS"]))
        backoff = current_app.config["DB_RETRY_BACKOFF_MS"] / 1000
        for attempt in range(1, attempts + 1):
            try:
                return view(*args, **kwargs)
            except ConcurrentChange:
                # Another request of this child changed the chat first: look again at once.
                _reset_session()
                if attempt == attempts:
                    raise
            except SQLAlchemyError as error:
                if not unavailable(error) or attempt == attempts:
                    raise
                log.warning("database unavailable (%s); attempt %d", type(error).__name__, attempt)
                _reset_session()
                time.sleep(backoff * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))  # noqa: S311
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


def _busy_timeout(milliseconds: int) -> Callable[[Any, Any], None]:
    def set_timeout(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(milliseconds)}")
        cursor.close()

    return set_timeout


def init_app(app: Flask) -> None:
    """SQLite: how long a writer waits for another one's lock (SQLITE_BUSY_TIMEOUT_MS)."""
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        return
    with app.app_context():
        event.listen(db.engine, "connect", _busy_timeout(app.config["SQLITE_BUSY_TIMEOUT_MS"]))
