"""The free-text scrubber: gates on the marked corpus, then one behaviour at a time.

Needs no app and no fixture from tests/conftest.py.
"""

from __future__ import annotations

import itertools
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from markupsafe import escape

from feedback_bot.privacy.report import Item, evaluate, leaked, load
from feedback_bot.privacy.scrub import CATEGORIES, clean, find, scrub

CORPUS = Path(__file__).with_name("corpus.yaml")
_DIGIT_RUN = re.compile(r"\d(?:[ ().-]{0,3}\d)*")


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load(CORPUS)


def _show(lines: list[str]) -> str:
    return "\n".join(lines[:40])


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_is_large_varied_and_has_controls(items: list[Item]) -> None:
    per_category = Counter(category for item in items for _, category in item.pii)
    assert len(items) >= 200
    assert sum(item.heldout for item in items) >= 50
    assert sum(not item.pii for item in items) >= 40
    assert set(per_category) == set(CATEGORIES)
    assert min(per_category.values()) >= 8, per_category


def test_recall_and_precision_on_the_whole_corpus(items: list[Item]) -> None:
    tally = evaluate(items)
    misses = [f"{g.category} {g.text!r}: {out}" for _, g, out in tally.misses]
    wrong = [f"{category} {found!r}: {text}" for text, found, category in tally.wrong]
    assert tally.recall() >= 0.95, _show(misses)
    assert tally.precision() >= 0.90, _show(wrong)


def test_no_email_survives(items: list[Item]) -> None:
    leaks = [
        f"{pii!r}: {scrub(item.text)}"
        for item in items
        for pii, category in item.pii
        if category == "email" and leaked(scrub(item.text), pii)
    ]
    assert leaks == []


def test_no_seven_digits_of_a_phone_survive(items: list[Item]) -> None:
    leaks = []
    for item in items:
        out = scrub(item.text)
        runs = ["".join(c for c in run if c.isdigit()) for run in _DIGIT_RUN.findall(out)]
        for pii, category in item.pii:
            if category != "phone":
                continue
            digits = "".join(c for c in pii if c.isdigit())
            windows = {digits[k : k + 7] for k in range(len(digits) - 6)}
            if any(w in run for w in windows for run in runs):
                leaks.append(f"{pii!r}: {out}")
    assert leaks == []


def test_negative_controls_are_unchanged(items: list[Item]) -> None:
    changed = [scrub(item.text) for item in items if not item.pii]
    expected = [clean(item.text) for item in items if not item.pii]
    assert [c for c, e in zip(changed, expected, strict=True) if c != e] == []


def test_find_gives_sorted_disjoint_typed_spans(items: list[Item]) -> None:
    for item in items:
        text = clean(item.text)
        spans = find(text)
        assert spans == sorted(spans)
        for (_, end, _), (start, _, _) in itertools.pairwise(spans):
            assert end <= start
        assert all(category in CATEGORIES and 0 <= s < e <= len(text) for s, e, category in spans)


def test_scrubbing_twice_changes_nothing_more(items: list[Item]) -> None:
    once = [scrub(item.text) for item in items]
    assert [scrub(text) for text in once] == once


# --- cleaning ---------------------------------------------------------------------------------


def test_html_tags_are_removed_and_their_text_kept() -> None:
    assert scrub("<b>I feel</b> <i>sad</i>") == "I feel sad"
    assert scrub('<a href="https://example.com/kez">my page</a> helps') == "my page helps"
    assert "<" not in scrub("<script>alert(1)</script>hello")
    assert scrub("<p>line one</p>\n<p>line two</p>") == "line one line two"


def test_entities_are_decoded_once_so_jinja_escapes_once() -> None:
    assert scrub("fish &amp; chips") == "fish & chips"
    assert scrub("i &lt;3 my carer") == "i <3 my carer"
    assert scrub("i <3 my carer & 5 > 3") == "i <3 my carer & 5 > 3"
    assert str(escape(scrub("fish &amp; chips"))) == "fish &amp; chips"


def test_whitespace_is_normalised() -> None:
    assert scrub("  i   feel\n\n sad\t\u200b ") == "i feel sad"


# --- what must be kept ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I waited 6 weeks for a call back",
        "last month my worker finally came",
        "since year 7 nobody asked me",
        "it took 2 years to get help",
        "contact is every 2 weeks for 90 minutes",
        "from 2019 to 2021 I had 5 workers",
        "my review is at 10.30 on Monday",
        "I have been in care for 18 months",
        "In Year 10 things got better",
    ],
)
def test_durations_and_times_are_kept(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "call Childline on 0800 1111 or 999 if you are in danger",
        "0800 1111 is free and 999 is for emergencies",
        "I rang 0800 1111 twice",
        "the NSPCC helpline is 0808 800 5000",
        "Samaritans on 116 123 helped",
    ],
)
def test_helpline_numbers_are_kept(text: str) -> None:
    assert scrub(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Childline, the police and my social worker all helped",
        "my IRO and my foster mum came to the review",
        "CAMHS and the NSPCC should talk to each other",
        "Ofsted should ask children more",
        "I feel sad, angry and lonely when nobody listens",
        "My Social Worker listened to me for once",
        "Sometimes my carer takes me to Kooth",
    ],
)
def test_services_roles_and_feelings_are_kept(text: str) -> None:
    assert scrub(text) == text


# --- what must go, and as what ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my social worker sarah never calls", "my social worker [name] never calls"),
        ("Miss Khan listens", "Miss [name] listens"),
        ("ring 07700 900123 or +44 7700 900456", "ring [phone] or [phone]"),
        ("the home is (0113) 496 0000", "the home is [phone]"),
        ("email jo.smith@example.com", "email [email]"),
        ("postcode LS1 4AP or ls14ap", "postcode [postcode] or [postcode]"),
        ("I live in M1", "I live in [postcode]"),
        ("I live at flat 3, 12 oak road", "I live at [address]"),
        ("I go to St Mary's Primary", "I go to [school]"),
        ("i am at oakwood academy", "i am at [school]"),
        ("my snap is jaz_xo", "my snap is [handle]"),
        ("follow @kezza_99", "follow [handle]"),
        ("see https://example.com/me", "see [url]"),
        ("nhs number 999 123 4560", "nhs number [nhs-number]"),
        ("born on 3/4/2012", "born on [date-of-birth]"),
        ("my birthday is 3rd May 2012", "my birthday is [date-of-birth]"),
        ("I used to live in Huddersfield", "I used to live in [place]"),
    ],
)
def test_placeholders_are_typed(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_categories_are_the_placeholder_names() -> None:
    assert len(set(CATEGORIES)) == len(CATEGORIES) == 11
    assert "name" in CATEGORIES and "nhs-number" in CATEGORIES


# --- safety on hostile input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000 + "@",
        "0 " * 5_000,
        "1-" * 5_000,
        "St " * 3_000,
        "x at " * 2_000,
        "x dot " * 2_000,
        "Kez Bob " * 1_200,
        "12 oak oak oak " * 700,
        "<b>" * 3_000,
        "my snap is is is " * 600,
    ],
)
def test_long_hostile_input_is_quick(text: str) -> None:
    started = time.perf_counter()
    scrub(text)
    assert time.perf_counter() - started < 2.0
