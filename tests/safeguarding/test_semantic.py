"""The semantic layer: the NumPy model matches sentence-transformers, the bank matches its
sources (vectors and classifier), the settings are exact, clauses are scored apart, and the
rules' vetoes and the language gate hold."""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import runpy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from feedback_bot.safeguarding import bank, detector, needs_help, semantic, warm_up
from feedback_bot.safeguarding.embedding import load_encoder
from feedback_bot.safeguarding.settings import LAST_TUNED, SEMANTIC, Semantic

HERE = Path(__file__).parent
# Vectors computed once by sentence-transformers 6.2.0 on torch 2.13.0 (CPU), from the
# same model files, in a scratch virtualenv outside the repository (see "made_with").
# NumPy's forward pass differed from them by at most 1.6e-7 (2026-11-24).
REFERENCE = json.loads((HERE / "reference_embeddings.json").read_text("utf-8"))
TOLERANCE = 1e-5


def test_numpy_model_matches_sentence_transformers() -> None:
    ours = load_encoder().encode_all(REFERENCE["texts"])
    theirs = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(REFERENCE["texts"]), 384)
    assert float(np.abs(ours - theirs).max()) < TOLERANCE


def test_long_text_is_cut_where_sentence_transformers_cuts_it() -> None:
    longest = max(REFERENCE["texts"], key=len)
    assert len(load_encoder().tokenizer.encode(longest).ids) == 256
    assert abs(float(np.linalg.norm(load_encoder().encode(longest))) - 1) < 1e-5


def test_settings_are_exactly_these() -> None:
    assert (
        Semantic(
            neighbours=5,
            knn_weight=20.0,
            classifier=True,
            clauses=True,
            clause_penalty=0.5,
            threshold=1.1,
            regularisation=1.0,
            languages=frozenset({"en"}),
        )
        == SEMANTIC
    )
    assert datetime.date.fromisoformat(LAST_TUNED) <= datetime.date.today()


@pytest.fixture(scope="module")
def shipped() -> bank.Bank:
    return bank.load_bank()


def test_the_bank_holds_exactly_its_sources(shipped: bank.Bank) -> None:
    """Rebuild with `python -m feedback_bot.safeguarding.bank` after changing either."""
    assert list(shipped.examples) == bank.current_examples()
    assert shipped.vectors.shape == (len(shipped.examples), 384)


def test_every_curated_example_says_when_it_was_written() -> None:
    """validate.py keeps an example out of round r's figures when its writer had read r."""
    curated = yaml.safe_load(
        (HERE.parents[1] / "feedback_bot/safeguarding/examples_en.yaml").read_text("utf-8")
    )
    for entry in curated["danger"] + curated["ordinary"]:
        assert isinstance(entry["round"], int) and isinstance(entry["seen"], int), entry
        assert entry["seen"] < entry["round"], entry


def test_the_bank_holds_no_held_out_message(shipped: bank.Bank) -> None:
    corpus = yaml.safe_load((HERE / "corpus_en.yaml").read_text("utf-8"))
    held = {e["text"] for key in ("danger", "ordinary") for e in corpus[key] if e.get("heldout")}
    assert held, "the corpus has a held-out set"
    assert not held & {e.text for e in shipped.examples}


def test_the_bank_vectors_are_the_models(shipped: bank.Bank) -> None:
    rows = np.random.default_rng(3).choice(len(shipped.examples), 8, replace=False)
    fresh = load_encoder().encode_all([shipped.examples[i].text for i in rows])
    assert float(np.abs(fresh - shipped.vectors[rows]).max()) < 2e-3  # stored as float16


def test_the_bank_classifier_is_the_one_trained_on_its_vectors(shipped: bank.Bank) -> None:
    """The stored weights are what bank.py's training gives on the stored vectors."""
    danger = np.array([e.danger for e in shipped.examples], dtype=bool)
    coef, intercept = bank.train_classifier(shipped.vectors, danger)
    assert shipped.coef.shape == (384,)
    assert float(np.abs(coef - shipped.coef).max()) < 1e-3
    assert abs(intercept - shipped.intercept) < 1e-3


