"""Admins manage accounts; the command line makes the first one; the audit log keeps it all."""

from __future__ import annotations

import re

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import select

from feedback_bot.dao import staff as staff_dao
from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent, StaffUser

from .conftest import PASSWORD, Account, Clock, Staff, errors, make_account


def new_account(staff: Staff, **data: str) -> tuple[int, str]:
    page = staff.post("/staff/accounts/new", "/staff/accounts/new", **data)
    return page.status_code, page.get_data(as_text=True)


def test_an_admin_adds_an_analyst_who_can_then_sign_in(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["admin"])
    status, body = new_account(
        staff, email="Analyst.Two@example.gov.uk", role="analyst", password="plum orchard lantern"
    )
    assert status == 200
    secret = re.search(r'<p class="secret"><code>([A-Z2-7]{32})</code>', body)
    assert secret and "<svg" in body and "otpauth://totp/" in body
    staff.sign_out()
    new = Account(
        0, "analyst.two@example.gov.uk", "analyst", secret.group(1), "plum orchard lantern"
    )
    staff.clock.advance(seconds=30)
    assert staff.sign_in(new).status_code == 302
    assert staff.client.get("/staff/consultations").status_code == 200
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "account_created")
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event is not None
        assert (event.actor, event.target, event.detail) == (
            "admin@example.gov.uk",
            "analyst.two@example.gov.uk",
            "role analyst",
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "role": "analyst", "password": PASSWORD}, "Enter an email address"),
        (
            {"email": "not-an-email", "role": "analyst", "password": PASSWORD},
            "Enter an email address like name@example.gov.uk",
        ),
        (
            {"email": "a" * 250 + "@x.uk", "role": "analyst", "password": PASSWORD},
            "Email address must be 254 characters or fewer",
        ),
        ({"email": "new@example.gov.uk", "role": "", "password": PASSWORD}, "Choose a role"),
        (
            {"email": "new@example.gov.uk", "role": "superuser", "password": PASSWORD},
            "Not a valid choice.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "short"},
            "Use at least 12 characters. A few random words work well.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "Password2026!"},
            "This password is too easy to guess. Choose a less common one.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "liverpool123456"},
            "This password is too easy to guess. Choose a less common one.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "123456789012"},
            "This password is too easy to guess. Choose a less common one.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "aaaaaaaaaaaaaaa"},
            "This password is too easy to guess. Choose a less common one.",
        ),
        (
            {
                "email": "newperson@example.gov.uk",
                "role": "analyst",
                "password": "newperson is here",
            },
            "Do not use your email address in your password.",
        ),
        (
            {"email": "new@example.gov.uk", "role": "analyst", "password": "x" * 257},
            "Use 256 characters or fewer.",
        ),
        (
            {"email": "admin@example.gov.uk", "role": "analyst", "password": PASSWORD},
            "There is already an account with this email address",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(
    app: Flask, staff: Staff, accounts: dict[str, Account], data: dict[str, str], message: str
) -> None:
    staff.sign_in(accounts["admin"])
    status, body = new_account(staff, **data)
    assert status == 200
    assert message in body, body
    assert '<p class="field-error"' in body
    if data["email"] and len(data["email"]) < 200:
        assert f'value="{data["email"]}"' in body
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(StaffUser)) == 3


def test_disable_and_re_enable(app: Flask, staff: Staff, accounts: dict[str, Account]) -> None:
    inspector = accounts["inspector"]
    staff.sign_in(accounts["admin"])
    assert staff.post(f"/staff/accounts/{inspector.id}/disable").status_code == 303
    listing = staff.client.get("/staff/accounts").get_data(as_text=True)
    assert "is disabled and has been signed out" in listing and "Disabled" in listing
    assert staff.post(f"/staff/accounts/{inspector.id}/enable").status_code == 303
    with app.app_context():
        user = staff_dao.fetch_staff(inspector.id)
        assert user is not None and user.active
        actions = list(
            db.session.scalars(
                select(AuditEvent.action).where(AuditEvent.target == inspector.email)
            )
        )
    assert actions == ["account_created", "account_disabled", "account_enabled"]


def test_an_admin_cannot_lock_themselves_out(staff: Staff, accounts: dict[str, Account]) -> None:
    staff.sign_in(accounts["admin"])
    staff.post(f"/staff/accounts/{accounts['admin'].id}/disable")
    assert "You cannot disable your own account." in staff.client.get("/staff/accounts").get_data(
        as_text=True
    )
    assert staff.client.get("/staff/").status_code == 200


