"""Exports hold children's words: whatever hostile text reaches one, no spreadsheet can run
it as a formula (CSV and ODS), and numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from xml.etree import ElementTree

from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_bot import clock
from feedback_bot.dao.consultations import save_consultation
from feedback_bot.results.exports import FORMULA_STARTS, Cell, Sheet, csv_stream, ods_stream

from ..staff.conftest import Account, Staff
from .hostile import FUZZ, HOSTILE

FORMULAS = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(FORMULA_STARTS),
    st.sampled_from(
        ['HYPERLINK("http://x","click")', "cmd|' /C calc'!A0", "1+1", "SUM(A1:A9)", ""]
    ),
)
TEXT = st.one_of(FORMULAS, HOSTILE)
CELLS = st.one_of(TEXT, st.integers(-(10**9), 10**9), st.none())
ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def dangerous(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


@settings(FUZZ, max_examples=80)
@given(rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=6))
def test_no_csv_text_cell_can_run_as_a_formula(rows: list[list[Cell]]) -> None:
    text = "".join(csv_stream([Sheet("Hostile", ["a", "b", "c"], rows)]))
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert parsed[0] == ["a", "b", "c"]
    for row, back in zip(rows, parsed[1:], strict=True):
        for cell, field in zip(row, back, strict=True):
            if isinstance(cell, str):
                assert not dangerous(field), field
                assert field == ("'" + cell if dangerous(cell) else cell)  # nothing else changed
            elif isinstance(cell, int):
                assert field == str(cell)  # a negative number is not prefixed


@settings(FUZZ, max_examples=40)
@given(rows=st.lists(st.lists(CELLS, min_size=2, max_size=2), min_size=1, max_size=4))
def test_no_ods_text_cell_can_run_as_a_formula(rows: list[list[Cell]]) -> None:
    data = b"".join(ods_stream([Sheet("Hostile", ["a", "b"], rows)]))
    content = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))  # noqa: S314
    for cell in content.iter(f"{ODS_TABLE}table-cell"):
        assert cell.get(f"{ODS_TABLE}formula") is None
        if cell.get(f"{OFFICE}value-type") == "string":
            shown = "".join(cell.itertext())
            assert not dangerous(shown.lstrip(" ")) or shown.startswith("'"), shown


def test_a_hostile_consultation_title_is_exported_inert(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    title = '=HYPERLINK("http://evil.example","Click me")'
    with app.app_context():
        consultation = save_consultation(
            slug="hostile",
            title=title,
            conversation_id="sample",
            conversation_version=1,
            today=clock.today(),
        )
        cid = consultation.id
    staff.sign_in(accounts["analyst"])
    body = staff.client.get(f"/staff/consultations/{cid}/results.csv").get_data(as_text=True)
    fields = [f for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))) for f in row]
    assert "'" + title in fields
    assert not [f for f in fields if dangerous(f) and not re.fullmatch(r"-?\d+(\.\d+)?", f)]
    ods = staff.client.get(f"/staff/consultations/{cid}/results.ods").data
    content = zipfile.ZipFile(io.BytesIO(ods)).read("content.xml").decode()
    assert "'=HYPERLINK(" in content
    assert not re.search(r">=HYPERLINK", content)
