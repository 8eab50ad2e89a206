"""What an inspector sees for one local authority: the headline measures against England,
the themes children raised and how they moved quarter by quarter, how long children said
help took, and a few approved quotes per theme. Every number passes disclosure control.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from ..dao import tallies
from ..dialogue.model import Conversation
from ..models import ENGLAND, Consultation
from .aggregate import Question, headline, quarter_of, results
from .disclosure import Published, Rules, Table, protect

WAIT_QUESTION: Final = "how_long"  # "How long did it take for help to come?" (stable id)
QUARTERS_SHOWN: Final = 4  # the trend covers the last four quarters with answers


@dataclass(frozen=True)
class Comparison:
    """One headline measure here and in England (published percentages or symbols)."""

    name: str
    here: Published
    england: Published


@dataclass(frozen=True)
class Inspection:
    sent: Published  # conversations sent here, rounded, or a symbol
    state: str  # "none", "few" or "ok", as on the results page
    measures: list[Comparison]
    themes: Table  # rows: themes; columns: the last quarters (base: sent that quarter)
    wait: Question | None  # how long help took, here
    wait_conversation: Conversation | None


def _by_conversation(consultations: Sequence[Consultation]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for consultation in consultations:
        found[consultation.conversation_id].append(consultation.id)
    return found


def inspection(
    area_code: str,
    everywhere: Sequence[Consultation],
    conversations: dict[str, Conversation],
    languages: Sequence[str],
    rules: Rules,
    theme_names: Sequence[tuple[str, str]],
) -> Inspection:
    """The inspector's view of one area (every consultation held there) against England
    (every consultation, wherever held). ``conversations``: the latest of each, by id."""
    here = [c for c in everywhere if area_code == ENGLAND or c.area_code == area_code]
    measures: list[Comparison] = []
    wait: Question | None = None
    wait_conversation = None
    england = _by_conversation(everywhere)
    for conversation_id, ids in sorted(_by_conversation(here).items()):
        conversation = conversations.get(conversation_id)
        if conversation is None:
            continue
        local = results(ids, conversation, "all", languages, rules)
        national = results(england[conversation_id], conversation, "all", languages, rules)
        for mine, theirs in zip(local.measures, national.measures, strict=True):
            measures.append(Comparison(mine.name, headline(mine), headline(theirs)))
        for question in local.questions:
            if question.node.id == WAIT_QUESTION and wait is None:
                wait, wait_conversation = question, conversation
    ids = [c.id for c in here]
    themes, sent = theme_trend(ids, theme_names, rules)
    total = protect(["n"], [("All", [sent], sent)], rules).columns[0].total
    state = "none" if sent == 0 else "few" if sent < rules.min_base else "ok"
    return Inspection(total, state, measures, themes, wait, wait_conversation)


def theme_trend(
    consultation_ids: Sequence[int], theme_names: Sequence[tuple[str, str]], rules: Rules
) -> tuple[Table, int]:
    """Themes raised per quarter (the last few with conversations sent), as shares of the
    conversations sent that quarter; and how many were sent in all."""
    raised: dict[tuple[str, str], int] = defaultdict(int)
    sent: dict[str, int] = defaultdict(int)
    for measure, node_id, _option, month, count in tallies.summed(consultation_ids, "month"):
        if measure == tallies.THEME:
            raised[(node_id, quarter_of(month))] += count
        elif measure == tallies.SENT:
            sent[quarter_of(month)] += count
    quarters = sorted(sent)[-QUARTERS_SHOWN:]
    table = protect(
        [name for _id, name in theme_names],
        [
            (quarter, [raised[(theme, quarter)] for theme, _name in theme_names], sent[quarter])
            for quarter in quarters
        ],
        rules,
    )
    return table, sum(sent.values())
