"""Results for one or more consultations of the same conversation, from the tallies, with
every number passed through disclosure control before anyone sees it.

Breakdowns are fixed (SDC-6): everyone, age band, language, quarter or month. There are
no free date ranges or ad-hoc filters, which would let one table be subtracted from another.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..dao import tallies
from ..dialogue.model import AGE_BANDS, Conversation, Node
from ..i18n import language_name
from ..models import SETTINGS
from .disclosure import Published, Rules, Table, protect

BREAKDOWNS: Final = {
    "all": "Everyone",
    "age": "Age band",
    "language": "Language",
    "setting": "Which children",
    "quarter": "Quarter",
    "month": "Month",
}
SETTING_NAMES: Final = {"": "Any child", **SETTINGS}
ALL = "All"
NO_AGE = "not given"
AGE_NAMES: Final = {
    "8-11": "8 to 11",
    "12-15": "12 to 15",
    "16-17": "16 or 17",
    "18-25": "18 to 25",
    "rather_not_say": "Rather not say",
    NO_AGE: "Age not given",
}
MEASURE_NAMES: Final = {
    "listened_to": "Felt listened to",
    "help_in_time": "Help came in time",
    "help_useful": "Help was useful",
}


@dataclass(frozen=True)
class Question:
    """One question's table: a row per answer, a column per group."""

    node: Node
    codes: list[str]
    table: Table


@dataclass(frozen=True)
class Measure:
    """A headline measure: the share who gave a positive answer, of those who answered."""

    id: str
    name: str
    table: Table  # rows: positive, other; columns: everyone first, then the breakdown


@dataclass(frozen=True)
class Results:
    """Everything a results page or an export shows, already disclosure-controlled."""

    conversation: Conversation
    breakdown: str
    columns: list[str]
    state: str  # "none" (no responses yet), "few" (fewer than the minimum) or "ok"
    overview: list[tuple[str, Published]]  # started, sent, help shown (count and % of sent)
    measures: list[Measure]
    questions: list[Question]
    stopped: Table  # rows: questions where children stopped; one column (base: started)
    rules: Rules
    themes: Table  # rows: theme names in codebook order; one column (base: sent)


def quarter_of(month: Any) -> str:
    """ "2026-Q3" for a tally's month (a date, or its ISO text)."""
    month = _date(month)
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class _Breakdown:
    """One fixed breakdown: the tally dimension added up by (None: everyone), the group a
    tally value falls in, the groups always shown (periods: those found in the data), and
    how a group is named on pages and in exports."""

    dimension: str | None
    group: Callable[[Any], str]
    fixed: list[str]
    label: Callable[[str], str] = lambda group: group


