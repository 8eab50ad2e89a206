"""Deny by default: every staff route, for every role and for nobody signed in.

The table below is the rule book. A new staff route that is not in it fails
``test_every_staff_route_has_a_rule``; a route whose declared roles differ fails too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from feedback_bot import clock
from feedback_bot.dao import quotes
from feedback_bot.dao.consultations import fetch_consultation_by_slug
from feedback_bot.dao.quotes import NewQuote
from feedback_bot.extensions import db
from feedback_bot.models import Quote

from .conftest import Account, Clock, Staff, make_account

PUBLIC = "public"
ADMIN, ANALYST, INSPECTOR = "admin", "analyst", "inspector"
EVERYONE = {ADMIN, ANALYST, INSPECTOR}

RULES: dict[str, set[str] | str] = {
    "staff.sign_in": PUBLIC,
    "staff.code": PUBLIC,
    "staff.home": EVERYONE,
    "staff.sign_out": EVERYONE,
    "staff.accounts": {ADMIN},
    "staff.new_account": {ADMIN},
    "staff.account_access": {ADMIN},
    "staff.reset_second_factor": {ADMIN},
    "staff.audit_log": {ADMIN},
    "staff.consultations": {ANALYST},
    "staff.new_consultation": {ANALYST},
    "staff.consultation": {ANALYST},
    "staff.consultation_status": {ANALYST},
    "staff.poster": {ANALYST},
    "staff.results_page": {ANALYST, INSPECTOR},
    "staff.areas_page": {ANALYST, INSPECTOR},
    "staff.area_results": {ANALYST, INSPECTOR},
    "staff.results_export": {ANALYST},
    "staff.responses_export": {ANALYST},
    "staff.inspection_page": {ANALYST, INSPECTOR},
    "staff.inspection_summary": {ANALYST, INSPECTOR},
    "staff.moderation": {ANALYST},
    "staff.quote": {ANALYST},
    "staff.we_did": {ANALYST},
    "staff.unpublish_we_did": {ANALYST},
}


def staff_routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) for every staff route."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff."):
            methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
            found.extend((rule.endpoint, method, rule.rule) for method in methods)
    return found


def test_every_staff_route_has_a_rule(app: Flask) -> None:
    endpoints = {endpoint for endpoint, _, _ in staff_routes(app)}
    assert endpoints == set(RULES), "add the new route to RULES with the roles it allows"
    for endpoint, expected in RULES.items():
        declared = getattr(app.view_functions[endpoint], "allowed_roles", None)
        assert declared is not None, f"{endpoint} declares no roles"
        assert set(declared) == ({"public"} if expected == PUBLIC else expected), endpoint


def test_a_route_without_a_rule_is_refused(app: Flask) -> None:
    app.view_functions["staff.home"].__dict__.pop("allowed_roles")
    try:
        assert app.test_client().get("/staff/").status_code == 404
    finally:
        app.view_functions["staff.home"].allowed_roles = frozenset(EVERYONE)  # type: ignore[attr-defined]


def _urls(rule: str, values: dict[str, Any]) -> list[str]:
    """The rule with sample values, once per choice of an ``any(...)`` part."""
    for name, value in values.items():
        rule = rule.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    choice = re.search(r"<any\(([^)]*)\):\w+>", rule)
    if choice is None:
        return [rule]
    options = [o.strip() for o in choice.group(1).split(",")]
    return [u for o in options for u in _urls(rule.replace(choice.group(0), o), {})]


# What a form posts besides its token, where a bare post would be a 400 even when allowed.
POSTED: dict[str, dict[str, str]] = {
    "staff.quote": {"decision": "themes", "version": "1"},
    "staff.we_did": {"decision": "save", "we_did": "We are listening."},
}


def _check(
    staff: Staff, who: str, allowed: set[str] | str, method: str, url: str, endpoint: str
) -> None:
    """One request, and the answer the rules say it should get."""
    response = (
        staff.client.get(url) if method == "GET" else staff.post(url, **POSTED.get(endpoint, {}))
    )
    where = f"{who} {method} {url}"
    if allowed == PUBLIC:
        assert response.status_code in (200, 302), where
    elif who == "anonymous":
        assert response.status_code == 302, where
        assert "/staff/sign-in" in response.location, where
    elif who in allowed:
        assert response.status_code in (200, 302, 303), where
        assert "/staff/sign-in" not in (response.location or ""), where
    else:
        assert response.status_code == 403, where
        assert "You cannot see this page" in response.get_data(as_text=True), where


@pytest.mark.parametrize("who", ["anonymous", ADMIN, ANALYST, INSPECTOR])
def test_role_matrix(app: Flask, staff: Staff, frozen: Clock, who: str) -> None:
    with app.app_context():
        from feedback_bot.dao.consultations import save_consultation

        save_consultation(
            slug="matrix",
            title="Matrix",
            conversation_id="sample",
            conversation_version=1,
            today=clock.today(),
        )
        consultation_id = fetch_consultation_by_slug("matrix").id  # type: ignore[union-attr]
        quotes.add(
            consultation_id, clock.today(), False, [NewQuote("q", "some words", frozenset())]
        )
        db.session.commit()
        quote_id = db.session.scalars(select(Quote.id)).one()
    target = make_account(app, "target@example.gov.uk", INSPECTOR)
    values = {
        "staff_id": target.id,
        "consultation_id": consultation_id,
        "code": "E08000035",
        "quote_id": quote_id,
    }
    if who != "anonymous":
        me: Account = make_account(app, f"me-{who}@example.gov.uk", who)
        assert staff.sign_in(me).status_code == 302
    for endpoint, method, rule in staff_routes(app):
        if endpoint == "staff.sign_out":
            continue  # checked last: it ends the session the rest of the walk needs
        for url in _urls(rule, values):
            _check(staff, who, RULES[endpoint], method, url, endpoint)
    response = staff.post("/staff/sign-out") if who != "anonymous" else None
    if response is not None:
        assert response.status_code == 303
        assert staff.client.get("/staff/").status_code == 302
