"""The children's side: a conversation at /c/<slug>, help, and a quick exit."""

from __future__ import annotations

from flask import Blueprint

from ..limits import guard_chat

bp = Blueprint("chat", __name__)

from . import pages, views, you_said  # noqa: E402,F401  (routes register on import)

# After the routes: wraps each view with database retries, and the forms with rate limits.
bp.record_once(guard_chat)
