"""A child completes each conversation on a phone, with JavaScript off and on, by tapping."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .child import Child, Step
from .conftest import Browsing, LiveServer

pytestmark = pytest.mark.browser

TOO_LONG = "ask me what I think " * 26  # 520 characters; the limit is 500

# name: (consultation, the walk to the review page, what the review must show)
WALKS: dict[str, tuple[str, list[Step], list[str]]] = {
    "demo-full": (
        "demo",
        [
            ("tap", "Next"),
            ("tap", "12 to 15"),
            ("see", "Do you feel that the adults who help you listen to you?"),
            ("tap", "Sometimes"),
            ("back", ""),
            ("see", "Do you feel that the adults who help you listen to you?"),
            ("tap", "No, not really"),
            ("skip", ""),
            ("tap", "Yes, most of the time"),
            ("tap", "No, not really"),
            ("tap", "Me, or we decide together"),
            ("tap", "No"),
            ("tap", "Yes"),
            ("see", "Does your social worker listen to you?"),
            ("tap", "Sometimes"),
            ("tap", "A bit"),
            ("tap", "Yes"),
            ("tick", "A friend"),
            ("tick", "A helpline, like Childline"),
            ("continue", ""),
            ("write", "Ask me first, before the meeting."),
            ("continue", ""),
        ],
        ["No, not really", "Skipped", "A friend, A helpline, like Childline", "before the meeting"],
    ),
    "demo-8-to-11": (
        "demo",
        [
            ("tap", "Next"),
            ("tap", "8 to 11"),
            ("see", "Do grown-ups listen to you?"),
            ("tap", "Sometimes"),
            ("tap", "Yes"),
            ("back", ""),
            ("see", "Do grown-ups ask what you think before they make plans for you?"),
            ("tap", "Not sure"),
            ("tap", "Yes"),
            ("tick", "A friend"),
            ("continue", ""),
            ("write", TOO_LONG),
            ("continue", ""),
            ("see", "Please write 500 characters or fewer."),
            ("write", "Talk to me on my own."),
            ("continue", ""),
        ],
        ["Sometimes", "Not sure", "A friend", "Talk to me on my own."],
    ),
    "help-full": (
        "help",
        [
            ("tap", "Next"),
            ("tap", "16 or 17"),
            ("tap", "Yes"),
            ("tap", "Some, but not enough"),
            ("tap", "A few weeks"),
            ("tap", "It came a bit late"),
            ("back", ""),
            ("see", "Did help come in time?"),
            ("tap", "It came too late"),
            ("tap", "It helped a bit"),
            ("tick", "A social worker"),
            ("tick", "Someone at school or college"),
            ("continue", ""),
            ("tap", "No one. I asked for help myself."),
            ("skip", ""),
            ("tap", "A bit"),
            ("tap", "Two"),
            ("tap", "No"),
            ("tap", "Most of the time"),
            ("write", "Someone should have asked me sooner."),
            ("continue", ""),
        ],
        ["It came too late", "Skipped", "A social worker, Someone at school or college"],
    ),
    "help-8-to-11": (
        "help",
        [
            ("tap", "Next"),
            ("tap", "8 to 11"),
            ("tap", "Yes"),
            ("tap", "A bit late"),
            ("tap", "A bit"),
            ("tick", "Someone at school"),
            ("continue", ""),
            ("skip", ""),
        ],
        ["A bit late", "Someone at school", "Skipped"],
    ),
}
JS = pytest.mark.parametrize("js", [False, True], ids=["js-off", "js-on"])


@JS
@pytest.mark.parametrize("walk", WALKS)
def test_a_child_completes_the_chat(browsing: Browsing, walk: str, js: bool) -> None:
    slug, steps, review = WALKS[walk]
    child = Child(browsing.page(js=js), slug)
    child.start()
    child.do(steps)
    expect(child.page.locator("h1")).to_have_text("Check your answers")
    for text in review:
        expect(child.page.locator(".answers")).to_contain_text(text)
    child.send()
    expect(child.page.locator("h1")).to_have_text("Thank you for telling us!")
    expect(child.page.locator("main")).to_contain_text("Your answers have been sent.")
    child.open()
    expect(child.button("Start the chat")).to_be_visible()


@JS
def test_stop_and_delete(browsing: Browsing, js: bool) -> None:
    child = Child(browsing.page(js=js), "help")
    child.start()
    child.do([("tap", "Next"), ("tap", "12 to 15"), ("tap", "Yes")])
    child.stop()
    expect(child.page.locator("h1")).to_have_text("Your answers are deleted")
    child.page.get_by_role("link", name="Start again").click()
    expect(child.button("Start the chat")).to_be_visible()


def _in_the_middle_of_a_chat(page: Page) -> Child:
    child = Child(page, "demo")
    child.start()
    child.do([("tap", "Next"), ("tap", "12 to 15")])
    expect(page.locator("h1")).to_contain_text("Do you feel that the adults")
    return child


def _back_shows_no_chat(page: Page) -> None:
    page.go_back()
    expect(page.locator("h1")).to_have_text("Tell us what you think")
    expect(page.get_by_role("button", name="Start the chat")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("adults who help you")


@JS
def test_quick_exit_by_the_button(browsing: Browsing, live_server: LiveServer, js: bool) -> None:
    page = browsing.page(js=js)
    child = _in_the_middle_of_a_chat(page)
    entries = page.evaluate("history.length") if js else None
    child.exit_link().click()
    expect(page).to_have_url(live_server.exit_url)
    if js:  # exit.js leaves with location.replace: the chat's entry is gone from history
        assert page.evaluate("history.length") == entries
    assert page.context.cookies() == [], "the session cookie should be gone"
    _back_shows_no_chat(page)
