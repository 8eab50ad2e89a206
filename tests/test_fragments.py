"""Parts of pages rendered once and reused ({% cache %}, feedback_bot/fragments.py): the same
bytes as rendering them afresh, for every child, and never one child's page for another."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from feedback_bot import fragments
from feedback_bot.chat import views
from feedback_bot.dialogue.engine import SKIPPED, Given
from feedback_bot.dialogue.model import Node
from feedback_bot.fragments import FragmentCache

from .conftest import CSRF, ChatActions

CONSULTATIONS = ("demo", "help", "sample")


def _cache(app: Flask) -> FragmentCache:
    extension = app.jinja_env.extensions["feedback_bot.fragments.FragmentCache"]
    assert isinstance(extension, FragmentCache)
    return extension


def _answers(node: Node) -> Iterator[Given]:
    """Nothing chosen, each option alone, and (for ticks) every option at once."""
    yield SKIPPED
    for option in node.options:
        yield Given(codes=(option.code,))
    if node.kind == "multi":
        yield Given(codes=tuple(option.code for option in node.options))


def _pages(app: Flask, slug: str, language: str) -> Iterator[tuple[str, str]]:
    """(label, page) for every question and message of the consultation's conversation, with
    every answer of _answers shown as given; the cache is used as the app is set up."""
    with app.test_request_context(f"/c/{slug}?lang={language}"):
        app.preprocess_request()
        consultation, conv = views.consultation_or_404(slug)
        trail = [conv.start, conv.start]  # so that every page has its Back button
        for node in conv.nodes.values():
            if node.kind not in ("message", "choice", "multi", "text"):
                continue
            for given in _answers(node):
                page, _status = views._question(consultation, conv, node, trail, given)
                yield f"{slug} {language} {node.id} {given.codes}", page


def _languages(app: Flask, slug: str) -> tuple[str, ...]:
    with app.test_request_context(f"/c/{slug}"):
        return views.consultation_or_404(slug)[1].languages


def test_every_question_in_every_language_is_the_same_with_the_cache(sqlite_app: Flask) -> None:
    app = sqlite_app
    for slug in CONSULTATIONS:
        for language in _languages(app, slug):
            app.jinja_env.auto_reload = True  # the cache is off while templates reload
            fresh = list(_pages(app, slug, language))
            app.jinja_env.auto_reload = False
            first = list(_pages(app, slug, language))  # fills the cache
            again = list(_pages(app, slug, language))  # reads it
            assert len(fresh) > 3
            for (label, expected), (_, filled), (_, reused) in zip(
                fresh, first, again, strict=True
            ):
                # The CSRF token differs from one request context to the next; nothing else may.
                expected, filled, reused = (
                    CSRF.sub("TOKEN", p) for p in (expected, filled, reused)
                )
                assert filled == expected, label
                assert reused == expected, label
    assert len(_cache(app).parts) > 50  # each question, language and answer shown: its own part


def test_a_cached_page_still_has_each_childs_own_csrf_token(app: Flask) -> None:
    tokens = []
    for _child in range(2):
        client = app.test_client()
        page = client.get("/c/sample").get_data(as_text=True)
        match = CSRF.search(page)
        assert match
        token = match.group(1) or match.group(2)
        assert client.post("/c/sample/start", data={"csrf_token": token}).status_code == 303
        page = client.get("/c/sample").get_data(as_text=True)
        on_page = {m.group(1) or m.group(2) for m in CSRF.finditer(page)}
        assert len(on_page) == 1  # the turn, Back and Stop forms carry the same token
        tokens.append(on_page.pop())
        assert (
            client.post(
                "/c/sample", data={"csrf_token": tokens[-1], "node": "welcome", "action": "next"}
            ).status_code
            == 303
        )
    assert tokens[0] != tokens[1]
    assert _cache(app).parts  # the pages above were served from cached parts


def test_the_chosen_answer_shows_only_to_the_child_who_chose_it(app: Flask) -> None:
    """Keys include the chosen options: one child's answer never marks another's page."""
    first, second = (ChatActions(app.test_client(), "sample") for _ in range(2))
    for chat in (first, second):
        chat.start()
        chat.next()
    first.answer("12-15")
    first.back()  # the age question again, with 12-15 marked as the answer given
    marked = first.client.get("/c/sample").get_data(as_text=True)
    unmarked = second.client.get("/c/sample").get_data(as_text=True)
    assert re.search(r'option--chosen" type="submit" name="answer" value="12-15"', marked)
    assert "option--chosen" not in unmarked


def test_the_cache_is_bounded(sqlite_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fragments, "FRAGMENT_CACHE_SIZE", 5)
    cache = _cache(sqlite_app)
    for _label, _page in _pages(sqlite_app, "demo", "en"):
        assert len(cache.parts) <= 5


def test_each_page_keeps_its_own_language_links(app: Flask) -> None:
    """The footer is cached per page address too: its language links lead back to the page."""
    client = app.test_client()
    for path in ("/help", "/privacy", "/help?c=demo", "/c/demo"):
        page = client.get(path).get_data(as_text=True)
        links = [html.unescape(link) for link in re.findall(r'<li><a href="([^"]+)" lang=', page)]
        assert len(links) > 1, path
        for link in links:
            query = parse_qs(urlsplit(link).query)
            assert urlsplit(link).path == urlsplit(path).path, (path, link)
            assert query.pop("lang")
            assert query == parse_qs(urlsplit(path).query), (path, link)
