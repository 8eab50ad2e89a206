"""Reading level works offline and gives textstat's published figure."""

from __future__ import annotations

import pytest

from feedback_bot.dialogue import readability


def test_known_sentence_scores_as_textstat_documents() -> None:
    text = (
        "The council will open the new library on Monday. "
        "Please bring your card if you want to borrow books."
    )
    assert readability.grade(text) == pytest.approx(3.64, abs=0.01)


def test_hard_words_score_higher_than_easy_ones() -> None:
    easy = readability.grade("Do you feel listened to?")
    hard = readability.grade("Do practitioners adequately incorporate your perspectives?")
    assert easy < 5 < hard
