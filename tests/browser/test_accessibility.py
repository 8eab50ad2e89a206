"""WCAG 2.2 AA in a real browser: axe-core on every page a child can see, at a phone's and
a laptop's size; targets of 44x44, reflow at 320 px and at 200% zoom, and a keyboard-only
walk with focus visible and in view.

To check a new page, add one line to PAGES.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .child import Child, Step
from .conftest import DESKTOP, PHONE, Browsing

pytestmark = pytest.mark.browser

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
TOO_LONG = "ask me what I think " * 26  # 520 characters; the limit is 500
WORRYING = "my stepdad hits me"  # brings up the "Are you safe?" screen

Reach = Callable[[Child], None]


def goto(path: str) -> Reach:
    """Open a page by its address."""

    def reach(child: Child) -> None:
        child.page.goto(path)

    return reach


def chat(*steps: Step | str) -> Reach:
    """Start the demo chat, then tap buttons (plain strings) or take other steps."""

    def reach(child: Child) -> None:
        child.start()
        for step in steps:
            if isinstance(step, str):
                child.tap(step)
            elif step[0] == "other-tab":  # a button pressed in the same chat in another tab
                other = Child(child.page.context.new_page(), child.slug)
                other.open()
                other.tap(step[1])
            elif step[0] == "spoil-token":  # the form's CSRF token no longer checks out
                child.page.locator("input[name=csrf_token]").evaluate_all(
                    "inputs => inputs.forEach(input => { input.value = 'spoilt' })"
                )
            else:
                child.do([step])

    return reach


YOUNG = ("Next", "8 to 11")
TO_TEXT = (*YOUNG, ("skip", ""), ("skip", ""), ("skip", ""), ("skip", ""))
ANSWERED = (*YOUNG, "Sometimes", ("skip", ""), "Yes", ("tick", "A friend"), "Continue")
# name: (how a child gets there, words the page must show)
PAGES: dict[str, tuple[Reach, str]] = {
    "index": (goto("/"), "To start a chat, open the link"),
    "start": (goto("/c/demo"), "Start the chat"),
    "message": (chat(), "This chat is about being listened to."),
    "choice": (chat("Next"), "How old are you?"),
    "faces": (chat(*YOUNG), "Do grown-ups listen to you?"),
    "chosen-answer": (chat(*YOUNG, "Sometimes", ("back", "")), "(your answer)"),
    "multi": (chat(*YOUNG, ("skip", ""), ("skip", ""), ("skip", "")), "Tick as many as you like."),
    "text": (chat(*TO_TEXT), "What would help grown-ups listen to you more?"),
    "text-error": (chat(*TO_TEXT, ("write", TOO_LONG), "Continue"), "There is a problem"),
    "are-you-safe": (chat(*TO_TEXT, ("write", WORRYING), "Continue"), "Are you safe?"),
    "review": (chat(*ANSWERED, ("skip", "")), "Check your answers"),
    "thanks": (chat(*TO_TEXT, ("skip", ""), "Send my answers"), "Your answers have been sent."),
    "stopped": (chat("Next", "Stop and delete my answers"), "Your answers are deleted"),
    "lost": (
        chat("Next", ("other-tab", "Stop and delete my answers"), "8 to 11"),
        "Sorry, we lost your place",
    ),
    "stale": (chat("Next", ("other-tab", "12 to 15"), "8 to 11"), "That answer did not fit"),
    "token-expired": (chat("Next", ("spoil-token", ""), "8 to 11"), "Sorry, please try that again"),
    "help": (goto("/help?c=demo"), "If you are in danger now"),
    "privacy": (goto("/privacy?c=demo"), "What we never keep"),
    "not-found": (goto("/c/no-such-chat"), "We can’t find that page"),
    "closed": (goto("/c/closed"), "This chat is closed"),
}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: no sideways scrolling at 320 CSS px
ZOOMED = {"width": 640, "height": 400}  # a 1280x800 laptop at 200% zoom, in CSS px (1.4.4)
TARGET = 44  # CSS px: WCAG 2.5.5's size, which 2.5.8 (24) allows less than; children need it

# Every control a child can tap or type in on the page, with its size. A link inside a
# sentence is left out: WCAG 2.5.8 exempts inline targets, whose size the line sets.
TARGETS = """() => {
  const inline = e => e.tagName === 'A' && getComputedStyle(e).display === 'inline' &&
    e.parentElement.textContent.trim().length > e.textContent.trim().length;
  return [...document.querySelectorAll('a[href], button, input, textarea, select, summary')]
    .filter(e => e.type !== 'hidden' && e.checkVisibility({visibilityProperty: true}))
    .filter(e => !e.closest('.visually-hidden') && !inline(e))
    .map(e => { const r = e.getBoundingClientRect();
      return {name: (e.innerText || e.name || e.id).trim().slice(0, 40), width: r.width,
              height: r.height}; });
}"""
# Text at twice its size (the phone's text-size setting, 1.4.4): nothing clipped sideways.
LARGE_TEXT = "() => { document.documentElement.style.fontSize = '200%'; }"


def _axe(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each."""
    if not page.evaluate("typeof axe === 'object'"):
        page.evaluate(AXE.axe_script)  # through CDP, and the context bypasses the page's CSP
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")  # faded in
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    lines = []
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return lines


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible(browsing: Browsing, name: str) -> None:
    """axe at 390x844 and 1280x800, targets of 44x44 CSS px at 390x844, and no sideways
    scroll at 320 px wide, at 200% zoom or with text at twice its size."""
    page = browsing.page(js=True, bypass_csp=True)  # a phone; resized below, not reloaded
    reach, shows = PAGES[name]
    reach(Child(page, "demo"))
    expect(page.locator("main")).to_contain_text(shows)
    problems = [f"at 390x844: {line}" for line in _axe(page)]
    targets = page.evaluate(TARGETS)
    assert targets, "no targets found: the measuring script is broken"
    small = [t for t in targets if t["width"] < TARGET or t["height"] < TARGET]
    problems += [f"target under {TARGET}x{TARGET} CSS px: {target}" for target in small]
    page.set_viewport_size(DESKTOP)
    problems += [f"at 1280x800: {line}" for line in _axe(page)]
    problems += _sideways(page, NARROW, "at 320 px wide (WCAG 1.4.10)")
    problems += _sideways(page, ZOOMED, "at 200% zoom (WCAG 1.4.4)")
    page.evaluate(LARGE_TEXT)
    problems += _sideways(page, PHONE, "on a phone with text at 200% (WCAG 1.4.4)")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def _sideways(page: Page, size: dict[str, int], where: str) -> list[str]:
    """A problem if the page is wider than the window at this size (it would scroll sideways)."""
    page.set_viewport_size(size)
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"scrolls sideways {where}: {width} px"] if width > size["width"] else []


