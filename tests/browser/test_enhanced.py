"""static/js/chat.js: with JavaScript on, the chat posts without reloading, shows the
conversation so far as bubbles, moves focus to the child's answer and announces the bot's
new words (or focuses the new heading), and can read it aloud."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from feedback_bot.extensions import db
from feedback_bot.models import Answer, Submission

from .child import Child
from .conftest import Browsing, LiveServer
from .test_accessibility import _axe
from .test_languages import t

pytestmark = pytest.mark.browser

# The same document all along: one navigation entry, the same time origin, our marker kept.
DOCUMENT = """() => [performance.getEntriesByType('navigation').length, performance.timeOrigin,
  window.stillHere === true]"""
MARK = "() => { window.stillHere = true; }"
# The focused element, and whether the sticky bar covers any of it.
FOCUS = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  const bar = document.querySelector('.bar').getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), text: e.innerText.trim(),
          underBar: r.top < bar.bottom, offScreen: r.bottom > innerHeight}; }"""
# Record what would be spoken: headless Chromium has no audio.
SPEECH = """window.spoken = []; window.hushed = 0;
speechSynthesis.speak = u => { window.spoken.push({text: u.text, lang: u.lang}); };
speechSynthesis.cancel = () => { window.hushed += 1; };"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined});"
TO_REVIEW = [  # the demo for 12 to 15 year olds: (step, argument, the answer it leaves)
    ("tap", "No, not really", "No, not really"),
    ("skip", "", "Skip this question"),
    ("tap", "Yes, most of the time", "Yes, most of the time"),
    ("tap", "No, not really", "No, not really"),
    ("tap", "Me, or we decide together", "Me, or we decide together"),
    ("tap", "No", "No"),
    ("tap", "Yes", "Yes"),
    ("tap", "Sometimes", "Sometimes"),
    ("tap", "A bit", "A bit"),
    ("tap", "Yes", "Yes"),
]
STORED = [
    ("age", "12-15", None, False),
    ("everyday_wait", "no", None, False),
    ("everyday_who", "me", None, False),
    ("go_to", "friend", None, False),
    ("go_to", "helpline", None, False),
    ("has_social_worker", "yes", None, False),
    ("listened", "no", None, False),
    ("school_someone", "yes", None, False),
    ("social_worker_listens", "sometimes", None, False),
    ("social_worker_time", "a_bit", None, False),
    ("told_why", "no", None, False),
    ("views_asked", None, None, True),
    ("views_count", "yes", None, False),
    ("what_would_help", None, "Ask me first, and listen.", False),
]


# The bot's new words as a screen reader hears them (with "The bot asks:"), one line.
BOT_WORDS = """() => [...document.querySelectorAll('main .turn .bubble--bot')]
  .map(b => b.textContent.replace(/\\s+/g, ' ').trim()).join(' ')"""
YOURS = " (your answer)"  # heard after each of the child's bubbles, not seen


def said(page: Page) -> list[str]:
    """The child's answers in the chat-so-far bubbles, as seen."""
    texts = page.locator(".history .bubble--child").all_text_contents()
    assert all(text.endswith(YOURS) for text in texts), texts
    return [text.removesuffix(YOURS) for text in texts]


def expect_the_answer_focused(page: Page) -> None:
    """After an answer: focus on the child's answer bubble, in view and clear of the bar, the
    new question in view below it, and the bot's new words (only) in the live region."""
    expect(page.locator(".history .bubble--child").last).to_be_focused()
    focus = page.evaluate(FOCUS)
    assert focus["tag"] == "li", focus
    assert not focus["underBar"] and not focus["offScreen"], focus
    question = page.locator("main h1").bounding_box()
    assert question and question["y"] < page.viewport_size["height"], question  # type: ignore[index]
    words = page.evaluate(BOT_WORDS)
    assert words.startswith(("The bot asks: ", "The bot says: ")), words
    expect(page.locator("#chat-news")).to_have_text(words)


