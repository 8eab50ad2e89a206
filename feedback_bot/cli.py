"""Flask commands: check conversations, make the demo consultation, purge old answers,
add staff accounts, and back up the database."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from . import clock, themes
from .config import PROJECT_ROOT
from .dao import consultations as consultation_dao
from .dao import quotes as quote_dao
from .dao import staff as staff_dao
from .dao import submissions as submission_dao
from .dialogue import registry
from .dialogue.lint import conversation_files, lint_paths
from .extensions import db
from .models import Answer, Submission
from .staff.access import ROLES
from .staff.credentials import hash_password, new_totp_secret, password_problem, totp_uri
from .staff.forms import EMAIL

DEMO_SLUG = "demo"
DEMO_CONVERSATION = "listened-to"


@click.command("lint-conversations")
@with_appcontext
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def lint_conversations(paths: tuple[Path, ...]) -> None:
    """Check conversation files (and, for the whole folder, the themes codebook); print
    file:node: message for each problem."""
    folder = Path(current_app.config["CONVERSATIONS_DIR"])
    files = list(paths) or conversation_files(folder)
    conversations, problems = lint_paths(
        files, current_app.config["READABILITY_MAX_GRADE"], PROJECT_ROOT / "translations"
    )
    if not paths:  # the whole folder: its themes codebook too, and the themes it names
        problems += themes.lint(folder / "themes.yaml", conversations)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len(files)} file(s)", err=True)
        sys.exit(1)
    click.echo(f"{len(conversations)} conversation(s) OK")


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Make sure the demo consultation exists at /c/demo, in every language its conversation
    has (harmless to run again)."""
    conversation = registry.latest(DEMO_CONVERSATION)
    if conversation is None:
        raise click.ClickException(f"no conversation {DEMO_CONVERSATION!r} to make a demo with")
    languages = [code for code in current_app.config["LANGUAGES"] if code in conversation.languages]
    existing = consultation_dao.fetch_consultation_by_slug(DEMO_SLUG)
    if existing is not None:
        if existing.languages != languages:
            consultation_dao.update_consultation(existing, None, languages=languages)
        click.echo(f"demo consultation exists: /c/{DEMO_SLUG}")
        return
    consultation_dao.save_consultation(
        slug=DEMO_SLUG,
        title="Demo: " + conversation.title,
        conversation_id=conversation.id,
        conversation_version=conversation.version,
        today=clock.today(),
        languages=languages,
    )
    click.echo(f"demo consultation created: /c/{DEMO_SLUG}")


@click.command("purge")
@with_appcontext
@click.option("--now", "now_text", help="Pretend it is this UTC time (ISO 8601), for testing.")
def purge(now_text: str | None) -> None:
    """Delete expired unsent answers and sent answers past the retention period.

    Schedule it hourly, e.g. cron: 0 * * * * cd /srv/feedback_bot && .venv/bin/flask
    --app feedback_bot purge
    """
    now = dt.datetime.fromisoformat(now_text) if now_text else clock.now()
    drafts = submission_dao.delete_expired_drafts(now)
    cutoff = now.date() - dt.timedelta(days=current_app.config["RETENTION_DAYS"])
    sent = submission_dao.delete_sent_before(cutoff)
    quotes = quote_dao.delete_before(cutoff)
    click.echo(
        f"deleted {drafts} unsent and {sent} sent conversation(s) older than {cutoff},"
        f" and {quotes} quote(s) from months begun before it"
    )


@click.command("demo-data")
@with_appcontext
@click.option("--consultation", "slug", required=True, help="The consultation's link name.")
@click.option("--conversations", "count", type=click.IntRange(1, 10_000_000), default=1000)
@click.option("--seed", type=int, default=1, help="The same seed makes the same data.")
def demo_data(slug: str, count: int, seed: int) -> None:
    """Add made-up sent conversations to a consultation, for demonstrations and benchmarks.

    Never on a real consultation: the answers are invented and would mix with children's.
    """
    from .results import demo

    consultation = consultation_dao.fetch_consultation_by_slug(slug)
    if consultation is None:
        raise click.ClickException(f"no consultation at /c/{slug}")
    conversation = registry.get(consultation.conversation_id, consultation.conversation_version)
    if conversation is None:
        raise click.ClickException(f"/c/{slug} asks a conversation this app does not have")
    started = time.perf_counter()
    rows = demo.load(
        consultation, conversation, count, seed, clock.today(), current_app.extensions["themes"]
    )
    seconds = time.perf_counter() - started
    click.echo(f"added {count} conversations ({rows} answer rows) to /c/{slug} in {seconds:.1f} s")


