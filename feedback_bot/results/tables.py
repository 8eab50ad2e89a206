"""Results as export sheets: the same protected numbers the results page shows, plus a data
dictionary, and the response-level rows streamed from the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from .. import clock
from ..dialogue.model import Conversation, Node
from ..extensions import db
from ..models import Answer, Consultation, Submission
from .aggregate import BREAKDOWNS, Results
from .disclosure import Published, fewer_than
from .exports import Cell, Sheet

SYMBOLS = {
    "c": "confidential: a count from 1 to 5, or a count hidden so that one cannot be worked out",
    ":": "not available: the group has fewer respondents than the minimum",
    "z": "not applicable",
    "k": "more than 0 but under 0.5%",
}
YIELD_PER = 10_000


def option_label(node: Node, code: str) -> str:
    option = node.option(code)
    return option.label if option else code


def question_text(node: Node) -> str:
    return node.ask or node.id


def _cell(value: Published) -> Cell:
    return value


def aggregate_sheets(results: Results, title: str) -> list[Sheet]:
    """Every table on the results page, one sheet each, then the data dictionary."""
    sheets = [
        Sheet("Overview", ["Measure", "Value"], [[name, _cell(v)] for name, v in results.overview]),
    ]
    for measure in results.measures:
        header = ["Headline measure", *(f"{c.label} %" for c in measure.table.columns)]
        header += [f"{c.label} base" for c in measure.table.columns]
        row: list[Cell] = [measure.name]
        row += [_cell(c.percents[0]) for c in measure.table.columns]
        row += [_cell(c.total) for c in measure.table.columns]
        sheets.append(Sheet(f"Measure {measure.id}", header, [row]))
    for question in results.questions:
        columns = question.table.columns
        header = ["Question", "Answer code", "Answer"]
        for column in columns:
            header += [f"{column.label} count", f"{column.label} %"]
        header.append("Total")
        rows: list[list[Cell]] = []
        for i, code in enumerate(question.codes):
            line: list[Cell] = [
                question_text(question.node),
                code,
                option_label(question.node, code),
            ]
            for column in columns:
                line += [_cell(column.counts[i]), _cell(column.percents[i])]
            line.append(_cell(question.table.row_totals[i]))
            rows.append(line)
        base: list[Cell] = [question_text(question.node), "", "Children who answered (rounded)"]
        for column in columns:
            base += [_cell(column.total), ""]
        rows.append([*base, ""])
        sheets.append(Sheet(f"Q {question.node.id}", header, rows))
    if results.themes.rows:
        column = results.themes.columns[0]
        sheets.append(
            Sheet(
                "Themes",
                ["Theme", "Conversations", "% of sent"],
                [
                    [name, column.counts[i], column.percents[i]]
                    for i, name in enumerate(results.themes.rows)
                ],
            )
        )
    sheets.append(data_dictionary(results, title))
    return sheets


def data_dictionary(results: Results, title: str) -> Sheet:
    """What every sheet means, how it was protected, and where it came from."""
    conv, rules = results.conversation, results.rules
    rows: list[list[Cell]] = [
        ["Consultation", title],
        ["Conversation", f"{conv.title} ({conv.id}, version {conv.version})"],
        ["Broken down by", BREAKDOWNS[results.breakdown]],
        ["Generated on", clock.today().isoformat()],
        ["Periods", "calendar months and quarters of the day answers were sent (no free ranges)"],
        [
            "Disclosure control",
            f"groups with fewer than {rules.min_base} respondents are not shown "
            f'("{fewer_than(rules)}"); counts from 1 to {rules.smallest_shown - 1} are shown '
            f"as c, and more cells are hidden where one could be worked out from the others; "
            f"totals are rounded to the nearest {rules.round_to}; percentages are whole "
            f"numbers of the children who answered the question, only on a base of "
            f"{rules.min_base} or more",
        ],
    ]
    rows += [[f"Symbol {symbol}", meaning] for symbol, meaning in SYMBOLS.items()]
    for question in results.questions:
        node = question.node
        rows.append([f"Question {node.id}", question_text(node)])
        for code in question.codes:
            rows.append([f"  {node.id} = {code}", option_label(node, code)])
    return Sheet("Data dictionary", ["Item", "Meaning"], rows)


RESPONSE_HEADER = [
    "consultation",
    "conversation",
    "conversation_version",
    "question",
    "answer_code",
    "skipped",
    "age_band",
    "month",
    "language",
]


def response_rows(consultation: Consultation, conv: Conversation) -> Iterator[list[Cell]]:
    """One row per answer in sent conversations, streamed in batches. Free text is left out
    until moderation approves it (it is scrubbed, but a quote still needs a person's review)."""
    query = (
        select(
            Answer.node_id,
            Answer.option_code,
            Answer.skipped,
            Submission.age_band,
            Submission.sent_on,
            Submission.language,
            Submission.conversation_version,
        )
        .join(Submission, Answer.submission_id == Submission.id)
        .where(Submission.consultation_id == consultation.id, Submission.sent_on.is_not(None))
        .order_by(Submission.sent_on, Answer.id)
        .execution_options(yield_per=YIELD_PER)
    )
    for node, code, skipped, age, sent_on, language, version in db.session.execute(query):
        month: Any = sent_on.strftime("%Y-%m") if sent_on else ""
        yield [consultation.slug, conv.id, version, node, code or "", "yes" if skipped else "no",
               age or "", month, language]  # fmt: skip