def _breakdown(breakdown: str, languages: Sequence[str]) -> _Breakdown:
    if breakdown == "age":
        return _Breakdown(
            "age", lambda v: v or NO_AGE, [*AGE_BANDS, NO_AGE], lambda g: AGE_NAMES.get(g, g)
        )
    if breakdown == "language":
        return _Breakdown(
            "language",
            str,
            list(languages),
            lambda g: g if g == ALL else f"{language_name(g)} ({g})",
        )
    if breakdown == "setting":
        return _Breakdown(
            "setting", lambda v: v or "", list(SETTING_NAMES), lambda g: SETTING_NAMES.get(g, g)
        )
    if breakdown == "quarter":
        return _Breakdown("month", quarter_of, [])
    if breakdown == "month":
        return _Breakdown("month", lambda v: _date(v).strftime("%Y-%m"), [])
    return _Breakdown(None, lambda _v: ALL, [ALL])


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def results(
    consultation_ids: Sequence[int],
    conversation: Conversation,
    breakdown: str,
    languages: Sequence[str],
    rules: Rules,
    theme_names: Sequence[tuple[str, str]] = (),
) -> Results:
    """The results of these consultations (one conversation), broken down one fixed way."""
    if breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r}")
    by = _breakdown(breakdown, languages)
    answers: dict[tuple[str, str, str], int] = defaultdict(int)
    bases: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[tuple[str, str], int] = defaultdict(int)
    found: set[str] = set()
    for measure, node_id, option, value, count in tallies.summed(consultation_ids, by.dimension):
        group = by.group(value)
        if measure == tallies.ANSWER:
            answers[(node_id, option, group)] += count
            answers[(node_id, option, ALL)] += count if group != ALL else 0
        elif measure == tallies.ANSWERED:
            bases[(node_id, group)] += count
            bases[(node_id, ALL)] += count if group != ALL else 0
            found.add(group)
        else:
            totals[(measure, node_id)] += count
    columns = by.fixed or sorted(found)
    label = by.label

    questions = []
    for node in (conversation.nodes[n] for n in conversation.order):
        if node.kind not in ("choice", "multi"):
            continue
        codes = [option.code for option in node.options]
        table = protect(
            codes,
            [
                (
                    label(group),
                    [answers[(node.id, code, group)] for code in codes],
                    bases[(node.id, group)],
                )
                for group in columns
            ],
            rules,
        )
        questions.append(Question(node, codes, table))

    measures = []
    for measure, measure_name in MEASURE_NAMES.items():
        nodes = [n for n in conversation.nodes.values() if n.measure == measure]
        if not nodes:
            continue
        cells = []
        for group in [ALL, *columns] if columns != [ALL] else columns:
            base = sum(bases[(n.id, group)] for n in nodes)
            positive = sum(
                answers[(n.id, o.code, group)] for n in nodes for o in n.options if o.positive
            )
            cells.append((label(group), [positive, base - positive], base))
        measures.append(
            Measure(measure, measure_name, protect(["positive", "other"], cells, rules))
        )

    started, sent = totals[(tallies.STARTED, "")], totals[(tallies.SENT, "")]
    help_shown = protect(["help"], [(ALL, [totals[(tallies.HELP, "")]], sent)], rules).columns[0]
    overview = [
        ("Conversations started", _total(started, rules)),
        ("Conversations sent", _total(sent, rules)),
        ("Help screen shown (sent conversations)", help_shown.counts[0]),
        ("Help screen shown, % of sent", help_shown.percents[0]),
    ]
    stop_nodes = [n for n in conversation.order if totals[(tallies.STOPPED, n)]]
    stopped = protect(
        stop_nodes, [(ALL, [totals[(tallies.STOPPED, n)] for n in stop_nodes], started)], rules
    )
    raised = protect(
        [name for _id, name in theme_names],
        [(ALL, [totals[(tallies.THEME, theme)] for theme, _name in theme_names], sent)],
        rules,
    )
    state = "none" if sent == 0 else "few" if sent < rules.min_base else "ok"
    return Results(
        conversation,
        breakdown,
        [label(c) for c in columns],
        state,
        overview,
        measures,
        questions,
        stopped,
        rules,
        raised,
    )


Cells = list[tuple[str, list[int], int]]


def conceal(columns: Cells, rules: Rules) -> Cells:
    """Hide more groups when the hidden ones could be worked out by subtraction.

    A group under the minimum base is hidden (SDC-1), but "everyone" minus the groups shown
    would give it back. So while the hidden groups together have 1 to min_base - 1
    respondents, the next smallest shown group is hidden too: subtraction then reveals only
    a combination of at least min_base children, which SDC-1 allows. A hidden group is
    passed on with a base of 0, which protect() shows as not available.
    """
    if len(columns) < 2:
        return columns
    hidden = {i for i, (_label, _counts, base) in enumerate(columns) if base < rules.min_base}
    while 0 < sum(columns[i][2] for i in hidden) < rules.min_base and len(hidden) < len(columns):
        shown = [i for i in range(len(columns)) if i not in hidden]
        hidden.add(min(shown, key=lambda i: columns[i][2]))
    return [
        (label, [0] * len(counts), 0) if i in hidden else (label, counts, base)
        for i, (label, counts, base) in enumerate(columns)
    ]


def _total(n: int, rules: Rules) -> Published:
    """A count shown on its own: rounded like a total, and only from the minimum base."""
    return protect(["n"], [(ALL, [n], n)], rules).columns[0].total


def headline(measure: Measure) -> Published:
    """The measure's published percentage for everyone (first column), or its symbol."""
    return measure.table.columns[0].percents[0]
