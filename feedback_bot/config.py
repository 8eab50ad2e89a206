"""Settings from the environment, with safe defaults.

Nothing here runs at import time: ``load_config`` is called by the app factory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105  (refused in production below)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The app must not start with this configuration."""


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def load_config(instance_path: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config from environment variables."""
    env = dict(os.environ if env is None else env)
    app_env = env.get("APP_ENV", "development")
    production = app_env == "production"
    secret_key = env.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    if production and secret_key == DEFAULT_SECRET_KEY:
        raise ConfigError("APP_ENV=production needs a SECRET_KEY of its own; refusing to start.")
    database_url = env.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'feedback_bot.db'}"
    return {
        "APP_ENV": app_env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: a database error must never put a child's words in a log.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "CONVERSATIONS_DIR": env.get("CONVERSATIONS_DIR", str(PROJECT_ROOT / "conversations")),
        # Reading level: Flesch-Kincaid grade (US school grade); 5 suits a 10 year old.
        "READABILITY_MAX_GRADE": float(env.get("READABILITY_MAX_GRADE", "5")),
        # Unsent answers are deleted this many hours after the chat started.
        "UNSENT_EXPIRY_HOURS": _int(env, "UNSENT_EXPIRY_HOURS", 24),
        # Sent answers are deleted after this many days (two years by default).
        "RETENTION_DAYS": _int(env, "RETENTION_DAYS", 730),
        "EXIT_URL": env.get("EXIT_URL", "https://www.bbc.co.uk/weather"),
        # The child's cookie holds only a random token; no Expires, so it dies with the browser.
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": _int(env, "SESSION_IDLE_MINUTES", 30) * 60,
        # The CSRF token lives as long as the session, so a slow child is not thrown out.
        "WTF_CSRF_TIME_LIMIT": None,
        # Request bodies: a larger one gets the friendly 413 page.
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "MAX_FORM_MEMORY_SIZE": 64 * 1024,
        # The database going away: each chat request's transaction is tried this many times,
        # waiting about 0.2, 0.4, ... s between, then the child sees "please try again" (503).
        "DB_RETRY_ATTEMPTS": _int(env, "DB_RETRY_ATTEMPTS", 3),
        "DB_RETRY_BACKOFF_MS": _int(env, "DB_RETRY_BACKOFF_MS", 200),
        "RETRY_AFTER_SECONDS": _int(env, "RETRY_AFTER_SECONDS", 5),
        # How long an SQLite writer waits for another writer's lock before giving up.
        "SQLITE_BUSY_TIMEOUT_MS": _int(env, "SQLITE_BUSY_TIMEOUT_MS", 5000),
        # Flooding, per client address (kept only as a keyed hash, in memory, per worker).
        # A class of 30 behind one school address must get through: 60 starts in 10 minutes,
        # and 600 answers a minute (20 each).
        "CHAT_LIMITS_ENABLED": env.get("CHAT_LIMITS", "on") != "off",
        "CHAT_LIMIT_START": env.get("CHAT_LIMIT_START", "60 per 10 minutes; 600 per day"),
        "CHAT_LIMIT_TURNS": env.get("CHAT_LIMIT_TURNS", "600 per minute"),
        # Behind your own reverse proxies: how many of them (they set X-Forwarded-For).
        "CHAT_LIMIT_PROXY_HOPS": _int(env, "CHAT_LIMIT_PROXY_HOPS", 0),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        # Every language with a catalogue; each consultation offers some of them.
        "LANGUAGES": ["en", "cy", "pl", "ur", "ar", "ro", "bn", "so"],
        # Staff sign-in: password length, sessions, and throttling of failed attempts.
        "STAFF_PASSWORD_MIN_LENGTH": _int(env, "STAFF_PASSWORD_MIN_LENGTH", 12),
        "STAFF_IDLE_MINUTES": _int(env, "STAFF_IDLE_MINUTES", 30),
        "STAFF_MAX_HOURS": _int(env, "STAFF_MAX_HOURS", 8),
        "SIGN_IN_LOCK_AFTER": _int(env, "SIGN_IN_LOCK_AFTER", 6),
        "SIGN_IN_LOCK_MINUTES": _int(env, "SIGN_IN_LOCK_MINUTES", 15),
        "STRICT_TEMPLATES": not production,
    }
