"""A child's whole conversation through the test client: answer, skip, back, change, send, stop."""

from __future__ import annotations

import datetime as dt

from flask import Flask

from feedback_bot import clock

from ..conftest import ChatActions
from .helpers import stored, submissions


def test_the_start_page_explains_before_anything_is_stored(chat: ChatActions, app: Flask) -> None:
    page = chat.client.get("/c/sample").get_data(as_text=True)
    for promise in (
        "We don’t know who you are",
        "You can skip any question.",
        "You can stop at any time and delete your answers.",
        "Childline",
        "0800 1111",
        "999",
    ):
        assert promise in page
    assert submissions(app) == []


def test_a_full_conversation_is_stored_anonymously_once_sent(chat: ChatActions, app: Flask) -> None:
    assert chat.start().status_code == 303
    assert chat.node() == "welcome"
    chat.next()
    chat.answer("12-15")
    assert chat.node() == "listened"
    chat.answer("no")
    assert chat.node() == "why_not"
    chat.write("Nobody asks me what I think")
    chat.answer("school", "carer")
    review = chat.client.get("/c/sample").get_data(as_text=True)
    assert "Check your answers" in review and "Nobody asks me what I think" in review
    [draft] = submissions(app)
    assert draft.sent_on is None and draft.expires_at is not None

    response = chat.send()
    assert response.status_code == 303
    assert "/c/sample/thanks" in response.headers["Location"]
    thanks = chat.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for telling us." in thanks

    [sent] = submissions(app)
    assert sent.sent_on == clock.today()
    assert sent.expires_at is None
    assert sent.age_band == "12-15"
    assert sent.language == "en"
    assert (sent.conversation_id, sent.conversation_version) == ("sample", 1)
    assert stored(app) == [
        ("age", "12-15", None, False),
        ("listened", "no", None, False),
        ("who", "carer", None, False),
        ("who", "school", None, False),
        ("why_not", None, "Nobody asks me what I think", False),
    ]


def test_after_sending_the_chat_starts_afresh(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("yes")
    chat.send()
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert "Start the chat" in page
    assert len(submissions(app)) == 1


def test_every_question_can_be_skipped(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.skip()
    assert chat.node() == "listened"
    chat.skip()
    chat.skip()
    chat.send()
    [sent] = submissions(app)
    assert sent.age_band is None
    assert stored(app) == [
        ("age", None, None, True),
        ("listened", None, None, True),
        ("who", None, None, True),
    ]


def test_back_shows_the_earlier_answer_and_a_new_answer_replaces_it(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    assert chat.node() == "why_not"
    chat.back()
    assert chat.node() == "listened"
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert 'option--chosen" type="submit" name="answer" value="no"' in page
    chat.answer("yes")
    assert chat.node() == "who"
    chat.skip()
    chat.send()
    assert ("listened", "yes", None, False) in stored(app)
    assert not [row for row in stored(app) if row[1] == "no"]


def test_changing_an_answer_from_the_review_drops_answers_off_the_new_path(
    chat: ChatActions, app: Flask
) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("yes")
    chat.answer("school")
    assert chat.node() == "end"
    chat.change("age")
    assert chat.node() == "age"
    chat.answer("8-11")
    assert chat.node() == "young_listened"
    chat.answer("sometimes")
    chat.send()
    assert stored(app) == [
        ("age", "8-11", None, False),
        ("young_listened", "sometimes", None, False),
    ]


def test_back_from_the_first_step_is_not_offered(chat: ChatActions) -> None:
    chat.start()
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert 'value="back"' not in page
    chat.next()
    page = chat.client.get("/c/sample").get_data(as_text=True)
    assert 'value="back"' in page


def test_stop_and_delete_removes_everything_at_once(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("12-15")
    chat.answer("no")
    chat.write("a secret")
    assert submissions(app) and stored(app)
    response = chat.stop()
    assert response.headers["Location"].endswith("/c/sample/stopped")
    assert "Your answers are deleted" in chat.client.get("/c/sample/stopped").get_data(as_text=True)
    assert submissions(app) == []
    assert stored(app) == []
    assert "Start the chat" in chat.client.get("/c/sample").get_data(as_text=True)


def test_free_text_is_scrubbed_before_it_is_stored(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    chat.answer("16-17")
    chat.answer("no")
    chat.write("ring 07700 900123")
    [(_, _, text, _)] = [row for row in stored(app) if row[0] == "why_not"]
    assert text is not None and "07700" not in text and "[phone]" in text


def test_unsent_answers_expire(chat: ChatActions, app: Flask) -> None:
    chat.start()
    chat.next()
    from feedback_bot.dao.submissions import delete_expired_drafts

    with app.app_context():
        assert delete_expired_drafts(clock.now()) == 0
        assert delete_expired_drafts(clock.now() + dt.timedelta(hours=25)) == 1
    assert submissions(app) == []
