"""Flooding: how often one client may start chats and post turns, counted in memory only.

Flask-Limiter (with its in-memory storage from the ``limits`` package) counts and expires
the hits; we give it the key. The key is never an address: it is an HMAC of the address
under a random key made when the process starts and never written anywhere, so the counts
cannot be linked to anyone, and they vanish when their window ends or the process stops.
Each gunicorn worker counts on its own, so a client may get up to (limit × workers).

Limits suit a classroom behind one school address (30 children at once get through); see
CHAT_LIMIT_START and CHAT_LIMIT_TURNS in config.py. Staff sign-in keeps its own throttle.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request
from flask.blueprints import BlueprintSetupState
from flask_limiter import Limiter
from limits.storage import MemoryStorage

from . import database

LIMITED_STARTS = ("start",)  # each one creates a conversation
LIMITED_TURNS = ("turn", "carry_on", "send", "stop")  # every other form a child posts
SWEEP_SECONDS = 10.0


class SweptMemoryStorage(MemoryStorage):
    """The ``limits`` package's memory storage, with ended windows swept at most every
    SWEEP_SECONDS inline, instead of by a timer thread.

    MemoryStorage starts a new thread on a hit whenever the last one has finished (10 ms
    after it started), which for a chat was one thread per answer. A count whose window has
    ended is dropped when it is next read anyway; the sweep frees those of clients who do
    not come back. The hook is private to MemoryStorage (limits is pinned in the lock file);
    tests/test_limits.py checks that a hit starts no thread and that ended windows go.
    """

    STORAGE_SCHEME = ["swept-memory"]  # noqa: RUF012  (registers "swept-memory://" with limits)
    _next_sweep = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_SECONDS
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]


def client_key() -> str:
    """A keyed hash of the client's address (the address itself is never kept)."""
    address = request.remote_addr or ""
    hops = current_app.config["CHAT_LIMIT_PROXY_HOPS"]
    if hops:  # behind our own proxies: the address they saw, counted from the right
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    secret: bytes = current_app.extensions["chat_limit_key"]
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def seconds_to_wait() -> int | None:
    """After a 429: seconds until the limit that was hit lets this client in again."""
    limiter = current_app.extensions.get("chat_limiter")
    current = limiter.current_limit if limiter is not None else None
    if current is None:
        return None
    return max(1, int(float(current.reset_at) - time.time()))


def _config_value(name: str) -> Callable[[], str]:
    return lambda: str(current_app.config[name])


def _off() -> bool:
    return not current_app.config["CHAT_LIMITS_ENABLED"]


def guard_chat(state: BlueprintSetupState) -> None:
    """Hooked from the chat blueprint: every chat view retries its transaction when the
    database is away, and the forms that store something are rate-limited."""
    app = state.app
    assert isinstance(app, Flask)  # noqa: S101  (a Flask app registers our blueprint)
    app.extensions["chat_limit_key"] = secrets.token_bytes(32)
    limiter = Limiter(
        client_key,
        storage_uri="swept-memory://",
        headers_enabled=False,  # the 429 page sets Retry-After (see ``seconds_to_wait``)
        key_prefix="chat",
    )
    limiter.init_app(app)
    app.extensions["chat_limiter"] = limiter
    # Breaches would be logged with their key at INFO; keep even the hashed key out of logs.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    for endpoint, view in list(app.view_functions.items()):
        blueprint, _, name = endpoint.partition(".")
        if blueprint != state.name:
            continue
        wrapped: Callable[..., Any] = database.retrying(view)
        if name in LIMITED_STARTS + LIMITED_TURNS:
            setting = "CHAT_LIMIT_START" if name in LIMITED_STARTS else "CHAT_LIMIT_TURNS"
            wrapped = limiter.shared_limit(
                _config_value(setting), scope=setting, methods=["POST"], exempt_when=_off
            )(wrapped)
        app.view_functions[endpoint] = wrapped