def test_the_bank_has_every_category(shipped: bank.Bank) -> None:
    categories = {e.category for e in shipped.examples if e.danger}
    assert categories == set(detector.load_lexicon("en").labels)
    assert sum(not e.danger for e in shipped.examples) >= 400


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("he put a pillow over my face till i couldnt breathe", "hurt_abuse"),
        ("ive been bedding down in the multi storey", "running_away"),
    ],
)
def test_danger_in_words_the_rules_do_not_know_shows_help(text: str, category: str) -> None:
    assert not detector.read_rules(text).categories
    assert needs_help(text)
    assert detector.matched_categories(text) == {category}


@pytest.mark.parametrize(
    "text", ["my social worker is always late", "i love my foster family", "", "   "]
)
def test_ordinary_messages_are_not_close_to_danger(text: str) -> None:
    assert semantic.danger_category(text) == ""
    assert not needs_help(text)


def test_the_threshold_decides() -> None:
    text = "he put a pillow over my face till i couldnt breathe"
    found = semantic.score(text)
    below = dataclasses.replace(SEMANTIC, threshold=found - 0.001)
    above = dataclasses.replace(SEMANTIC, threshold=found + 0.001)
    assert semantic.danger_category(text, below)
    assert not semantic.danger_category(text, above)


def test_a_message_is_scored_whole_and_clause_by_clause() -> None:
    text = "the food is rubbish, my social worker never calls back and he locks me in the shed"
    assert semantic.pieces(text) == [
        text,
        "the food is rubbish",
        "my social worker never calls back",
        "he locks me in the shed",
    ]
    assert semantic.pieces(text, clauses=False) == [text]
    assert semantic.pieces("  i'm so scared  ") == ["i'm so scared"]  # one-word clauses: no


def test_a_long_message_is_cut_into_at_most_max_clauses() -> None:
    text = ", ".join(f"clause number {i}" for i in range(40))
    found = semantic.pieces(text)
    assert found[0] == text
    assert len(found) <= 1 + semantic.MAX_CLAUSES
    assert "clause number 39" in found[-1]  # nothing at the end is dropped


def test_danger_buried_in_a_complaint_is_not_diluted() -> None:
    text = (
        "my social worker is always late and never listens, the food at the placement is "
        "horrible, nobody explains anything, my reviews are boring, and he put a pillow over "
        "my face till i couldnt breathe"
    )
    assert not detector.read_rules(text).categories
    whole = dataclasses.replace(SEMANTIC, clauses=False)
    assert semantic.score(text) > SEMANTIC.threshold
    assert semantic.score(text) > semantic.score(text, whole)
    assert needs_help(text)


def _forbid_semantic(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def fake(text: str, settings: Semantic = SEMANTIC) -> str:
        asked.append(text)
        return "self_harm"

    monkeypatch.setattr(semantic, "danger_category", fake)
    return asked


@pytest.mark.parametrize(
    "text",
    [
        "I don't feel unsafe",  # negated
        "my brother always beats me at fifa",  # idiom
        "my friend used to self harm but she got help and she's ok now",  # over
    ],
)
def test_a_phrase_the_rules_cancelled_vetoes_the_semantic_layer(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _forbid_semantic(monkeypatch)
    assert not needs_help(text)
    assert asked == []


def test_the_semantic_layer_is_asked_only_when_the_rules_found_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _forbid_semantic(monkeypatch)
    assert needs_help("he hits me")  # the rules decide alone
    assert asked == []
    assert needs_help("a sentence with no danger phrase")  # the (fake) semantic layer says yes
    assert asked == ["a sentence with no danger phrase"]


@pytest.mark.parametrize(
    ("language", "asked"),
    [("en", True), ("en-GB", True), ("xx", True), ("pl", False), ("cy", False), ("ar", False)],
)
def test_the_english_model_reads_only_english_and_unknown_languages(
    language: str, asked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _forbid_semantic(monkeypatch)
    assert needs_help("some words", language) is asked
    assert bool(calls) is asked


def test_model_and_bank_are_loaded_once() -> None:
    assert semantic._loaded() is semantic._loaded()
    assert load_encoder() is load_encoder()


def test_gunicorn_workers_load_the_model_before_the_first_request() -> None:
    settings: dict[str, Any] = runpy.run_path(str(HERE.parents[1] / "gunicorn.conf.py"))
    semantic._loaded.cache_clear()
    settings["post_worker_init"](None)
    assert semantic._loaded.cache_info().currsize == 1
    warm_up()  # and again is cheap
    assert semantic._loaded.cache_info().currsize == 1


def test_nothing_is_logged_or_printed(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    assert needs_help("he put a pillow over my face till i couldnt breathe")
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")
