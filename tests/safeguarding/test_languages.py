"""The danger lexicon in every language a child can chat in, measured on its own corpus.

Each corpus (corpus_<code>.yaml) was written with its lexicon; its held-out messages were
written after the lexicon was frozen (the freeze hash is in each corpus header). The
held-out floors below are the rates measured then: tripwires against getting worse, not
claims that the 95% goal is met. Raise a floor after a new tuning round with a fresh
held-out set; never lower one to make a change pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from feedback_bot.config import load_config
from feedback_bot.safeguarding import detector, needs_help

HERE = Path(__file__).parent
LANGUAGES = [code for code in load_config(str(HERE / "instance"))["LANGUAGES"] if code != "en"]
MIN_TUNED_HIT_RATE = 0.95
MAX_FALSE_ALARM_RATE = 0.10
HELD_OUT_FLOOR = {  # measured at each lexicon's freeze (see the module docstring)
    "cy": 5 / 12,
    "pl": 10 / 14,
    "ur": 8 / 12,
    "ar": 11 / 14,
    "ro": 9 / 12,
    "bn": 6 / 12,
    "so": 2 / 12,
}


def corpus(language: str) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        (HERE / f"corpus_{language}.yaml").read_text("utf-8")
    )
    return data


def test_every_chat_language_has_a_lexicon_and_a_corpus() -> None:
    assert detector.available_languages() == {"en", *LANGUAGES}
    assert {p.stem.removeprefix("corpus_") for p in HERE.glob("corpus_*.yaml")} == {
        "en",
        *LANGUAGES,
    }
    assert set(HELD_OUT_FLOOR) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lexicon_has_every_category(language: str) -> None:
    assert set(detector.load_lexicon(language).labels) == set(detector.load_lexicon("en").labels)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_is_big_enough(language: str) -> None:
    data = corpus(language)
    danger, ordinary = data["danger"], data["ordinary"]
    assert len(danger) >= 42 and len(ordinary) >= 40
    assert sum(bool(e.get("heldout")) for e in danger) >= 12
    assert sum(bool(e.get("heldout")) for e in ordinary) >= 12
    for category in detector.load_lexicon("en").labels:
        assert sum(e["category"] == category for e in danger) >= 5, category
    assert all(e.get("en") for e in danger + ordinary), "every message has an English gloss"


def _missed(language: str, entries: list[dict[str, Any]]) -> tuple[float, list[str]]:
    missed = [e["en"] for e in entries if not needs_help(e["text"], language)]
    return 1 - len(missed) / len(entries), missed


@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_messages_tuned_on_show_help(language: str) -> None:
    rate, missed = _missed(
        language, [e for e in corpus(language)["danger"] if not e.get("heldout")]
    )
    assert rate >= MIN_TUNED_HIT_RATE, f"{language}: {rate:.1%}; missed (glosses): {missed}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_unseen_danger_messages_show_help_no_less_than_before(language: str) -> None:
    rate, missed = _missed(language, [e for e in corpus(language)["danger"] if e.get("heldout")])
    assert rate >= HELD_OUT_FLOOR[language] - 1e-9, f"{language}: {rate:.1%}; missed: {missed}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_ordinary_messages_rarely_show_help(language: str) -> None:
    entries = corpus(language)["ordinary"]
    shown = [e["en"] for e in entries if needs_help(e["text"], language)]
    assert len(shown) / len(entries) <= MAX_FALSE_ALARM_RATE, f"{language}: {shown}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_english_is_always_checked_too(language: str) -> None:
    """Children mix languages."""
    assert needs_help("my dad hits me", language)
    assert not needs_help("my social worker is nice", language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("no, he hits me", "en"), ("not really, my dad hits me", "en"), ("لا، بيضربني", "ar")],
)
def test_a_comma_right_after_a_negation_stops_it(text: str, language: str) -> None:
    assert needs_help(text, language)
