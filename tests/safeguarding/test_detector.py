"""The safeguarding detector: the corpus rates, negation, reported speech, spelling,
languages, the lexicon format, and that nothing a child writes is logged.

The corpus rates are the whole detector's (rules, then the semantic layer); the semantic
layer's own checks are in test_semantic.py."""

from __future__ import annotations

import ast
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import feedback_bot.safeguarding
from feedback_bot.safeguarding import (
    compiler,
    detector,
    matched_categories,
    needs_help,
    validate_lexicon,
)

CORPUS_PATH = Path(__file__).with_name("corpus_en.yaml")
LEXICON_DIR = Path(detector.__file__).with_name("lexicon")
# On messages the detector was tuned on: a drop means a rule or the bank broke. Round 4
# measured 568/568 danger and 3/541 = 0.6% false alarms on them (the bank holds them all).
MIN_TUNED_HIT_RATE = 0.99
MAX_TUNED_FALSE_ALARM_RATE = 0.02
# On messages written blind while round 4 was tuned (see the corpus header). The goal is
# 0.95 with at most 0.10 false alarms; round 4 measured 97/100 = 97.0% of danger messages
# and 13/101 = 12.9% false alarms (none of them on a complaint about services: lookalikes,
# idioms, negations and past danger), so the second is a tripwire just past the measured
# figure, not a claim that its goal is met.
MIN_HELD_OUT_HIT_RATE = 0.95
MAX_HELD_OUT_FALSE_ALARM_RATE = 0.14
MAX_FALSE_ALARM_RATE = 0.10  # over every ordinary message, tuned-on and held-out


Corpus = dict[str, Any]
Found = dict[str, frozenset[str]]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(CORPUS_PATH.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def found(corpus: Corpus) -> Found:
    """What the detector finds in each corpus message, read once for all the tests below
    (the semantic layer makes reading the whole corpus take seconds)."""
    return {e["text"]: matched_categories(e["text"]) for key in corpus for e in corpus[key]}


def _rates(entries: list[dict[str, Any]], found: Found) -> tuple[str, float, list[str]]:
    """'main a/b, held-out c/d', the overall share that showed help, and those that did."""
    shown = [e["text"] for e in entries if found[e["text"]]]
    parts = []
    for name, held in (("main", False), ("held-out", True)):
        group = [e for e in entries if bool(e.get("heldout")) == held]
        hits = sum(bool(found[e["text"]]) for e in group)
        parts.append(f"{name} {hits}/{len(group)} = {hits / max(len(group), 1):.1%}")
    return ", ".join(parts), len(shown) / len(entries), shown


# --- the corpus ---------------------------------------------------------------------------


MIN_HELD_OUT = 60  # per list; a fresh held-out set is written after each tuning round


def test_corpus_is_big_enough_and_has_a_real_held_out_set(corpus: Corpus) -> None:
    """Each round's held-out set is rotated into the main set once it has been tuned on
    (see the corpus header), so the held-out share falls as the corpus grows: we ask for
    at least MIN_HELD_OUT held-out messages per list, and at least a tenth."""
    lexicon_categories = set(detector.load_lexicon("en").labels)
    for key in ("danger", "ordinary"):
        entries = corpus[key]
        assert len(entries) >= 120, key
        held = sum(bool(e.get("heldout")) for e in entries)
        assert held >= MIN_HELD_OUT and held / len(entries) >= 0.10, (key, held, len(entries))
        texts = [e["text"] for e in entries]
        assert len(texts) == len(set(texts)), f"{key}: a message is listed twice"
    assert {e["category"] for e in corpus["danger"]} == lexicon_categories
    danger_texts = {e["text"] for e in corpus["danger"]}
    assert not danger_texts & {e["text"] for e in corpus["ordinary"]}


def _hit_rate(entries: list[dict[str, Any]], found: Found) -> tuple[float, list[str]]:
    missed = [e["text"] for e in entries if not found[e["text"]]]
    return 1 - len(missed) / len(entries), missed


def test_danger_messages_tuned_on_show_help(corpus: Corpus, found: Found) -> None:
    rate, missed = _hit_rate([e for e in corpus["danger"] if not e.get("heldout")], found)
    assert rate >= MIN_TUNED_HIT_RATE, f"tuned-on hit rate {rate:.1%}; missed: {missed}"


def test_unseen_danger_messages_show_help_no_less_than_before(corpus: Corpus, found: Found) -> None:
    rate, missed = _hit_rate([e for e in corpus["danger"] if e.get("heldout")], found)
    assert rate >= MIN_HELD_OUT_HIT_RATE, f"held-out hit rate {rate:.1%}; missed: {missed}"


def test_ordinary_messages_tuned_on_rarely_show_help(corpus: Corpus, found: Found) -> None:
    tuned = [e for e in corpus["ordinary"] if not e.get("heldout")]
    shown = [e["text"] for e in tuned if found[e["text"]]]
    rate = len(shown) / len(tuned)
    assert rate <= MAX_TUNED_FALSE_ALARM_RATE, f"tuned-on false alarms {rate:.1%}: {shown}"


def test_ordinary_messages_rarely_show_help(corpus: Corpus, found: Found) -> None:
    split, rate, shown = _rates(corpus["ordinary"], found)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false alarms {rate:.1%} ({split}): {shown}"


def test_unseen_ordinary_messages_show_help_no_more_than_before(
    corpus: Corpus, found: Found
) -> None:
    held = [e for e in corpus["ordinary"] if e.get("heldout")]
    shown = [e["text"] for e in held if found[e["text"]]]
    rate = len(shown) / len(held)
    assert rate <= MAX_HELD_OUT_FALSE_ALARM_RATE, f"held-out false alarms {rate:.1%}: {shown}"


def test_every_category_is_caught_in_the_corpus(corpus: Corpus, found: Found) -> None:
    for category in detector.load_lexicon("en").labels:
        entries = [e for e in corpus["danger"] if e["category"] == category]
        assert len(entries) >= 8, category
        caught = sum(category in found[e["text"]] for e in entries)
        assert caught / len(entries) >= 0.8, (category, caught, len(entries))


# --- the brief's own examples -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my social worker is always late",
        "I waited 6 weeks for help",
        "nobody listens to me",
        "I hate my school",
        "the police never came back to us",
        "this homework is killing me",
        "I'd die for a pizza",
        "I hurt my leg at football",
        "my social worker hurt my feelings by forgetting",
    ],
)
def test_complaints_and_idioms_do_not_show_help(text: str) -> None:
    assert not needs_help(text)


