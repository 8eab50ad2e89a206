""" "You said": analysts write and publish what is being done; children read it beside what
children said, in their own words and only once enough children have answered."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from feedback_bot.dao.consultations import fetch_consultation_by_slug
from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent
from feedback_bot.results.aggregate import headline, results
from feedback_bot.results.disclosure import Rules

from ..results.test_results import load_demo
from .conftest import Account, Staff, errors, token

WE_DID = "We are asking social workers to phone back within a day.\nWe will check in March."


@pytest.fixture
def analyst(staff: Staff, accounts: dict[str, Account]) -> Staff:
    staff.sign_in(accounts["analyst"])
    return staff


def _id(app: Flask, slug: str = "demo") -> int:
    with app.app_context():
        consultation = fetch_consultation_by_slug(slug)
        assert consultation is not None
        return consultation.id


def _write(analyst: Staff, cid: int, decision: str, text: str) -> object:
    url = f"/staff/consultations/{cid}/you-said"
    page = analyst.client.get(url)
    return analyst.client.post(
        url, data={"csrf_token": token(page), "decision": decision, "we_did": text}
    )


def _events(app: Flask) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.action.like("we_did%"))
            .order_by(AuditEvent.id)
        )
        return list(rows)


def test_before_enough_children_answer_the_page_shows_no_numbers(app: Flask) -> None:
    load_demo(app, "demo", 4)
    body = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    assert "Not enough children have answered yet" in body
    assert "in 10 children" not in body and "Children talked most about" not in body
    assert "We will write here what we are doing about it." in body
    assert "0800 1111" in body and 'href="/exit"' in body


def test_what_children_said_comes_from_the_protected_headline(app: Flask) -> None:
    cid = load_demo(app, "demo", 300)
    body = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    with app.app_context():
        consultation = fetch_consultation_by_slug("demo")
        assert consultation is not None
        from feedback_bot.dialogue import registry

        conv = registry.get("listened-to", 1)
        assert conv is not None
        found = results([cid], conv, "all", ["en"], Rules.from_config(app.config))
        [measure] = found.measures
        value = headline(measure)
    assert isinstance(value, int)
    assert (
        f"About {round(value / 10)} in 10 children said the adults who help them listen to them."
        in body
    )
    themes = re.search(
        r"Children talked most about:</p>\s*<ul class=\"said\">(.*?)</ul>", body, re.S
    )
    assert themes, body
    assert 1 <= themes.group(1).count("<li>") <= 3


def test_an_analyst_saves_publishes_and_takes_down_the_text(app: Flask, analyst: Staff) -> None:
    cid = _id(app)
    assert _write(analyst, cid, "save", WE_DID).status_code == 303  # type: ignore[attr-defined]
    public = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    assert "phone back within a day" not in public, "a draft is not published"
    assert "phone back within a day" in analyst.client.get(
        f"/staff/consultations/{cid}/you-said"
    ).get_data(as_text=True)

    assert _write(analyst, cid, "publish", WE_DID).status_code == 303  # type: ignore[attr-defined]
    public = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    assert '<div class="we-did" lang="en" dir="ltr">' + WE_DID + "</div>" in public

    page = analyst.client.get(f"/staff/consultations/{cid}/you-said")
    analyst.client.post(
        f"/staff/consultations/{cid}/you-said/unpublish", data={"csrf_token": token(page)}
    )
    public = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    assert "phone back within a day" not in public
    assert _events(app) == ["we_did_saved", "we_did_published", "we_did_unpublished"]


def test_the_text_is_shown_as_text_never_as_html(app: Flask, analyst: Staff) -> None:
    _write(analyst, _id(app), "publish", "<script>alert(1)</script> we <b>did</b>")
    public = app.test_client().get("/c/demo/you-said").get_data(as_text=True)
    assert "<script>alert(1)" not in public and "&lt;script&gt;alert(1)" in public


def test_in_another_language_the_english_text_is_marked_as_english(
    app: Flask, analyst: Staff
) -> None:
    _write(analyst, _id(app), "publish", WE_DID)
    public = app.test_client().get("/c/demo/you-said?lang=cy").get_data(as_text=True)
    assert '<html lang="cy"' in public
    assert '<div class="we-did" lang="en" dir="ltr">' in public


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("x" * 2001, "Keep it to 2000 characters or fewer"),
        ("", "Write what you are doing about what children said"),
    ],
)
def test_bad_text_is_refused_and_kept_in_the_box(
    app: Flask, analyst: Staff, text: str, problem: str
) -> None:
    response = _write(analyst, _id(app), "publish", text)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert errors(response) == [problem]  # type: ignore[arg-type]
    assert text in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert _events(app) == []


def test_an_unknown_button_is_a_400(app: Flask, analyst: Staff) -> None:
    assert _write(analyst, _id(app), "shout", WE_DID).status_code == 400  # type: ignore[attr-defined]


def test_inspectors_cannot_write_it(app: Flask, staff: Staff, accounts: dict[str, Account]) -> None:
    staff.sign_in(accounts["inspector"])
    assert staff.client.get(f"/staff/consultations/{_id(app)}/you-said").status_code == 403


def test_the_end_of_the_chat_and_the_poster_link_to_it(app: Flask, analyst: Staff) -> None:
    thanks = app.test_client().get("/c/demo/thanks").get_data(as_text=True)
    assert 'href="/c/demo/you-said"' in thanks
    poster = analyst.client.get(f"/staff/consultations/{_id(app)}/poster").get_data(as_text=True)
    assert "/c/demo/you-said" in poster


def test_an_unknown_consultation_is_a_404(app: Flask) -> None:
    assert app.test_client().get("/c/nope/you-said").status_code == 404
