"""Languages for a child: from the link, the switcher or the browser; offered per consultation;
switched midway without losing answers; right to left for Urdu and Arabic."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask_babel import force_locale, gettext, pgettext

from feedback_bot import clock
from feedback_bot.dao.consultations import save_consultation

from ..conftest import ChatActions
from .helpers import stored, submissions

LANGUAGES = ["en", "cy", "pl", "ur", "ar", "ro", "bn", "so"]


def words(app: Flask, language: str, text: str, context: str | None = None) -> str:
    """The catalogue's translation, so the tests never copy a translation."""
    with app.test_request_context(), force_locale(language):
        return pgettext(context, text) if context else gettext(text)


def page_language(body: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', body)
    assert found
    return found.group(1), found.group(2)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_link_can_carry_the_language(app: Flask, language: str) -> None:
    body = app.test_client().get(f"/c/demo?lang={language}").get_data(as_text=True)
    assert page_language(body) == (language, "rtl" if language in ("ur", "ar") else "ltr")
    start = words(app, language, "Start the chat")
    assert start in body
    if language != "en":
        assert start != "Start the chat"
        assert "Start the chat" not in body


def test_the_choice_lasts_for_the_session_only(app: Flask) -> None:
    client = app.test_client()
    client.get("/c/demo?lang=cy")
    assert page_language(client.get("/help?c=demo").get_data(as_text=True))[0] == "cy"
    assert page_language(app.test_client().get("/c/demo").get_data(as_text=True))[0] == "en"
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [("pl-PL,pl;q=0.9,en;q=0.5", "pl"), ("fr-FR,ar;q=0.8", "ar"), ("fr, de", "en"), ("", "en")],
)
def test_the_browser_language_is_used_when_offered(app: Flask, header: str, expected: str) -> None:
    body = (
        app.test_client().get("/c/demo", headers={"Accept-Language": header}).get_data(as_text=True)
    )
    assert page_language(body)[0] == expected


def test_an_explicit_choice_beats_the_browser(app: Flask) -> None:
    body = app.test_client().get("/c/demo?lang=so", headers={"Accept-Language": "pl"})
    assert page_language(body.get_data(as_text=True))[0] == "so"


@pytest.mark.parametrize("value", ["xx", "PL", "pl-PL", "../en", "", "ar" * 50, "<b>"])
def test_unknown_languages_fall_back_quietly(app: Flask, value: str) -> None:
    response = app.test_client().get("/c/demo", query_string={"lang": value})
    assert response.status_code == 200
    assert page_language(response.get_data(as_text=True))[0] == "en"


def test_a_consultation_offers_only_its_languages(app: Flask) -> None:
    with app.app_context():
        save_consultation(
            slug="welsh", title="Wales", conversation_id="listened-to", conversation_version=1,
            today=clock.today(), languages=["en", "cy"],
        )  # fmt: skip
    client = app.test_client()
    assert page_language(client.get("/c/welsh?lang=pl").get_data(as_text=True))[0] == "en"
    body = client.get("/c/welsh", headers={"Accept-Language": "pl, cy;q=0.5"}).get_data(
        as_text=True
    )
    assert page_language(body)[0] == "cy"
    switcher = re.findall(r'hreflang="([a-z]+)"', body)
    assert switcher == ["en", "cy"]
    only_english = app.test_client().get("/c/sample").get_data(as_text=True)
    assert "hreflang" not in only_english, "no switcher with one language"


def test_the_switcher_is_on_every_child_page_and_keeps_the_page(app: Flask) -> None:
    client = app.test_client()
    for path in ("/c/demo", "/help?c=demo", "/privacy?c=demo"):
        body = client.get(path).get_data(as_text=True)
        links = dict(re.findall(r'<a href="([^"]+)" lang="([a-z]+)"', body))
        assert sorted(links.values()) == sorted(LANGUAGES), path
        base = path.split("?")[0]
        assert all(href.startswith(base + "?") for href in links), links
        assert 'aria-current="true">English<' in body
        assert 'lang="ur" hreflang="ur">اردو<' in body and ">Cymraeg<" in body


def test_switching_midway_keeps_every_answer(app: Flask) -> None:
    chat = ChatActions(app.test_client(), "demo")
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("sometimes")
    assert chat.node() == "young_views"
    body = chat.client.get("/c/demo?lang=ur").get_data(as_text=True)
    assert page_language(body) == ("ur", "rtl")
    question = words(
        app,
        "ur",
        "Do grown-ups ask what you think before they make plans for you?",
        "listened-to:young_views",
    )
    assert question in body
    chat.back()
    assert chat.node() == "young_listened"
    chat.answer("yes")
    chat.client.get("/c/demo?lang=pl")
    for _ in range(6):
        if chat.node() in (None, "end", "thanks"):
            break
        chat.skip()
    chat.send()
    [sent] = submissions(app)
    assert sent.language == "pl"
    answers = {node: code for node, code, _text, _skipped in stored(app)}
    assert answers["age"] == "8-11" and answers["young_listened"] == "yes"


@pytest.mark.parametrize("slug", ["demo", "help"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_whole_conversation_in_each_language(app: Flask, language: str, slug: str) -> None:
    chat = ChatActions(app.test_client(), slug)
    chat.client.get(f"/c/{slug}?lang={language}")
    chat.start()
    review = words(app, language, "Check your answers")
    for _ in range(30):
        body = chat.client.get(f"/c/{slug}").get_data(as_text=True)
        assert page_language(body)[0] == language
        if review in body:
            break
        if chat.node() == "welcome":
            chat.next()
        else:
            chat.skip()
    else:
        raise AssertionError("never reached the review page")
    assert chat.send().status_code == 303
    [sent] = submissions(app)
    assert sent.language == language