def test_axe_finds_what_it_should(browsing: Browsing) -> None:
    """A control: a deliberately broken page, so a silently broken axe set-up cannot pass."""
    page = browsing.page(js=True, bypass_csp=True)
    page.set_content(
        '<html><body><main><img src="data:,"><button></button>'
        '<p style="color:#bbb">faint</p></main></body></html>'
    )
    found = " ".join(_axe(page))
    for rule in ("image-alt", "button-name", "color-contrast", "html-has-lang"):
        assert f"{rule} (" in found, found


# Is the focused element on screen and not under the sticky bar? Three points must hit it.
# And is focus visible (2.4.7): an outline or ring of 2 px or more, as chat.css draws it?
FOCUSED = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
    /\\d+px \\d+px \\d+px [2-9]/.test(style.boxShadow);
  const x = r.width / 4, y = r.height / 4;  // clear of rounded corners
  const points = [[r.left + 2 * x, r.top + 2 * y], [r.left + x, r.top + y], [r.right - x, r.top + y]];
  const hidden = points.filter(([x, y]) => !e.contains(document.elementFromPoint(x, y)));
  const label = e.labels && e.labels.length ? e.labels[0] : e.querySelector('.option__label');
  return {tag: e.tagName.toLowerCase(), name: (label || e).innerText.trim(),
          hidden: hidden.length > 0, top: r.top, ring: ring};
}"""


def _tab_to(page: Page, name: str, key: str = "Tab") -> None:
    """Press Tab until the named control has focus, checking each stop is in view (2.4.11)."""
    seen = []
    for _ in range(40):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        assert not focused["hidden"], f"focus is hidden (WCAG 2.4.11): {focused}"
        assert focused["ring"], f"no visible focus indicator (WCAG 2.4.7): {focused}"
        seen.append(focused["name"] or focused["tag"])
        if name in (focused["name"], focused["tag"]):
            return
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def _press(page: Page, name: str, key: str = "Enter") -> None:
    _tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_keyboard_only_walk(browsing: Browsing, js: bool) -> None:
    page = browsing.page(js=js)
    page.goto("/c/demo")
    _press(page, "Start the chat")
    _press(page, "Next")
    _press(page, "8 to 11", "Space")
    _press(page, "Sometimes")
    _press(page, "Yes", "Space")
    _press(page, "Skip this question")
    _tab_to(page, "A friend")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="A friend")).to_be_checked()
    _press(page, "Continue")
    _tab_to(page, "textarea")
    page.keyboard.type("Listen to me.")
    _press(page, "Continue")
    expect(page.locator("h1")).to_have_text("Check your answers")
    # Back up the long review with Shift+Tab: here the sticky bar could cover the focus.
    # (Shift as a modifier must not count towards the quick exit's three presses either.)
    _tab_to(page, "Send my answers")
    _tab_to(page, "Back", "Shift+Tab")
    assert page.evaluate("scrollY") == 0
    _press(page, "Send my answers", "Space")
    expect(page.locator("h1")).to_have_text("Thank you for telling us!")
