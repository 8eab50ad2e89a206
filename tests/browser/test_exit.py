"""static/js/exit.js: GOV.UK's "Exit this page", with JavaScript on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .child import Child
from .conftest import LiveServer

pytestmark = pytest.mark.browser

EXITING = "document.documentElement.classList.contains('exiting')"


def _chatting(page: Page) -> Child:
    child = Child(page, "demo")
    child.start()
    child.tap("Next")
    expect(page.locator("h1")).to_contain_text("How old are you?")
    return child


def test_the_button_hides_the_page_at_once(phone_js: Page) -> None:
    child = _chatting(phone_js)
    before = phone_js.evaluate("history.length")
    # Point the link at this page's own fragment, so the page stays put to be looked at
    # while "leaving" (a real exit is in test_chat.py).
    child.exit_link().evaluate("link => link.setAttribute('href', '#gone')")
    child.exit_link().click()
    expect(phone_js.get_by_role("alert")).to_have_text("Loading.")
    expect(phone_js.locator("main")).to_be_hidden()
    expect(phone_js.get_by_role("banner")).to_be_hidden()
    assert phone_js.url.endswith("#gone")
    assert phone_js.evaluate("history.length") == before, "location.replace adds no entry"
    # Coming back from the back-forward cache shows the page again.
    phone_js.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(phone_js.get_by_role("alert")).to_have_count(0)
    expect(phone_js.locator("main")).to_be_visible()
    assert not phone_js.evaluate(EXITING)


def test_three_shift_presses_exit(phone_js: Page, live_server: LiveServer) -> None:
    _chatting(phone_js)
    status = phone_js.get_by_role("status")
    phone_js.keyboard.press("Shift")
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    phone_js.keyboard.press("Shift")
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    phone_js.keyboard.press("Shift")
    expect(phone_js).to_have_url(live_server.exit_url)
    assert phone_js.context.cookies() == []
    phone_js.go_back()
    expect(phone_js.locator("main")).not_to_contain_text("How old are you?")


@pytest.mark.parametrize(
    "keys",
    [
        ["Shift+A", "Shift+A", "Shift+A"],
        ["Shift", "Shift"],
        ["Shift", "Shift", "a", "Shift"],
        ["Shift", "Shift", "Tab", "Shift"],
    ],
    ids=["shift-as-modifier", "two-presses", "another-key-resets", "tab-resets"],
)
def test_other_keys_do_not_exit(phone_js: Page, keys: list[str]) -> None:
    _chatting(phone_js)
    for key in keys:
        phone_js.keyboard.press(key)
    # exit.js marks the page synchronously, inside the keyup handler, before navigating.
    assert not phone_js.evaluate(EXITING)
    expect(phone_js.locator("main")).to_contain_text("How old are you?")


def test_presses_more_than_five_seconds_apart_do_not_exit(phone_js: Page) -> None:
    phone_js.clock.install()
    _chatting(phone_js)
    status = phone_js.get_by_role("status")
    phone_js.keyboard.press("Shift")
    phone_js.clock.run_for(4_000)
    phone_js.keyboard.press("Shift")  # restarts the 5 seconds
    phone_js.clock.run_for(4_000)
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    phone_js.clock.run_for(1_001)
    expect(status).to_have_text("Exit this page expired.")
    phone_js.keyboard.press("Shift")
    assert not phone_js.evaluate(EXITING)
    expect(status).to_have_text("Shift, press 2 more times to exit.")


def test_without_javascript_the_link_is_a_plain_link(phone: Page) -> None:
    child = _chatting(phone)
    expect(child.exit_link()).to_have_attribute("href", "/exit")
    expect(phone.get_by_role("status")).to_have_count(0)
    for _ in range(3):
        phone.keyboard.press("Shift")
    expect(phone.locator("main")).to_contain_text("How old are you?")