def test_resetting_a_second_factor_replaces_it_and_ends_sessions(
    app: Flask, staff: Staff, accounts: dict[str, Account], frozen: Clock
) -> None:
    analyst = accounts["analyst"]
    staff.sign_in(accounts["admin"])
    body = staff.post(f"/staff/accounts/{analyst.id}/second-factor").get_data(as_text=True)
    secret = re.search(r'<p class="secret"><code>([A-Z2-7]{32})</code>', body)
    assert secret and secret.group(1) != analyst.secret
    staff.sign_out()
    staff.password(analyst.email, analyst.password)
    assert staff.code(analyst.code(frozen.now)).status_code == 200, "the old seed no longer works"
    analyst.secret = secret.group(1)
    frozen.advance(seconds=30)
    assert staff.code(analyst.code(frozen.now)).status_code == 302


def test_unknown_account_ids_are_404(staff: Staff, accounts: dict[str, Account]) -> None:
    staff.sign_in(accounts["admin"])
    assert staff.post("/staff/accounts/9999/disable").status_code == 404
    assert staff.client.get("/staff/accounts/abc/disable").status_code == 404


def test_the_audit_log_filters_and_has_no_way_to_change_it(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.password("admin@example.gov.uk", "wrong wrong wrong")
    staff.clock.advance(seconds=1)
    staff.sign_in(accounts["admin"])
    page = staff.client.get("/staff/audit?action=sign_in_failed").get_data(as_text=True)
    assert "<td>sign_in_failed</td>" in page and "<td>account_created</td>" not in page
    day = staff.clock.now.date().isoformat()
    assert "1 event." in staff.client.get(f"/staff/audit?action=sign_in&on={day}").get_data(
        as_text=True
    )
    assert "0 events." in staff.client.get("/staff/audit?on=2020-01-01").get_data(as_text=True)
    bad = staff.client.get("/staff/audit?on=yesterday&action=nonsense&page=-3")
    assert bad.status_code == 200 and errors(bad)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.audit")]
    assert [sorted(r.methods or ()) for r in rules] == [["GET", "HEAD", "OPTIONS"]]


# --- the command line ---------------------------------------------------------------------


def _create(app: Flask, *args: str, password: str = PASSWORD) -> Result:
    return app.test_cli_runner().invoke(args=["create-staff", *args], input=password + "\n")


def test_create_staff_prints_the_second_factor_once(app: Flask, staff: Staff) -> None:
    result = _create(app, "--email", "First.Admin@example.gov.uk", "--role", "admin")
    assert result.exit_code == 0, result.output
    secret = re.search(r"^totp-secret: ([A-Z2-7]{32})$", result.output, re.M)
    assert secret, result.output
    assert (
        f"otpauth://totp/feedback_bot:first.admin%40example.gov.uk?secret={secret.group(1)}"
        in result.output
    )
    account = Account(0, "first.admin@example.gov.uk", "admin", secret.group(1))
    assert staff.sign_in(account).status_code == 302
    assert staff.client.get("/staff/accounts").status_code == 200
    with app.app_context():
        event = db.session.scalars(select(AuditEvent)).first()
        assert event is not None and (event.actor, event.action) == (
            "command line",
            "account_created",
        )


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--email", "x@example.gov.uk", "--role", "boss"], PASSWORD, "'boss' is not one of"),
        (["--email", "nope", "--role", "admin"], PASSWORD, "enter an email address"),
        (
            ["--email", "x@example.gov.uk", "--role", "admin"],
            "password",
            "Use at least 12 characters",
        ),
        (["--email", "x@example.gov.uk", "--role", "admin"], "", "Use at least 12 characters"),
    ],
)
def test_create_staff_refuses_bad_input(
    app: Flask, args: list[str], password: str, message: str
) -> None:
    result = _create(app, *args, password=password)
    assert result.exit_code != 0 and message in result.output, result.output
    assert "totp-secret" not in result.output


def test_create_staff_refuses_a_second_account_for_an_address(app: Flask) -> None:
    make_account(app, "dup@example.gov.uk", "inspector")
    result = _create(app, "--email", "DUP@example.gov.uk", "--role", "admin")
    assert result.exit_code == 1 and "already an account" in result.output