def expect_the_question_focused(page: Page) -> None:
    """Focus on the new heading, which a screen reader reads out: the live region stays quiet."""
    expect(page.locator("main h1")).to_be_focused()
    focus = page.evaluate(FOCUS)
    assert focus["tag"] == "h1", focus
    assert not focus["underBar"] and not focus["offScreen"], focus
    expect(page.locator("#chat-news")).to_have_text("")


def turn(child: Child, step: str, argument: str = "") -> None:
    """One turn of the chat, then focus where it belongs: the answer, or the new heading."""
    child.do([(step, argument)])
    answered = step in ("skip", "continue") or (step == "tap" and argument != "Next")
    if answered and child.page.locator("main form.turn").count():
        expect_the_answer_focused(child.page)
    else:
        expect_the_question_focused(child.page)


def draft_id(page: Page, live: LiveServer) -> str:
    """The submission the browser's session cookie points at."""
    app = live.app
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == name)
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return str(serializer.loads(cookie)["chat"])


def stored(live: LiveServer, submission_id: str) -> list[tuple[str, str | None, str | None, bool]]:
    """(node, option code, text, skipped) stored for one submission."""
    with live.app.app_context():
        if db.session.get(Submission, submission_id) is None:
            return []
        rows = db.session.execute(
            select(Answer.node_id, Answer.option_code, Answer.text, Answer.skipped)
            .where(Answer.submission_id == submission_id)
            .order_by(Answer.node_id, Answer.option_code)
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]


def in_the_middle(page: Page) -> Child:
    """The demo chat started, age answered: one answer in the bubbles."""
    child = Child(page, "demo")
    child.open()
    page.evaluate(MARK)
    child.tap("Start the chat")
    turn(child, "tap", "Next")
    turn(child, "tap", "12 to 15")
    expect(page.locator("h1")).to_contain_text("Do you feel that the adults who help you")
    return child


def test_a_whole_chat_without_a_reload(browsing: Browsing, live_server: LiveServer) -> None:
    page = browsing.page(js=True)
    child = Child(page, "demo")
    child.open()
    page.evaluate(MARK)
    first = page.evaluate(DOCUMENT)
    child.tap("Start the chat")
    expect_the_question_focused(page)
    expect(page.locator(".history")).to_have_count(0)  # nothing said yet
    turn(child, "tap", "Next")
    expect(page.locator(".history .bubble--bot")).to_have_text(
        [
            "The bot says: Hi! This chat is about being listened to.",
            re.compile("^The bot says: We want to know if adults hear"),
        ]
    )
    turn(child, "tap", "12 to 15")
    expect(page.locator(".history .bubble--bot").last).to_have_text(
        "The bot asks: How old are you?"
    )
    assert said(page) == ["12 to 15"]
    # Back takes the answer out of the bubbles again.
    turn(child, "tap", "Sometimes")
    assert said(page) == ["12 to 15", "Sometimes"]
    turn(child, "back")
    expect(page.locator("h1")).to_contain_text("Do you feel that the adults who help you")
    assert said(page) == ["12 to 15"]
    answers = ["12 to 15"]
    for step, argument, answer in TO_REVIEW:
        turn(child, step, argument)
        answers.append(answer)
        assert said(page) == answers
    child.tick("A friend")
    child.tick("A helpline, like Childline")
    turn(child, "continue")
    assert said(page)[-1] == "A friend, A helpline, like Childline"
    child.write("Ask me first.")
    turn(child, "continue")
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator(".history")).to_have_count(0)  # the review lists them already
    expect(page.locator(".answers")).to_contain_text("Ask me first.")
    # Change the last answer from the review: its bubble goes, the rest stay.
    change = re.compile("^Change your answer to: What would help adults listen")
    child.submit(page.get_by_role("button", name=change))
    expect_the_question_focused(page)
    expect(page.get_by_role("textbox")).to_have_value("Ask me first.")
    assert said(page)[-1] == "A friend, A helpline, like Childline"
    child.write("Ask me first, and listen.")
    turn(child, "continue")
    submission = draft_id(page, live_server)
    assert stored(live_server, submission) == STORED
    child.send()
    expect(page.locator("h1")).to_have_text("Thank you for telling us!")
    expect(page.locator(".history")).to_have_count(0)
    assert page.url == f"{live_server.url}/c/demo/thanks?end=end"
    assert stored(live_server, submission) == STORED
    # One page all along: no reload, no other navigation.
    assert page.evaluate(DOCUMENT) == first
    # The history API holds the chat's own entries; Back shows this address afresh.
    page.go_back()
    expect(page.get_by_role("button", name="Start the chat")).to_be_visible()
    assert page.evaluate("window.stillHere") is None, "Back to another address loads it"


