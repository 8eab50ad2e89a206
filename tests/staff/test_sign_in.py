"""Signing in: password then TOTP code, throttling, single-use codes, session limits."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from feedback_bot.dao import staff as staff_dao
from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent

from .conftest import Account, Staff, errors

WRONG = "Enter a correct email address and password."


def events(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            (e.actor, e.action)
            for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_password_then_code_signs_in_and_is_logged(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"]
    first = staff.password(admin.email.upper(), admin.password)  # any case
    assert first.status_code == 302
    assert staff.client.get("/staff/").status_code == 302, "not in before the code"
    assert staff.code(admin.code(staff.clock.now)).status_code == 302
    home = staff.client.get("/staff/")
    assert home.status_code == 200
    assert "admin@example.gov.uk" in home.get_data(as_text=True)
    assert ("admin@example.gov.uk", "sign_in") in events(app)


def test_the_error_never_says_whether_the_address_exists(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    known = staff.password("admin@example.gov.uk", "not the password at all")
    unknown = staff.password("nobody@example.gov.uk", "not the password at all")
    assert errors(known) == errors(unknown) == [WRONG]
    assert known.status_code == unknown.status_code == 200
    logged = events(app)
    assert ("admin@example.gov.uk", "sign_in_failed") in logged
    assert ("unknown account", "sign_in_failed") in logged
    assert not any("nobody" in actor for actor, _ in logged), "typed addresses are not kept"


def test_what_was_typed_is_kept_except_the_password(staff: Staff) -> None:
    page = staff.password("someone@example.gov.uk", "wrong password here")
    body = page.get_data(as_text=True)
    assert 'value="someone@example.gov.uk"' in body
    assert "wrong password here" not in body


def test_empty_fields_say_what_to_fill_in(staff: Staff) -> None:
    assert errors(staff.password("", "")) == ["Enter your email address", "Enter your password"]


@pytest.mark.parametrize("email", ["admin@example.gov.uk", "nobody@example.gov.uk"])
def test_failures_slow_down_then_lock_for_known_and_unknown_addresses(
    staff: Staff, accounts: dict[str, Account], email: str
) -> None:
    """Same treatment for both, so the lock does not reveal which addresses exist."""
    for _ in range(2):
        assert errors(staff.password(email, "wrong wrong wrong")) == [WRONG]
    third = errors(staff.password(email, "wrong wrong wrong"))
    assert third == [f"{WRONG} Too many attempts. Try again in 5 seconds."]
    # While waiting, even the right password is not checked.
    right = staff.password(email, accounts["admin"].password)
    assert right.status_code == 200 and "Too many attempts" in errors(right)[0]
    staff.clock.advance(seconds=5)
    staff.password(email, "wrong wrong wrong")  # 4th: 15 s
    staff.clock.advance(seconds=15)
    staff.password(email, "wrong wrong wrong")  # 5th: 45 s
    staff.clock.advance(seconds=45)
    sixth = errors(staff.password(email, "wrong wrong wrong"))
    assert sixth == [f"{WRONG} Too many attempts. Try again in 15 minutes."]
    staff.clock.advance(minutes=14)
    assert "Too many attempts" in errors(staff.password(email, accounts["admin"].password))[0]
    staff.clock.advance(minutes=1, seconds=1)
    if email == "admin@example.gov.uk":
        assert staff.sign_in(accounts["admin"]).status_code == 302
        assert staff.client.get("/staff/").status_code == 200


def test_a_lock_is_logged_once(app: Flask, staff: Staff, accounts: dict[str, Account]) -> None:
    for _ in range(6):
        staff.password("admin@example.gov.uk", "wrong wrong wrong")
        staff.clock.advance(minutes=1)
    assert events(app).count(("admin@example.gov.uk", "sign_in_locked")) == 1


def test_a_code_works_once(app: Flask, staff: Staff, accounts: dict[str, Account]) -> None:
    analyst = accounts["analyst"]
    code = analyst.code(staff.clock.now)
    assert staff.sign_in(analyst).status_code == 302
    staff.sign_out()
    staff.clock.advance(seconds=10)  # same 30-second step, same code
    staff.password(analyst.email, analyst.password)
    replay = staff.code(code)
    assert replay.status_code == 200
    assert errors(replay) == [
        "That code is not right, or has been used already. Wait for a new code."
    ]
    staff.clock.advance(seconds=30)
    assert staff.code(analyst.code(staff.clock.now)).status_code == 302


@pytest.mark.parametrize(("steps", "accepted"), [(-2, False), (-1, True), (1, True), (2, False)])
def test_one_step_of_clock_drift_is_allowed(
    staff: Staff, accounts: dict[str, Account], steps: int, accepted: bool
) -> None:
    response = staff.sign_in(accounts["inspector"], steps=steps)
    assert (response.status_code == 302) is accepted


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5x", "１２３４５６"])
def test_malformed_codes_get_a_clear_message(
    staff: Staff, accounts: dict[str, Account], code: str
) -> None:
    staff.password(accounts["admin"].email, accounts["admin"].password)
    page = staff.code(code)
    assert page.status_code == 200
    assert errors(page)


def test_code_attempts_are_throttled_too(staff: Staff, accounts: dict[str, Account]) -> None:
    admin = accounts["admin"]
    staff.password(admin.email, admin.password)
    for _ in range(6):
        staff.code("000000")
        staff.clock.advance(seconds=50)
    page = staff.code(admin.code(staff.clock.now))
    assert "Too many attempts" in errors(page)[0]


def test_the_code_step_expires(staff: Staff, accounts: dict[str, Account]) -> None:
    admin = accounts["admin"]
    staff.password(admin.email, admin.password)
    staff.clock.advance(minutes=6)
    assert staff.client.get("/staff/sign-in/code").status_code == 302


def test_sessions_end_after_30_idle_minutes(staff: Staff, accounts: dict[str, Account]) -> None:
    staff.sign_in(accounts["admin"])
    staff.clock.advance(minutes=29)
    assert staff.client.get("/staff/").status_code == 200
    staff.clock.advance(minutes=29)  # active: the idle time starts again
    assert staff.client.get("/staff/").status_code == 200
    staff.clock.advance(minutes=31)
    gone = staff.client.get("/staff/")
    assert gone.status_code == 302 and "why=expired" in gone.location


def test_sessions_end_after_8_hours_however_busy(
    staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["admin"])
    for _ in range(16):
        staff.clock.advance(minutes=29)
        assert staff.client.get("/staff/").status_code == 200
    staff.clock.advance(minutes=20)  # 8 h 4 min
    assert staff.client.get("/staff/").status_code == 302


def test_sign_out_ends_the_session_and_clears_the_browser(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["admin"])
    response = staff.sign_out()
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert staff.client.get("/staff/").status_code == 302
    assert ("admin@example.gov.uk", "sign_out") in events(app)


def test_sign_out_needs_the_form_token(staff: Staff, accounts: dict[str, Account]) -> None:
    staff.sign_in(accounts["admin"])
    assert staff.client.post("/staff/sign-out").status_code == 400
    assert staff.client.get("/staff/").status_code == 200


def test_disabling_an_account_ends_its_sessions(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["inspector"])
    with app.app_context():
        user = staff_dao.fetch_staff(accounts["inspector"].id)
        assert user is not None
        staff_dao.set_active(user, False, by=None)
    assert staff.client.get("/staff/").status_code == 302
    page = staff.password(accounts["inspector"].email, accounts["inspector"].password)
    assert errors(page) == [WRONG]


def test_the_cookie_is_new_after_signing_in(staff: Staff, accounts: dict[str, Account]) -> None:
    staff.client.get("/staff/sign-in")
    before = staff.client.get_cookie("session")
    staff.sign_in(accounts["admin"])
    after = staff.client.get_cookie("session")
    assert before is not None and after is not None and before.value != after.value
