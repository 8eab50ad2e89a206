"""The skip link, and motion: new words fade in only where the device allows motion."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .child import Child
from .conftest import Browsing
from .test_accessibility import FOCUSED

pytestmark = pytest.mark.browser

# The bot's new words on the page: their CSS animation, and every animation running.
MOTION = """() => [[...document.querySelectorAll('main .turn .bubble--bot')]
  .map(b => getComputedStyle(b).animationName), document.getAnimations().length]"""


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_the_skip_link_goes_past_the_bar(browsing: Browsing, js: bool) -> None:
    page = browsing.page(js=js)
    child = Child(page, "demo")
    child.start()
    child.tap("Next")
    page.goto("/c/demo")  # the same question, freshly loaded: focus starts at the top
    expect(page.locator("main h1")).to_contain_text("How old are you?")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    focused = page.evaluate(FOCUSED)
    assert not focused["hidden"] and focused["ring"], focused  # on top of the sticky bar
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["width"] >= 44 and box["height"] >= 44, box
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the first thing in the main area, not the bar again
    expect(page.get_by_role("button", name="Back", exact=True)).to_be_focused()


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_new_words_fade_in_unless_motion_is_reduced(browsing: Browsing, motion: str) -> None:
    page = browsing.page(js=True, reduced_motion=motion)  # type: ignore[arg-type]
    child = Child(page, "demo")
    child.start()
    child.tap("Next")
    child.tap("8 to 11")
    expect(page.locator("main h1")).to_contain_text("Do grown-ups listen to you?")
    names, running = page.evaluate(MOTION)
    if motion == "reduce":
        assert names == ["none"] and running == 0, (names, running)
    else:  # the control: without the setting, the new question does fade in
        assert names == ["arrive"] and running >= 1, (names, running)