@pytest.mark.parametrize(
    "text",
    ["he hits me", "kms", "wanna die", "i want to die", "someone online asked for pictures"],
)
def test_plain_danger_shows_help(text: str) -> None:
    assert needs_help(text)


@pytest.mark.parametrize(
    ("danger", "idiom"),
    [
        ("my brother beats me", "my brother always beats me at fifa"),
        ("he hurt me", "it really hurt me when she left"),
        ("my mum kicked me out", "the teacher kicked me out of class for talking"),
        ("I ran away", "our dog ran away last summer"),
        ("I hurt myself", "I hurt myself playing football"),
        ("I'm scared of going back", "I'm scared of going back to school"),  # re-reads the end
    ],
)
def test_an_idiom_cancels_the_danger_phrase_inside_it(danger: str, idiom: str) -> None:
    assert needs_help(danger)
    assert not needs_help(idiom)


# --- negation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("danger", "negated"),
    [
        ("I feel unsafe", "I don't feel unsafe"),
        ("I'm scared at home", "I'm not scared at home"),
        ("he hurts me", "nobody hurts me"),
        ("he touched me", "no one has ever touched me"),
        ("I am homeless", "I am not homeless"),
        ("I want to run away", "I don't want to run away, I like it here"),
        ("I've been hit by my carers", "I've never been hit by my carers"),
    ],
)
def test_a_negation_just_before_cancels_the_phrase(danger: str, negated: str) -> None:
    assert needs_help(danger)
    assert not needs_help(negated)


@pytest.mark.parametrize(
    "text",
    [
        "I don't feel safe at home",  # the negation is part of the danger phrase
        "I'm not safe",
        "I don't want to be here anymore",
        "I don't want to die",  # decided: negated wishes about dying still signpost
        "I didn't tell anyone he hits me",  # the negation is about telling, not hitting
        "he promised not to hit me again",
        "no, he hits me",  # a comma ends the negation
        "I'm not scared, he hits me",
    ],
)
def test_negation_that_does_not_cancel(text: str) -> None:
    assert needs_help(text)


def test_i_am_safe_now_is_not_danger() -> None:
    assert not needs_help("I am safe now")
    assert needs_help("I am not safe now")


# --- past, reported and resolved ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my friend said she wanted to die years ago and got help",
        "my friend used to self harm but she got help and she's ok now",
        "A girl in my class ran away years ago but she's fine now",
        "he used to hit me but I am safe now",
    ],
)
def test_past_or_someone_elses_danger_said_to_be_over_is_not_signposted(text: str) -> None:
    assert not needs_help(text)


@pytest.mark.parametrize(
    "text",
    [
        "he used to hit me",  # decided: past disclosures still signpost
        "I tried to kill myself last year",  # recent: "last year" is not distancing
        "my friend wants to kill herself",  # someone else, now: Childline helps friends too
        "my friend wanted to die years ago and got help but she still talks about it",
        "he used to hit me and I am not safe now",  # a negated resolution does not count
        "I got help but he still hits me",  # resolution without distancing
        "my friend used to self harm and got help. I want to die",  # a fresh sentence
    ],
)
def test_past_or_reported_danger_that_is_not_over_is_signposted(text: str) -> None:
    assert needs_help(text)


