"""Analysts set up consultations for an area, open and close them, and print the poster."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from feedback_bot import areas
from feedback_bot.dao.consultations import fetch_consultation_by_slug
from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent, Consultation

from ..conftest import ROOT, ChatActions
from .conftest import Account, Staff, errors

GOOD = {
    "title": "Leeds: being listened to",
    "slug": "leeds-listened",
    "conversation": "listened-to:1",
    "area_code": "E08000035",  # Leeds
    "setting": "in_care",
    "languages": ["en"],
    "opens_on": "2026-11-24",
    "closes_on": "2027-01-31",
}


def create(staff: Staff, **changes: Any) -> Any:
    return staff.post("/staff/consultations/new", "/staff/consultations/new", **{**GOOD, **changes})


def stored(app: Flask, slug: str) -> Consultation | None:
    with app.app_context():
        consultation = fetch_consultation_by_slug(slug)
        if consultation is not None:
            db.session.expunge(consultation)
        return consultation


@pytest.fixture
def analyst(staff: Staff, accounts: dict[str, Account]) -> Staff:
    staff.sign_in(accounts["analyst"])
    return staff


def test_an_analyst_publishes_a_consultation_for_a_local_authority(
    app: Flask, analyst: Staff
) -> None:
    response = create(analyst)
    assert response.status_code == 303
    consultation = stored(app, "leeds-listened")
    assert consultation is not None
    assert (consultation.area_code, consultation.setting, consultation.status) == (
        "E08000035",
        "in_care",
        "draft",
    )
    assert (consultation.conversation_id, consultation.conversation_version) == ("listened-to", 1)
    assert consultation.opens_on == dt.date(2026, 11, 24)
    page = analyst.client.get(response.location).get_data(as_text=True)
    assert "Consultation saved as a draft" in page and "Leeds" in page

    child = ChatActions(app.test_client(), "leeds-listened")
    assert "This chat is not open yet" in child.client.get("/c/leeds-listened").get_data(
        as_text=True
    )

    assert (
        analyst.post(f"/staff/consultations/{consultation.id}/open", response.location).status_code
        == 303
    )
    assert child.start().status_code in (302, 303)
    assert child.node() is not None, "a child can start once it is open"

    assert (
        analyst.post(f"/staff/consultations/{consultation.id}/close", response.location).status_code
        == 303
    )
    later = ChatActions(app.test_client(), "leeds-listened")
    assert "This chat is closed" in later.client.get("/c/leeds-listened").get_data(as_text=True)
    assert child.client.get("/c/leeds-listened").status_code == 200
    assert child.node() is not None, "a conversation already started may finish"

    with app.app_context():
        actions = list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.target == "leeds-listened")
                .order_by(AuditEvent.id)
            )
        )
    assert actions == ["consultation_created", "consultation_opened", "consultation_closed"]


def test_the_poster_has_a_qr_code_the_link_and_an_invitation(app: Flask, analyst: Staff) -> None:
    create(analyst)
    consultation = stored(app, "leeds-listened")
    assert consultation is not None
    page = analyst.client.get(f"/staff/consultations/{consultation.id}/poster")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r"<svg[^>]*>.*<title>QR code", body, re.S)
    assert "http://localhost/c/leeds-listened" in body
    assert "Tell us what you think about the help you get." in body
    assert "0800 1111" in body and "999" in body
    assert "@page { size: A4" in (ROOT / "static" / "css" / "poster.css").read_text("utf-8")


def test_editing_keeps_the_conversation_pinned_once_children_answered(
    app: Flask, analyst: Staff
) -> None:
    create(analyst)
    consultation = stored(app, "leeds-listened")
    assert consultation is not None
    url = f"/staff/consultations/{consultation.id}"
    analyst.post(f"{url}/open", url)
    ChatActions(app.test_client(), "leeds-listened").start()
    changed = analyst.post(url, url, **{**GOOD, "conversation": "help-in-time:1"})
    assert errors(changed) == ["Children have already answered, so the conversation cannot change."]
    renamed = analyst.post(url, url, **{**GOOD, "slug": "leeds-2"})
    assert errors(renamed) == ["Children have the link already, so it cannot change."]
    retitled = analyst.post(url, url, **{**GOOD, "title": "Leeds, winter 2026"})
    assert retitled.status_code == 303
    assert (stored(app, "leeds-listened") or consultation).title == "Leeds, winter 2026"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
        ({"slug": ""}, "Enter a link name"),
        (
            {"slug": "Leeds Listened"},
            "Use only lower-case letters, digits and dashes, starting with a letter or digit",
        ),
        (
            {"slug": "-leeds"},
            "Use only lower-case letters, digits and dashes, starting with a letter or digit",
        ),
        ({"slug": "a" * 65}, "Link name must be 64 characters or fewer"),
        ({"slug": "demo"}, "That link name is taken. Choose another."),
        ({"conversation": "listened-to:99"}, "Not a valid choice."),
        ({"area_code": "E99999999"}, "Not a valid choice."),
        ({"area_code": "W06000015"}, "Not a valid choice."),
        ({"area_code": ""}, "Choose an area"),
        ({"setting": "prison"}, "Not a valid choice."),
        ({"languages": []}, "Choose at least one language"),
        ({"languages": ["cy"]}, "English must be offered too"),
        (
            {"conversation": "sample:1", "languages": ["en", "cy"]},
            "This conversation is not translated into Cymraeg yet",
        ),
        ({"languages": ["en", "xx"]}, "'xx' is not a valid choice for this field."),
        ({"opens_on": "31/12/2026"}, "Not a valid date value."),
        ({"opens_on": "2027-02-01"}, "The close date must be the same as or after the open date"),
    ],
)
def test_bad_input_is_explained_and_kept(
    app: Flask, analyst: Staff, changes: dict[str, Any], message: str
) -> None:
    response = create(analyst, **changes)
    assert response.status_code == 200
    assert message in " ".join(errors(response)), errors(response)
    body = response.get_data(as_text=True)
    for name in ("title", "slug"):
        value = changes.get(name, GOOD[name])
        if value and len(value) < 100:
            assert f'value="{value}"' in body
    assert stored(app, "leeds-listened") is None


def test_a_missing_form_token_is_a_friendly_400(app: Flask, analyst: Staff) -> None:
    response = analyst.client.post("/staff/consultations/new", data=GOOD)
    assert response.status_code == 400
    assert "Please try again" in response.get_data(as_text=True)
    assert stored(app, "leeds-listened") is None


def test_unknown_consultations_are_404(analyst: Staff) -> None:
    assert analyst.client.get("/staff/consultations/9999").status_code == 404
    assert analyst.client.get("/staff/consultations/9999/poster").status_code == 404
    assert analyst.post("/staff/consultations/9999/open").status_code == 404


def test_the_inspector_cannot_reach_analyst_pages(
    staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["inspector"])
    for url in (
        "/staff/consultations",
        "/staff/consultations/new",
        "/staff/accounts",
        "/staff/audit",
    ):
        assert staff.client.get(url).status_code == 403, url


# --- the list of local authorities ------------------------------------------------------------


def test_the_local_authority_list_is_complete_and_well_formed() -> None:
    authorities = areas.local_authorities()
    assert len(authorities) == 153
    assert all(re.fullmatch(r"E(06|08|09|10)\d{6}", code) for code in authorities)
    assert len(set(authorities.values())) == 153
    assert areas.area_name("E08000035") == "Leeds"
    assert areas.area_name("E92000001") == "England"
    assert areas.area_name("E10000006") is None, "Cumbria was abolished in 2023"
    assert "as of 2025-04-01" in areas.source() and "ONS" in areas.source()
    assert areas.choices()[0] == ("E92000001", "England")
