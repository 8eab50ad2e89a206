"""Every language in real Chromium: a question page in each, checked with axe at a phone's
size, and a right-to-left conversation walked end to end, switching language midway."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext, pgettext
from playwright.sync_api import Page, expect

from .child import Child
from .conftest import DESKTOP, Browsing, LiveServer
from .test_accessibility import NARROW, _axe

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy", "pl", "ur", "ar", "ro", "bn", "so"]
RTL = {"ur", "ar"}


def t(live: LiveServer, language: str, text: str, context: str | None = None) -> str:
    """The words a child sees, from the catalogues."""
    with live.app.test_request_context(), force_locale(language):
        return pgettext(context, text) if context else gettext(text)


def tap(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click(no_wait_after=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_in_each_language(
    browsing: Browsing, live_server: LiveServer, language: str
) -> None:
    page = browsing.page(js=True, bypass_csp=True)
    page.goto(f"/c/demo?lang={language}")
    tap(page, t(live_server, language, "Start the chat"))
    tap(page, t(live_server, language, "Next"))
    question = t(live_server, language, "How old are you?", "listened-to:age")
    expect(page.locator("main")).to_contain_text(question)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language in RTL else "ltr")
    problems = _axe(page)
    # The bar mirrors: help comes first in reading order, so it sits on the right in RTL.
    help_box = page.locator(".bar__help").bounding_box()
    exit_box = page.locator(".bar__exit").bounding_box()
    assert help_box and exit_box
    assert (exit_box["x"] < help_box["x"]) is (language in RTL), (help_box, exit_box)
    page.set_viewport_size(DESKTOP)
    problems += _axe(page)
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{language} scrolls sideways at 320 px: {width}"
    assert not problems, f"{language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_urdu_end_to_end_switching_to_arabic_midway(
    browsing: Browsing, live_server: LiveServer, js: bool
) -> None:
    page = browsing.page(js=js)
    child = Child(page, "demo")
    page.goto("/c/demo?lang=ur")
    tap(page, t(live_server, "ur", "Start the chat"))
    tap(page, t(live_server, "ur", "Next"))
    tap(page, t(live_server, "ur", "8 to 11", "listened-to:age:8-11"))
    tap(page, t(live_server, "ur", "Sometimes", "listened-to:young_listened:sometimes"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    skip = t(live_server, "ar", "Skip this question")
    review = t(live_server, "ar", "Check your answers")
    for _ in range(10):
        if page.locator("h1").inner_text() == review:
            break
        tap(page, skip)
    expect(page.locator("h1")).to_have_text(review)
    main = page.locator("main")
    expect(main).to_contain_text(t(live_server, "ar", "8 to 11", "listened-to:age:8-11"))
    expect(main).to_contain_text(
        t(live_server, "ar", "Sometimes", "listened-to:young_listened:sometimes")
    )
    tap(page, t(live_server, "ar", "Send my answers"))
    sent = "Your answers have been sent. You can close this page now."
    expect(page.locator(".confirm")).to_have_text(t(live_server, "ar", sent))
    assert child.slug == "demo"
