"""Bad input gets a kind page, never a 500, and nothing is stored that should not be."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient

from feedback_bot import clock
from feedback_bot.dao.consultations import save_consultation

from ..conftest import ChatActions
from .helpers import stored, submissions


def test_unknown_consultation_is_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/c/no-such-thing")
    assert response.status_code == 404
    assert "We can’t find that page" in response.get_data(as_text=True)


def test_a_closed_consultation_says_so_and_starts_nothing(client: FlaskClient, app: Flask) -> None:
    with app.app_context():
        save_consultation(
            slug="over",
            title="Over",
            conversation_id="sample",
            conversation_version=1,
            today=clock.today(),
            closes_on=clock.today() - dt.timedelta(days=1),
        )
    page = client.get("/c/over").get_data(as_text=True)
    assert "This chat is closed" in page
    chat = ChatActions(client, "over")
    response = client.post("/c/over/start", data={"csrf_token": "x"})
    assert response.status_code == 400
    del chat
    assert submissions(app) == []


def test_posting_without_a_csrf_token_gets_a_carry_on_page(chat: ChatActions, app: Flask) -> None:
    chat.start()
    response = chat.client.post("/c/sample", data={"node": "welcome", "action": "next"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Sorry, please try that again" in body and 'href="/c/sample"' in body
    assert chat.node() == "welcome"


def test_a_turn_with_another_childs_csrf_token_is_refused(chat: ChatActions, app: Flask) -> None:
    """The turn form leaves CSRF to CSRFProtect, which checks every post's token."""
    other = ChatActions(app.test_client(), "sample")
    other.start()
    chat.start()
    response = chat.client.post(
        "/c/sample", data={"csrf_token": other.token(), "node": "welcome", "action": "next"}
    )
    assert response.status_code == 400
    assert chat.node() == "welcome"


def test_an_answer_the_question_does_not_offer_stores_nothing(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    response = chat.answer("99-100")
    assert response.status_code == 400
    assert "That answer did not fit" in response.get_data(as_text=True)
    assert stored(app) == []
    assert chat.node() == "age"


def test_an_answer_for_another_node_stores_nothing(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    token = chat.token()
    response = chat.client.post(
        "/c/sample", data={"csrf_token": token, "node": "listened", "answer": "yes"}
    )
    assert response.status_code == 400
    assert stored(app) == []


def test_a_repeated_post_of_the_same_answer_carries_on_and_is_stored_once(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    token = chat.token()
    again = chat.client.post(
        "/c/sample", data={"csrf_token": token, "node": "age", "answer": "12-15"}
    )
    assert again.status_code == 303  # the same turn again: already done
    assert stored(app) == [("age", "12-15", None, False)]
    assert chat.node() == "listened"


def test_an_old_page_posted_with_another_answer_is_refused_not_stored(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    token = chat.token()
    other = chat.client.post(
        "/c/sample", data={"csrf_token": token, "node": "age", "answer": "16-17"}
    )
    assert other.status_code == 400
    assert stored(app) == [("age", "12-15", None, False)]
    assert chat.node() == "listened"


def test_text_over_the_limit_is_shown_back_with_a_clear_message(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    typed = "I want to be asked " + "x" * 60
    response = chat.write(typed)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Please write 50 characters or fewer." in body
    assert typed in body
    assert 'role="alert"' in body
    assert [row for row in stored(app) if row[0] == "why_not"] == []
    assert chat.node() == "why_not"


def test_a_tampered_session_starts_again_politely(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.client.set_cookie("session", "tampered.value.here")
    response = chat.client.post("/c/sample", data={"node": "welcome", "action": "next"})
    assert response.status_code == 400
    assert "Start the chat" in chat.client.get("/c/sample").get_data(as_text=True)


def test_an_expired_draft_starts_again_politely(chat: ChatActions, app: Flask) -> None:
    chat.start()
    from feedback_bot.dao.submissions import delete_expired_drafts

    with app.app_context():
        delete_expired_drafts(clock.now() + dt.timedelta(days=2))
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert "Start the chat" in page


def test_an_unknown_action_is_refused(chat: ChatActions, app: Flask) -> None:
    chat.start()
    response = chat.post(action="explode")
    assert response.status_code == 400
    assert chat.node() == "welcome"


def test_sending_before_the_end_is_refused(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    response = chat.send()
    assert response.status_code == 400
    [draft] = submissions(app)
    assert draft.sent_on is None


JUNK = [
    "",
    "x" * 5000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "../../etc/passwd",
    "😀" * 50,
]


def routes(app: Flask, junk: str) -> list[tuple[str, str]]:
    """Every route in the URL map, its parameters filled with junk (and with a real slug)."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            for value in (junk, "sample"):
                path = rule.rule
                for argument in rule.arguments:
                    path = path.replace(f"<{argument}>", value or "x")
                found.append((method, path))
    return found


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_every_route_survives_junk(client: FlaskClient, app: Flask, junk: str) -> None:
    chat = ChatActions(client, "sample")
    chat.start()
    checked = routes(app, junk)
    assert len(checked) >= 12
    fields = ("node", "action", "answer", "text", "change", "csrf_token")
    for method, path in checked:
        data = dict.fromkeys(fields, junk) if method == "POST" else None
        response = client.open(
            path, method=method, data=data, query_string={"end": junk, "c": junk, "lang": junk}
        )
        assert response.status_code < 500, (method, path, response.status_code)
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
        if path == "/exit":
            chat.start()  # exit ends the chat; carry on poking at a live one


def test_very_long_text_is_still_shown_back_not_lost(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    typed = "please listen " * 400  # 5,600 characters: far over the limit, under the body cap
    response = chat.write(typed)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Please write 50 characters or fewer." in body
    assert typed.strip() in body
    assert [row for row in stored(app) if row[0] == "why_not"] == []