def test_the_new_question_is_announced_once(browsing: Browsing) -> None:
    """A polite live region gets the bot's new words after an answer, while focus is on the
    answer; after Back (focus on the heading, read out anyway) it stays empty."""
    page = browsing.page(js=True)
    in_the_middle(page)
    news = page.locator("[aria-live]:not(.bar *)")
    expect(news).to_have_count(1)
    expect(news).to_have_attribute("aria-live", "polite")
    expect(news).to_have_text(
        "The bot asks: Do you feel that the adults who help you listen to you?"
    )
    expect(page.locator(".history .bubble--child")).to_be_focused()
    assert page.locator("main h1").evaluate("h => h !== document.activeElement")
    # Outside <main>, so the next swap keeps it; not shown on screen.
    assert news.evaluate("n => !n.closest('main') && n.getBoundingClientRect().width <= 1")
    Child(page, "demo").tap("Sometimes")
    expect(news).to_have_text(re.compile("^The bot asks: When adults make big plans"))
    turn(Child(page, "demo"), "back")
    Child(page, "demo").tap("No, not really")  # changed: the new words are said again
    expect(news).to_have_text(re.compile("^The bot asks: When adults make big plans"))


def test_without_javascript_there_is_no_live_region(browsing: Browsing) -> None:
    page = browsing.page(js=False)
    child = Child(page, "demo")
    child.start()
    child.tap("Next")
    child.tap("12 to 15")
    expect(page.locator("main h1")).to_contain_text("Do you feel that the adults who help")
    expect(page.locator("[aria-live], #chat-news")).to_have_count(0)


def test_nothing_is_kept_in_the_browser(browsing: Browsing) -> None:
    page = browsing.page(js=True)
    in_the_middle(page)
    kept = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert kept == [0, 0, ""], kept  # the session cookie is HttpOnly: script cannot see it


