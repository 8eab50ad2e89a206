"""The turn engine over the sample conversation: branches, skips, option routes, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_bot.dialogue import engine
from feedback_bot.dialogue.engine import SKIPPED, Given, TurnError
from feedback_bot.dialogue.model import Conversation
from feedback_bot.dialogue.schema import parse_file

SAMPLE = Path(__file__).resolve().parent.parent / "conversations" / "valid" / "sample.v1.yaml"


@pytest.fixture(scope="module")
def conv() -> Conversation:
    conversation, problems = parse_file(SAMPLE)
    assert conversation is not None, problems
    return conversation


def test_starts_at_the_welcome(conv: Conversation) -> None:
    assert engine.first_node(conv) == "welcome"


def test_younger_children_branch_to_the_faces_question(conv: Conversation) -> None:
    assert engine.next_node(conv, "age", Given(codes=("8-11",)), {}) == "young_listened"


@pytest.mark.parametrize("band", ["12-15", "16-17", "18-25", "rather_not_say"])
def test_everyone_else_takes_the_full_path(conv: Conversation, band: str) -> None:
    assert engine.next_node(conv, "age", Given(codes=(band,)), {}) == "listened"


def test_skipping_the_age_question_takes_the_full_path(conv: Conversation) -> None:
    assert engine.next_node(conv, "age", SKIPPED, {}) == "listened"


def test_an_option_can_route_elsewhere(conv: Conversation) -> None:
    assert engine.next_node(conv, "listened", Given(codes=("no",)), {}) == "why_not"
    assert engine.next_node(conv, "listened", Given(codes=("yes",)), {}) == "who"


def test_skip_follows_the_question_next(conv: Conversation) -> None:
    assert engine.next_node(conv, "listened", SKIPPED, {}) == "who"


def test_multi_takes_several_codes(conv: Conversation) -> None:
    given = Given(codes=("school", "carer"))
    assert engine.next_node(conv, "who", given, {}) == "end"


@pytest.mark.parametrize(
    ("node", "given"),
    [
        ("listened", Given(codes=("maybe",))),
        ("listened", Given(codes=("yes", "no"))),
        ("listened", Given(text="hello")),
        ("who", Given(codes=("school", "police"))),
        ("why_not", Given(text="x" * 51)),
        ("welcome", Given(codes=("yes",))),
        ("end", SKIPPED),
    ],
)
def test_answers_the_question_does_not_offer_are_refused(
    conv: Conversation, node: str, given: Given
) -> None:
    with pytest.raises(TurnError):
        engine.next_node(conv, node, given, {})


def test_text_up_to_the_limit_is_accepted(conv: Conversation) -> None:
    assert engine.next_node(conv, "why_not", Given(text="x" * 50), {}) == "who"


def test_asked_lists_only_questions_on_the_path(conv: Conversation) -> None:
    trail = ["welcome", "age", "listened", "who", "end"]
    assert [n.id for n in engine.asked(conv, trail)] == ["age", "listened", "who"]


def test_earlier_answers_matter_only_where_a_branch_may_follow(conv: Conversation) -> None:
    # The turn view reads earlier answers only for nodes where ``may_branch`` is true.
    young = {
        node.id: Given(codes=(node.options[0].code,))
        for node in engine.asked(conv, list(conv.nodes))
        if node.options
    }
    assert engine.may_branch(conv, conv.nodes["age"])
    for node in conv.nodes.values():
        if node.kind in ("end", "branch") or engine.may_branch(conv, node):
            continue
        choices = (
            [SKIPPED]
            if node.kind == "message"
            else [SKIPPED, *(Given(codes=(o.code,)) for o in node.options)]
        )
        for given in choices:
            assert engine.next_node(conv, node.id, given, {}) == engine.next_node(
                conv, node.id, given, young
            )
