"""The themes codebook: it validates, matches the conversations, and tags well enough."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from feedback_bot.dialogue.engine import Given
from feedback_bot.dialogue.lint import conversation_files
from feedback_bot.dialogue.schema import parse_file
from feedback_bot.themes import (
    check_conversations,
    load_codebook,
    parse_codebook,
    tag_answers,
    tag_text,
    used_themes,
)
from feedback_bot.themes_report import load_corpus, macro_f1, mistakes, score

ROOT = Path(__file__).resolve().parents[2]
CODEBOOK = ROOT / "conversations" / "themes.yaml"
CORPUS = Path(__file__).parent / "corpus.yaml"
GUIDE_THEMES = {
    "listened_to", "views_in_decisions", "help_in_time", "help_useful", "early_help",
    "social_worker_relationship", "social_worker_changes", "decisions_too_far_away",
    "someone_at_school", "health_noticing", "police", "waiting_for_courts", "online_safety",
    "feeling_safe", "paperwork_not_people",
}  # fmt: skip
# In the codebook (from the guide, and found in free text) but no conversation asks about
# it yet. Remove it from here once a question or option names it.
NOT_YET_ASKED = {"online_safety"}
MACRO_F1_BAR = 0.8


def _conversations() -> list[Any]:
    found = []
    for path in conversation_files(ROOT / "conversations"):
        conv, problems = parse_file(path)
        assert conv is not None, problems
        found.append(conv)
    return found


def _theme(**changes: Any) -> dict[str, Any]:
    theme: dict[str, Any] = {
        "id": "police",
        "name": "Police",
        "child_name": "The police",
        "description": "The police.",
        "recommendations": [2],
        "phrases": ["police*"],
    }
    theme.update(changes)
    return {key: value for key, value in theme.items() if value is not None}


def test_codebook_is_valid_and_has_the_guide_themes() -> None:
    codebook = load_codebook(CODEBOOK)
    assert codebook.problems == ()
    assert codebook.ids >= GUIDE_THEMES
    for theme in codebook.themes.values():
        assert all(1 <= r <= 15 for r in theme.recommendations), theme.id


def test_conversations_and_codebook_use_the_same_themes() -> None:
    codebook = load_codebook(CODEBOOK)
    conversations = _conversations()
    used = {theme for conv in conversations for _, theme in used_themes(conv)}
    assert check_conversations(codebook, conversations) == []
    assert used | NOT_YET_ASKED >= GUIDE_THEMES
    assert not used & NOT_YET_ASKED, "a conversation asks about it now: drop it from NOT_YET_ASKED"
    assert codebook.ids == used | NOT_YET_ASKED, "a theme no conversation names"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("nonsense", "themes.yaml:-: must be a mapping with 'spec' and 'themes'"),
        ({"spec": 1, "themes": []}, "themes.yaml:-: 'themes' must be a non-empty list"),
        ({"spec": 2, "themes": [_theme()]}, "themes.yaml:-: 'spec' must be 1, not 2"),
        ({"spec": 1, "themes": [_theme()], "extra": 1}, "themes.yaml:-: unknown key 'extra'"),
        ({"spec": 1, "themes": [_theme(colour="blue")]}, "themes.yaml:police: unknown key 'colour'"),
        ({"spec": 1, "themes": [_theme(name=None)]}, "themes.yaml:police: missing 'name'"),
        ({"spec": 1, "themes": [_theme(phrases=None)]}, "themes.yaml:police: missing 'phrases'"),
        ({"spec": 1, "themes": [_theme(), _theme()]}, "themes.yaml:police: duplicate id"),
        ({"spec": 1, "themes": [_theme(phrases=[])]}, "themes.yaml:police: 'phrases' must be a non-empty list"),
        ({"spec": 1, "themes": [_theme(phrases=["cop", " "])]}, "themes.yaml:police: empty phrase ' '"),
        ({"spec": 1, "themes": [_theme(phrases=["*"])]}, "themes.yaml:police: empty phrase '*'"),
        ({"spec": 1, "themes": [_theme(phrases=["Cops"])]}, "themes.yaml:police: phrase 'Cops' must be lower case"),
        ({"spec": 1, "themes": [_theme(phrases=["co*p"])]}, "themes.yaml:police: phrase 'co*p': '*' only at the end of a word"),
        ({"spec": 1, "themes": [_theme(recommendations=["2"])]}, "themes.yaml:police: 'recommendations' must be a list of whole numbers, not ['2']"),
        ({"spec": 1, "themes": [_theme(recommendations=[True])]}, "themes.yaml:police: 'recommendations' must be a list of whole numbers, not [True]"),
        ({"spec": 1, "themes": [_theme(id="Police!")]}, "themes.yaml:#1: 'id' must be lower case letters, digits and _, not 'Police!'"),
    ],
)  # fmt: skip
def test_broken_codebooks_say_what_is_wrong(data: Any, expected: str) -> None:
    codebook = parse_codebook(data)
    assert expected in codebook.problems


def test_a_broken_theme_does_not_stop_the_others() -> None:
    codebook = parse_codebook(
        {"spec": 1, "themes": [_theme(name=None), _theme(id="online_safety")]}
    )
    assert codebook.problems == ("themes.yaml:police: missing 'name'",)
    assert codebook.ids == {"online_safety"}


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("themes: [unclosed", encoding="utf-8")
    (problem,) = load_codebook(path).problems
    assert problem.startswith("themes.yaml:-: cannot be read as YAML")


def test_unknown_theme_in_a_conversation_is_reported() -> None:
    conv = next(c for c in _conversations() if c.id == "listened-to")
    codebook = parse_codebook({"spec": 1, "themes": [_theme()]})
    problems = [str(p) for p in check_conversations(codebook, [conv])]
    assert f"{conv.source}:listened: unknown theme 'listened_to'" in problems


def test_phrases_match_whole_words_prefixes_and_ignore_case_and_apostrophes() -> None:
    codebook = load_codebook(CODEBOOK)
    assert "listened_to" in tag_text(codebook, "They NEVER Listened")
    assert "police" not in tag_text(codebook, "i copy my homework")
    assert "police" in tag_text(codebook, "the cops came")
    assert "waiting_for_courts" in tag_text(codebook, "I don\u2019t know what will happen")
    assert "someone_at_school" in tag_text(codebook, "i went to [school] today")
    assert tag_text(codebook, "") == frozenset()


def test_tag_answers_maps_picked_options_not_questions() -> None:
    conv = next(c for c in _conversations() if c.id == "listened-to")
    codebook = load_codebook(CODEBOOK)
    answers = {
        "listened": Given(codes=("no",)),
        "views_asked": Given(codes=("yes",)),
        "go_to": Given(codes=("social_worker", "health", "friend")),
        "what_would_help": Given(text="my sw keeps changing"),
        "not_a_node": Given(codes=("no",)),
    }
    assert tag_answers(conv, answers) == {
        "listened_to",
        "social_worker_relationship",
        "health_noticing",
    }
    assert "social_worker_changes" in tag_answers(conv, answers, codebook)
    assert tag_answers(conv, {"listened": Given(codes=("yes",))}) == frozenset()


def test_tagging_reaches_the_bar_on_the_corpus() -> None:
    codebook = load_codebook(CODEBOOK)
    examples = load_corpus(CORPUS)
    held = [e for e in examples if e.heldout]
    assert len(examples) >= 150 and len(held) >= 40
    assert sum(1 for e in examples if not e.themes) >= 15
    assert all(e.themes <= codebook.ids and len(e.themes) <= 3 for e in examples)
    overall = macro_f1(score(codebook, examples))
    main = macro_f1(score(codebook, [e for e in examples if not e.heldout]))
    heldout = macro_f1(score(codebook, held))
    message = f"macro F1 all {overall:.3f}, main {main:.3f}, held-out {heldout:.3f}\n" + "\n".join(
        mistakes(codebook, examples)
    )
    assert overall >= MACRO_F1_BAR, message
    assert heldout >= MACRO_F1_BAR, message