def test_stop_and_delete_without_a_reload(browsing: Browsing, live_server: LiveServer) -> None:
    page = browsing.page(js=True)
    child = in_the_middle(page)
    submission = draft_id(page, live_server)
    assert stored(live_server, submission) == [("age", "12-15", None, False)]
    child.stop()
    expect(page.locator("h1")).to_have_text("Your answers are deleted")
    expect_the_question_focused(page)
    expect(page.locator(".history")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("12 to 15")
    assert page.url == f"{live_server.url}/c/demo/stopped"
    assert stored(live_server, submission) == []
    assert page.evaluate("window.stillHere") is True


def test_a_too_long_answer_shows_the_error_in_place(browsing: Browsing) -> None:
    page = browsing.page(js=True)
    child = Child(page, "demo")
    child.start()
    child.do([("tap", "Next"), ("tap", "8 to 11")] + [("skip", "")] * 4)
    child.write("ask me what I think " * 26)
    url = page.url
    child.do([("continue", "")])
    error = page.locator(".error-summary")
    expect(error).to_contain_text("Please write 500 characters or fewer.")
    expect(error).to_be_focused()  # what went wrong comes first
    expect(page.locator("#chat-news")).to_have_text("")  # the alert says it; nothing twice
    assert page.url == url
    assert said(page)[-4:] == ["Skip this question"] * 4  # the failed answer is not in them


def test_quick_exit_leaves_and_keeps_nothing(browsing: Browsing, live_server: LiveServer) -> None:
    page = browsing.page(js=True)
    child = in_the_middle(page)
    assert said(page) == ["12 to 15"]
    child.exit_link().click()
    expect(page).to_have_url(live_server.exit_url)
    assert page.context.cookies() == []
    page.go_back()
    expect(page.get_by_role("button", name="Start the chat")).to_be_visible()
    expect(page.locator(".history")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("12 to 15")


def test_an_answer_in_flight_never_shows_after_the_exit_starts(browsing: Browsing) -> None:
    page = browsing.page(js=True)
    child = in_the_middle(page)
    # Keep the page here to look at it: the exit link points at a fragment (see test_exit.py).
    child.exit_link().evaluate("link => link.setAttribute('href', '#gone')")
    with page.expect_response(re.compile(r"/c/demo$")) as answered:
        page.evaluate(
            """() => { document.querySelector('button[value=sometimes]').click();
                       document.querySelector('.bar__exit').click(); }"""
        )
    assert answered.value.request.method == "POST"
    page.wait_for_timeout(300)  # time for the answer's page to arrive and be (not) swapped in
    main = page.evaluate("document.querySelector('main').textContent")
    assert "Do you feel that the adults who help you" in main
    assert "When adults make big plans" not in main
    expect(page.locator(".history")).to_have_count(0)  # the bubbles went with the exit
    # An answer pressed while leaving is not even sent.
    with pytest.raises(PlaywrightTimeout), page.expect_request(re.compile(r"/c/"), timeout=1_000):
        page.evaluate("document.querySelector('button[value=yes]').click()")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_read_it_to_me(browsing: Browsing, live_server: LiveServer, language: str) -> None:
    page = browsing.page(js=True)
    page.add_init_script(SPEECH)
    page.goto(f"/c/demo?lang={language}")
    expect(page.locator(".read-aloud")).to_have_count(0)  # no bot words on the start page
    child = Child(page, "demo")
    child.tap(t(live_server, language, "Start the chat"))
    child.tap(t(live_server, language, "Next"))
    read, stop = (t(live_server, language, words) for words in ("Read it to me", "Stop reading"))
    button = page.get_by_role("button", name=read)
    button.click()
    spoken = page.evaluate("window.spoken")
    texts = [s["text"] for s in spoken]
    question = t(live_server, language, "How old are you?", "listened-to:age")
    answer = t(live_server, language, "12 to 15", "listened-to:age:12-15")
    assert texts[0] == question, texts  # the words on screen, without "The bot asks:"
    assert answer in texts, texts  # and the answers to pick from
    assert {s["lang"] for s in spoken} == {language}
    expect(page.get_by_role("button", name=stop)).to_be_visible()
    hushed = page.evaluate("window.hushed")
    page.get_by_role("button", name=stop).click()
    expect(page.get_by_role("button", name=read)).to_be_visible()
    assert page.evaluate("window.hushed") > hushed
    assert len(page.evaluate("window.spoken")) == len(spoken), "pressing again only stops"
    # The next turn stops the reading and offers it again for the new question.
    button.click()
    child.tap(answer)
    expect(page.get_by_role("button", name=read)).to_be_visible()
    assert page.evaluate("window.hushed") > hushed + 1


def test_no_read_aloud_without_speech_or_javascript(browsing: Browsing) -> None:
    for page in (browsing.page(js=False), browsing.page(js=True)):
        page.add_init_script(NO_SPEECH)
        child = Child(page, "demo")
        child.start()
        expect(page.locator("main h1")).to_contain_text("This chat is about being listened to")
        expect(page.locator(".read-aloud")).to_be_hidden()  # in the page, keeping its place


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_swapped_in_page_is_accessible(browsing: Browsing, language: str) -> None:
    page = browsing.page(js=True, bypass_csp=True)
    page.goto(f"/c/demo?lang={language}")
    page.evaluate(MARK)
    page.locator("main form button").click()
    for focused in ("main h1", "main h1", ".history li:last-child"):  # Next, answer, answer
        expect(page.locator(focused)).to_be_focused()
        page.locator("main form.turn button").first.click()
    expect(page.locator(".history .bubble--child")).to_have_count(2)
    expect(page.locator(".read-aloud")).to_be_visible()
    assert page.evaluate("window.stillHere") is True
    assert _axe(page) == []