# --- spelling -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "HE HITS ME",
        "He Hits Me",
        "i dont feel safe",
        "i don't feel safe",
        "I don’t feel safe",  # typographic apostrophe
        "I do not feel safe",
        "hes hittin me",  # dropped g
        "i want to diiiie",  # stretched letters
        "im having sucidal thoughts",  # a typo of a listed word
        "i wanna kms",
        "want 2 die",
        "self-harm",
    ],
)
def test_case_apostrophes_and_childrens_spelling(text: str) -> None:
    assert needs_help(text)


def test_negation_is_also_spelling_insensitive() -> None:
    for text in ("I DON'T FEEL UNSAFE", "i dont feel unsafe", "I don’t feel unsafe"):
        assert not needs_help(text)


# --- languages ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["xx", "cy", "pl-PL", "", "EN-gb", "../../etc/passwd", "é"])
def test_unknown_languages_fall_back_to_english(language: str) -> None:
    assert needs_help("I want to die", language)
    assert not needs_help("I don't feel unsafe", language)
    assert not needs_help("my social worker is always late", language)


@pytest.fixture
def polish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A lexicon folder with English and a small Polish lexicon, as a translator adds one."""
    shutil.copy(LEXICON_DIR / "en.yaml", tmp_path / "en.yaml")
    (tmp_path / "pl.yaml").write_text(
        "language: pl\n"
        "categories:\n"
        "  self_harm:\n"
        "    label: Samookaleczenie\n"
        "    phrases: ['chcę umrzeć']\n"
        "negation:\n"
        "  cues: ['nie']\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(compiler, "LEXICON_DIR", tmp_path)
    detector.available_languages.cache_clear()
    detector.load_lexicon.cache_clear()
    yield
    detector.available_languages.cache_clear()
    detector.load_lexicon.cache_clear()


@pytest.mark.usefixtures("polish")
def test_a_translators_lexicon_is_used_with_english() -> None:
    assert detector.available_languages() == {"en", "pl"}
    assert needs_help("chcę umrzeć", "pl")
    assert needs_help("chce umrzec", "pl-PL")  # without the accents children often skip
    assert needs_help("I want to die", "pl")  # English is always checked too
    assert not needs_help("chcę umrzeć", "en")


def test_lexicon_is_loaded_once() -> None:
    assert detector.load_lexicon("en") is detector.load_lexicon("en")


def test_only_category_names_come_back() -> None:
    found = matched_categories("he hits me and I want to die")
    assert found == {"hurt_abuse", "self_harm"}
    assert found <= set(detector.load_lexicon("en").labels)


# --- the lexicon files --------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(LEXICON_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_lexicon_files_validate(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert validate_lexicon(data, path.stem) == []
    assert data["categories"], "no categories"
    for name, spec in data["categories"].items():
        entries = [*(spec.get("phrases") or []), *(spec.get("patterns") or [])]
        assert entries, f"{name} is empty"
        assert all(isinstance(e, str) and e.strip() for e in entries), f"{name}: empty phrase"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["categories"]["self_harm"].update(phrases=[], patterns=[]), "no phrases"),
        (lambda d: d["categories"]["self_harm"]["phrases"].append("  "), "non-empty"),
        (
            lambda d: d["categories"]["self_harm"]["patterns"].append("(want|need to die"),
            "never closed",
        ),
        (
            lambda d: d["categories"]["self_harm"]["patterns"].append("<nosuchset> me"),
            "unknown set",
        ),
        (lambda d: d["categories"]["self_harm"]["patterns"].append("(a|)"), "match a word"),
        (lambda d: d["categories"]["self_harm"]["phrases"].append("suicide"), "listed twice"),
        (lambda d: d.update(language="fr"), "language"),
        (lambda d: d.update(phrasebook=[]), "unknown key"),
        (lambda d: d.update(categories={}), "categories"),
        (lambda d: d["negation"].update(cues=[]), "negation.cues"),
    ],
)
def test_validation_names_the_problem(change: Any, problem: str) -> None:
    data = yaml.safe_load((LEXICON_DIR / "en.yaml").read_text("utf-8"))
    change(data)
    errors = validate_lexicon(data, "en")
    assert any(problem in error for error in errors), errors


# --- privacy and speed --------------------------------------------------------------------


def test_nothing_is_logged_or_printed(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    assert needs_help("my stepdad hits me and I want to die")
    matched_categories("my stepdad hits me and I want to die", "xx")
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")


SAFEGUARDING = Path(feedback_bot.safeguarding.__file__).parent
RUNTIME_MODULES = sorted(
    p for p in SAFEGUARDING.glob("*.py") if p.stem not in ("report", "bank", "validate")
)  # report, bank and validate are tools that print figures and file names, never a child's words


def test_the_runtime_modules_are_all_checked() -> None:
    names = {p.stem for p in RUNTIME_MODULES}
    assert {"detector", "compiler", "automaton", "semantic", "embedding"} <= names


@pytest.mark.parametrize("path", RUNTIME_MODULES, ids=lambda p: p.name)
def test_the_detector_has_no_logging_or_printing_at_all(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {"logging", "warnings", "sys"} & imported
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "print" not in calls
