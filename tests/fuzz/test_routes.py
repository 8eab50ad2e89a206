"""Every route in the URL map, sent random and hostile values: never a 5xx, no script
reflected unescaped, and nothing stored that the privacy rules forbid."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.test import TestResponse

from feedback_bot.extensions import db
from feedback_bot.forms import CONTROL
from feedback_bot.models import Answer
from feedback_bot.privacy.scrub import scrub

from ..conftest import ChatActions
from ..staff.conftest import Account, Staff
from .hostile import FUZZ, HOSTILE, requests, rules

SLUGS = ["sample", "demo", "help"]
COOKIES = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=";,\\\""),
            max_size=200),
    st.just("A" * 8000),
    st.just("eyJjaGF0IjoieCJ9.bad.signature"),
    st.just(".eJyrVkrOSFSyUkpJTFGqBQAgdQSM.x.y"),
)  # fmt: skip


def send(
    client: FlaskClient, request: dict[str, Any], token: str | None, cookie: str | None = None
) -> TestResponse:
    """The request; with ``cookie``, a browser sending that session cookie and no other."""
    fields = dict(request["fields"])
    if token is not None:
        fields["csrf_token"] = token
    if cookie is not None:
        client = client.application.test_client(use_cookies=False)
    return client.open(
        request["path"],
        method=request["method"],
        data=fields if request["method"] != "GET" else None,
        query_string=request["query"],
        headers={"Cookie": f"session={cookie}"} if cookie is not None else None,
    )


def safe(response: TestResponse, request: dict[str, Any]) -> None:
    where = (request["method"], request["path"], response.status_code)
    assert response.status_code < 500, where
    body = response.get_data(as_text=True)
    assert "<script>fz(" not in body, where
    assert "onerror=fz" not in body, where
    assert "Traceback" not in body, where


def stored_text_is_clean(app: Flask) -> None:
    """Free text is stored only as the scrubber left it: no control characters, no markup."""
    with app.app_context():
        texts = [t for t in db.session.scalars(select(Answer.text)) if t is not None]
    for text in texts:
        assert not CONTROL.search(text), text
        assert scrub(text) == text, text  # scrubbing again changes nothing: it was scrubbed
        assert "<script" not in text.lower(), text


@FUZZ
@given(data=st.data())
def test_child_routes_survive_hostile_requests(app: Flask, data: st.DataObject) -> None:
    app.config["CHAT_LIMITS_ENABLED"] = False  # the limits have their own tests
    found = [r for r in rules(app, "/") if not r.rule.startswith("/staff")]
    assert len(found) >= 10
    client = app.test_client()
    chat = ChatActions(client, data.draw(st.sampled_from(SLUGS)))
    if data.draw(st.booleans()):
        chat.start()
    mode = data.draw(st.sampled_from(["valid", "missing", "forged"]))
    token = {"valid": chat.token(), "missing": None, "forged": "Ijk5OSI.forged.token"}[mode]
    cookie = data.draw(st.one_of(st.none(), COOKIES))
    request = data.draw(requests(found, SLUGS))
    if mode == "valid" and data.draw(st.booleans()):
        request["fields"]["node"] = chat.node() or "welcome"
    safe(send(client, request, token, cookie), request)
    stored_text_is_clean(app)


PII = ["07700 900123", "sam.jones@example.com", "SW1A 1AA", "@kid_handle99", "www.example.com/me"]


@settings(FUZZ, max_examples=20)
@given(words=HOSTILE, pii=st.sampled_from(PII))
def test_free_text_is_scrubbed_before_it_is_stored(
    app: Flask, chat: ChatActions, words: str, pii: str
) -> None:
    if chat.node() != "why_not":
        chat.start()
        chat.next()
        chat.answer("12-15")
        chat.answer("no")
    assert chat.node() == "why_not"
    typed = f"{words[:20]} {pii} ok"
    response = chat.write(typed)
    assert response.status_code in (303, 400), response.status_code
    with app.app_context():
        saved = [
            t for t in db.session.scalars(select(Answer.text).where(Answer.node_id == "why_not"))
        ]
    if response.status_code == 303:
        [text] = saved
        assert text == scrub(CONTROL.sub("", typed).strip())
        assert pii not in text and pii.split()[0] not in text
        chat.back()
    else:
        assert saved == [] or all(pii not in t for t in saved)
    stored_text_is_clean(app)


@pytest.mark.parametrize("role", ["admin", "analyst", "inspector"])
@settings(FUZZ, max_examples=15)
@given(data=st.data())
def test_staff_routes_survive_hostile_requests_for_each_role(
    app: Flask, staff: Staff, accounts: dict[str, Account], role: str, data: st.DataObject
) -> None:
    if staff.client.get("/staff/").status_code != 200:
        staff.clock.advance(seconds=31)  # a fresh code for a fresh sign-in
        staff.sign_in(accounts[role])
    found = [
        r
        for r in rules(app, "/staff")
        if r.endpoint not in ("staff.sign_out", "staff.reset_second_factor")
    ]
    assert len(found) >= 15
    page = staff.client.get("/staff/")
    from ..staff.conftest import token as page_token

    mode = data.draw(st.sampled_from(["valid", "valid", "missing", "forged"]))
    token = {"valid": page_token(page), "missing": None, "forged": "Ijk5OSI.forged"}[mode]
    request = data.draw(requests(found, SLUGS))
    safe(send(staff.client, request, token), request)


@FUZZ
@given(data=st.data())
def test_staff_routes_refuse_hostile_requests_when_signed_out(
    app: Flask, data: st.DataObject
) -> None:
    client = app.test_client()
    cookie = data.draw(st.one_of(st.none(), COOKIES))
    request = data.draw(requests(rules(app, "/staff"), SLUGS))
    response = send(client, request, data.draw(st.sampled_from([None, "forged"])), cookie)
    safe(response, request)
    if not request["path"].startswith("/staff/sign-in"):
        assert response.status_code in (302, 400, 404, 405, 413), request


def test_oversized_bodies_get_a_clear_friendly_413(app: Flask, client: FlaskClient) -> None:
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or set())]
    assert len(posts) >= 10
    for rule in posts:
        path = re.sub(r"<int:\w+>", "1", rule.rule.replace("<slug>", "sample"))
        path = re.sub(r"<any\((\w+),[^>]*>", r"\1", path)
        for body in ({"text": big}, {"file": (io.BytesIO(big.encode()), "x.txt")}):
            response = client.post(path, data=body)
            assert response.status_code == 413, (path, response.status_code)
            page = response.get_data(as_text=True)
            assert "That was too much" in page or "Sorry, something went wrong" in page, path
