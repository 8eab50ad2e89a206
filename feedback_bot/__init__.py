"""feedback_bot: a friendly, anonymous chat that asks children about the help they get."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from . import cli, database, errors, i18n, logs, security
from .config import PROJECT_ROOT, load_config
from .dialogue import registry
from .extensions import csrf, db, migrate


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, conversations, blueprints and commands."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)  # the SQLite file lives here
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["STRICT_TEMPLATES"]:
        app.jinja_env.undefined = StrictUndefined
    app.jinja_env.autoescape = True

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    i18n.init_app(app)
    registry.init_app(app)
    security.init_app(app)
    logs.init_app(app)
    errors.init_app(app)
    cli.init_app(app)

    from .chat import bp as chat_bp
    from .staff import bp as staff_bp

    app.register_blueprint(chat_bp)
    app.register_blueprint(staff_bp)
    return app