@click.command("create-staff")
@with_appcontext
@click.option("--email", required=True, help="Their email address; they sign in with it.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What they may do.")
def create_staff(email: str, role: str) -> None:
    """Add a staff account. The password is read from standard input, or asked for.

    Prints the account's second-factor secret once, as `totp-secret: <BASE32>`, and the
    otpauth:// address to put in an authenticator app.
    """
    email = email.strip().lower()
    if not re.match(EMAIL, email):
        raise click.BadParameter(
            "enter an email address like name@example.gov.uk", param_hint="--email"
        )
    if staff_dao.fetch_staff_by_email(email) is not None:
        raise click.ClickException(f"there is already an account for {email}")
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password, email, current_app.config["STAFF_PASSWORD_MIN_LENGTH"])
    if problem:
        raise click.ClickException(problem)
    user = staff_dao.create_staff(
        email=email,
        role=role,
        password_hash=hash_password(password),
        totp_secret=new_totp_secret(),
        today=clock.today(),
        by=None,
    )
    click.echo(f"created {user.role} account for {user.email}")
    click.echo(f"totp-secret: {user.totp_secret}")
    click.echo(totp_uri(user.email, user.totp_secret))


def _counts() -> str:
    submissions = db.session.scalar(select(func.count()).select_from(Submission))
    answers = db.session.scalar(select(func.count()).select_from(Answer))
    return f"{submissions} conversation(s), {answers} answer row(s)"


def _backup_sqlite(url: URL, target: Path) -> None:
    """SQLite's online backup: a consistent copy while the app keeps writing."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(str(url.database), timeout=30)
    copy = sqlite3.connect(partial)
    try:
        with copy:
            source.backup(copy, pages=1024)
    finally:
        copy.close()
        source.close()
    partial.replace(target)


def pg_dump_command(url: URL, target: Path) -> list[str]:
    """The pg_dump call (custom format, restore with pg_restore); the password goes in
    PGPASSWORD, never on the command line."""
    command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
    if url.host:
        command.append(f"--host={url.host}")
    if url.port:
        command.append(f"--port={url.port}")
    if url.username:
        command.append(f"--username={url.username}")
    return [*command, str(url.database)]


@click.command("backup")
@with_appcontext
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup(target: Path) -> None:
    """Write a consistent copy of the database to TARGET, while the app runs.

    SQLite: the online backup API (TARGET is an SQLite file; to restore, stop the app and
    put it in place of the database file). PostgreSQL: pg_dump in its custom format
    (restore with pg_restore), or, without pg_dump here, the exact command to run.
    """
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise click.ClickException("an in-memory database cannot be backed up")
        _backup_sqlite(url, target)
        click.echo(f"backed up {_counts()} to {target}")
        return
    if url.get_backend_name() != "postgresql":
        raise click.ClickException(f"no backup for {url.get_backend_name()} databases")
    command = pg_dump_command(url, target)
    if shutil.which("pg_dump") is None:
        shown = " ".join(shlex.quote(part) for part in command)
        password = "PGPASSWORD=<the database password> " if url.password else ""
        click.echo(f"pg_dump is not installed here; run this where it is:\n  {password}{shown}")
        sys.exit(1)
    env = {**os.environ, "PGPASSWORD": url.password or ""} if url.password else None
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise click.ClickException(f"pg_dump failed: {done.stderr.strip()}")
    click.echo(f"backed up {_counts()} to {target} (pg_dump custom format)")


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (lint_conversations, seed_demo, purge, create_staff, demo_data, backup):
        app.cli.add_command(command)
