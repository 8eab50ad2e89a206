"""Staff fixtures: a clock tests can move, accounts, and a member of staff signing in."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from feedback_bot import clock
from feedback_bot.dao import staff as staff_dao
from feedback_bot.staff.credentials import hash_password, new_totp_secret

from ..conftest import CSRF

PASSWORD = "violet kettle harbour"
START = dt.datetime(2026, 11, 24, 10, 0, 5)


class Clock:
    """clock.now() for the app, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = START
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@dataclass
class Account:
    id: int
    email: str
    role: str
    secret: str
    password: str = PASSWORD

    def code(self, at: dt.datetime, steps: int = 0) -> str:
        """The authenticator app's code at that time (steps: 30-second steps later)."""
        return pyotp.TOTP(self.secret).at(
            at.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=30 * steps)
        )


def make_account(app: Flask, email: str, role: str, password: str = PASSWORD) -> Account:
    with app.app_context():
        secret = new_totp_secret()
        user = staff_dao.create_staff(
            email=email,
            role=role,
            password_hash=hash_password(password),
            totp_secret=secret,
            today=clock.today(),
            by=None,
        )
        return Account(user.id, user.email, role, secret, password)


@pytest.fixture
def accounts(app: Flask) -> dict[str, Account]:
    """One account per role."""
    return {
        role: make_account(app, f"{role}@example.gov.uk", role)
        for role in ("admin", "analyst", "inspector")
    }


def token(page: TestResponse) -> str:
    match = CSRF.search(page.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


class Staff:
    """A member of staff in a browser: signs in, follows forms with their tokens."""

    def __init__(self, client: FlaskClient, clock: Clock) -> None:
        self.client = client
        self.clock = clock

    def password(self, email: str, password: str) -> TestResponse:
        page = self.client.get("/staff/sign-in")
        return self.client.post(
            "/staff/sign-in", data={"csrf_token": token(page), "email": email, "password": password}
        )

    def code(self, code: str) -> TestResponse:
        page = self.client.get("/staff/sign-in/code")
        return self.client.post(
            "/staff/sign-in/code", data={"csrf_token": token(page), "code": code}
        )

    def sign_in(self, account: Account, steps: int = 0) -> TestResponse:
        first = self.password(account.email, account.password)
        assert first.status_code == 302 and first.location.endswith("/staff/sign-in/code"), (
            first.get_data(as_text=True)
        )
        return self.code(account.code(self.clock.now, steps))

    def post(self, url: str, form_page: str | None = None, **data: Any) -> TestResponse:
        """Post a form, with the CSRF token from the page it is on."""
        page = self.client.get(form_page or "/staff/")
        if page.status_code in (302, 303):  # not signed in: the sign-in page has a token too
            page = self.client.get(page.location)
        return self.client.post(url, data={"csrf_token": token(page), **data})

    def sign_out(self) -> TestResponse:
        return self.post("/staff/sign-out")


@pytest.fixture
def staff(client: FlaskClient, frozen: Clock) -> Staff:
    return Staff(client, frozen)


def errors(page: TestResponse) -> list[str]:
    """The error summary's messages, in order."""
    body = page.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', body, re.S)
    if not summary:
        return []
    items = re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]
