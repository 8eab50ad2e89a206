"""Export writers: values survive a round trip, text cannot run as a formula, memory stays flat."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import tracemalloc
import zipfile
from collections.abc import Iterator, Sequence
from xml.etree import ElementTree

import pytest

from feedback_bot.results.exports import (
    CHUNK,
    ODS_MIMETYPE,
    Cell,
    Sheet,
    csv_stream,
    json_stream,
    ods_stream,
    safe_text,
)

DANGEROUS = ["=", "+", "-", "@", "\t", "\0", "\r"]
HYPERLINK = '=HYPERLINK("http://x")'
WELSH, URDU = "Sut mae'r gŵr?", "آپ کی مدد کس نے کی؟"
HEADER = ["question", "count", "share", "comment"]
ROWS: list[list[Cell]] = [
    ["q1", 12, 0.25, HYPERLINK],
    ["q2", -3, -1.5, "-5"],
    ["q3", 0, None, '+44 said "hi", then\r\nleft'],
    ["q4", "c", ":", "@SUM(A1)"],
    ["q5", 7, 1e-05, "\ttabbed  twice spaced "],
    ["q6", 2**40, 3.0, WELSH + " " + URDU],
]
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name: str) -> str:
    """An ODF name such as "table:name" in ElementTree's {uri}local form."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def sheets(rows: Sequence[Sequence[Cell]] = ROWS) -> list[Sheet]:
    return [Sheet("Answers & <more>", HEADER, rows), Sheet("Totals", ["total"], [[21]])]


def spreadsheet_value(cell: Cell) -> str:
    """What a safe spreadsheet export should show for a cell, as text."""
    if cell is None:
        return ""
    return safe_text(cell) if isinstance(cell, str) else repr(cell)


# safe_text -------------------------------------------------------------------------------


@pytest.mark.parametrize("first", DANGEROUS)
def test_safe_text_prefixes_each_dangerous_first_character(first: str) -> None:
    assert safe_text(first + "1+1") == "'" + first + "1+1"


@pytest.mark.parametrize("text", ["", "Help", "a=b", "50%", "'quoted", WELSH, URDU, "c", ":"])
def test_safe_text_leaves_harmless_text_unchanged(text: str) -> None:
    assert safe_text(text) == text


# CSV -------------------------------------------------------------------------------------


def test_csv_is_bom_crlf_and_every_field_quoted() -> None:
    one = [Sheet("ignored", ["a", "b"], [[1, -2], [None, 'say "x"']])]
    assert "".join(csv_stream(one)) == '\ufeff"a","b"\r\n"1","-2"\r\n"","say ""x"""\r\n'


def test_csv_round_trip_keeps_values_and_neutralises_formulas() -> None:
    text = "".join(csv_stream(sheets()))
    assert text.startswith("\ufeff")
    record = r'"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r\n'
    assert re.fullmatch(rf"\ufeff(?:{record}|\r\n)*", text), "an unquoted field or a bare LF"
    parsed = list(csv.reader(io.StringIO(text[1:], newline="")))
    expected = [["Answers & <more>"], HEADER, *[[spreadsheet_value(c) for c in r] for r in ROWS]]
    expected += [[], ["Totals"], ["total"], ["21"]]
    assert parsed == expected
    assert parsed[2][3] == "'" + HYPERLINK
    assert parsed[3][1:4] == ["-3", "-1.5", "'-5"]  # numbers stay numbers; the text "-5" does not


def test_csv_single_sheet_has_no_name_line() -> None:
    text = "".join(csv_stream([Sheet("Answers", ["a"], [["=1"]])]))
    assert list(csv.reader(io.StringIO(text[1:], newline=""))) == [["a"], ["'=1"]]


# JSON ------------------------------------------------------------------------------------


def test_json_parses_to_the_document_and_sheets_unprefixed() -> None:
    document = {"title": WELSH, "language": URDU, "rules": {"min_base": 10}}
    raw = "".join(json_stream(document, sheets()))
    assert json.loads(raw) == {
        **document,
        "sheets": [
            {"name": "Answers & <more>", "header": HEADER, "rows": ROWS},
            {"name": "Totals", "header": ["total"], "rows": [[21]]},
        ],
    }
    assert WELSH in raw and URDU in raw  # ensure_ascii=False


def test_json_escapes_control_characters_and_owns_the_sheets_key() -> None:
    raw = "".join(json_stream({}, [Sheet("s", ["a"], [["\0\r"]])]))
    assert "\\u0000\\r" in raw and "\0" not in raw
    assert json.loads(raw)["sheets"][0]["rows"] == [["\0\r"]]
    with pytest.raises(ValueError, match="sheets"):
        "".join(json_stream({"sheets": []}, []))


# ODS -------------------------------------------------------------------------------------


def read_ods(data: bytes) -> tuple[zipfile.ZipFile, ElementTree.Element]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return archive, ElementTree.fromstring(archive.read("content.xml"))  # noqa: S314 (our own output)


def cell_text(cell: ElementTree.Element) -> str:
    """A string cell's text, undoing ODF's markup for spaces, tabs and lines.

    ODF collapses white space inside text:p, so plain text may hold no run of spaces, no tab
    or line break, and no space at the start of a paragraph.
    """
    lines = []
    for paragraph in cell.findall("text:p", NS):
        plain = [paragraph.text or "", *(child.tail or "" for child in paragraph)]
        assert not plain[0].startswith(" ")
        assert not any(re.search(r"  |[\t\r\n]", piece) for piece in plain), plain
        parts = [plain[0]]
        for child, tail in zip(paragraph, plain[1:], strict=True):
            if child.tag == q("text:s"):
                parts.append(" " * int(child.get(q("text:c"), "1")))
            elif child.tag == q("text:tab"):
                parts.append("\t")
            else:
                raise AssertionError(f"unexpected {child.tag}")
            parts.append(tail)
        lines.append("".join(parts))
    return "\n".join(lines)


def cell_value(cell: ElementTree.Element) -> Cell:
    kind = cell.get(q("office:value-type"))
    if kind is None:
        assert not list(cell), "an empty cell has no content"
        return None
    if kind == "float":
        value = cell.get(q("office:value"))
        assert value is not None and cell_text(cell) == value
        number = float(value)
        return int(number) if re.fullmatch(r"-?\d+", value) else number
    assert kind == "string" and cell.get(q("office:value")) is None
    return cell_text(cell)


def test_ods_zip_starts_with_a_stored_mimetype_and_has_a_manifest() -> None:
    data = b"".join(ods_stream(sheets()))
    archive, _ = read_ods(data)
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == ODS_MIMETYPE
    # The local header itself: no data descriptor flag, no extra field, the type at byte 38.
    signature, flags, method = struct.unpack("<4s2xHH", data[:10])
    name_length, extra_length = struct.unpack("<HH", data[26:30])
    assert (signature, flags, method, extra_length) == (b"PK\x03\x04", 0, 0, 0)
    assert data[30 : 30 + name_length] == b"mimetype"
    assert data[38 : 38 + len(ODS_MIMETYPE)] == ODS_MIMETYPE
    manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))  # noqa: S314
    entries = {
        e.get(q("manifest:full-path")): e.get(q("manifest:media-type"))
        for e in manifest.findall("manifest:file-entry", NS)
    }
    assert entries == {"/": ODS_MIMETYPE.decode(), "content.xml": "text/xml"}


def test_ods_content_has_a_table_per_sheet_with_typed_cells() -> None:
    _, root = read_ods(b"".join(ods_stream(sheets())))
    assert root.tag == q("office:document-content") and root.get(q("office:version")) == "1.2"
    tables = root.findall("office:body/office:spreadsheet/table:table", NS)
    assert [t.get(q("table:name")) for t in tables] == ["Answers & <more>", "Totals"]
    for table, sheet in zip(tables, sheets(), strict=True):
        assert table[0].tag == q("table:table-column")
        rows = table.findall("table:table-row", NS)
        header, *body = [row.findall("table:table-cell", NS) for row in rows]
        assert [cell_value(c) for c in header] == list(sheet.header)
        assert {c.get(q("table:style-name")) for c in header} == {"header"}
        expected = [[safe_text(c) if isinstance(c, str) else c for c in row] for row in sheet.rows]
        assert [[cell_value(c) for c in row] for row in body] == [
            [c.replace("\r\n", "\n") if isinstance(c, str) else c for c in row] for row in expected
        ]
    row_q2 = tables[0].findall("table:table-row", NS)[2].findall("table:table-cell", NS)
    assert [c.get(q("office:value-type")) for c in row_q2[1:]] == ["float", "float", "string"]
    assert cell_value(row_q2[1]) == -3 and cell_value(row_q2[3]) == "'-5"


def test_ods_replaces_characters_xml_cannot_hold() -> None:
    _, root = read_ods(b"".join(ods_stream([Sheet("s\x01", ["a"], [["\0x\x0by"]])])))
    table = root.find(".//table:table", NS)
    assert table is not None and table.get(q("table:name")) == "s\ufffd"
    cells = table.findall(".//table:table-cell", NS)
    assert cell_value(cells[-1]) == "'\ufffdx\ufffdy"


def test_ods_needs_distinct_sheet_names() -> None:
    with pytest.raises(ValueError, match="distinct"):
        b"".join(ods_stream([Sheet("a", [], []), Sheet("a", [], [])]))


# Bad cells and rows ----------------------------------------------------------------------


def write(kind: str, given: list[Sheet]) -> int:
    """Run one writer to the end and return how many characters or bytes it produced."""
    if kind == "csv":
        return sum(map(len, csv_stream(given)))
    if kind == "json":
        return sum(map(len, json_stream({"kind": "test"}, given)))
    return sum(map(len, ods_stream(given)))


WRITERS = ["csv", "json", "ods"]


@pytest.mark.parametrize("kind", WRITERS)
@pytest.mark.parametrize(
    ("row", "error"),
    [
        ([1], ValueError),
        ([1, 2, 3], ValueError),
        ([True, 1], TypeError),
        ([float("nan"), 1], ValueError),
    ],
)
def test_a_bad_row_stops_the_export(kind: str, row: list[Cell], error: type[Exception]) -> None:
    with pytest.raises(error):
        write(kind, [Sheet("s", ["a", "b"], [[1, 2], row])])


# Streaming -------------------------------------------------------------------------------


class OnceRows:
    """Rows that can be iterated only once, like a database cursor."""

    def __init__(self, rows: list[list[Cell]]) -> None:
        self.rows = rows
        self.used = False

    def __iter__(self) -> Iterator[list[Cell]]:
        if self.used:
            raise AssertionError("rows iterated twice")
        self.used = True
        return iter(self.rows)


@pytest.mark.parametrize("kind", WRITERS)
def test_rows_are_iterated_once(kind: str) -> None:
    rows = OnceRows([list(r) for r in ROWS])
    assert write(kind, [Sheet("s", HEADER, rows)]) > 0 and rows.used


def test_many_rows_across_chunk_boundaries_come_back_whole() -> None:
    rows = [(i, -i, f"=answer {i} ŵ") for i in range(3000)]
    given = [Sheet("big", ["n", "m", "text"], rows)]
    text = "".join(csv_stream(given))
    parsed = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert parsed[1:] == [[str(a), str(b), "'" + c] for a, b, c in rows]
    assert json.loads("".join(json_stream({}, given)))["sheets"][0]["rows"] == list(map(list, rows))
    _, root = read_ods(b"".join(ods_stream(given)))
    body = root.findall(".//table:table-row", NS)[1:]
    assert [[cell_value(c) for c in r] for r in body] == [[a, b, "'" + c] for a, b, c in rows]


def many_rows(count: int) -> Iterator[list[Cell]]:
    """Rows of about 150 characters each: all at once, 200,000 of them would exceed 20 MB."""
    padding = "the help I got was good " * 5
    for i in range(count):
        yield [i, -i, i / 7, f"={i} {padding}", None]


@pytest.mark.parametrize("kind", WRITERS)
def test_two_hundred_thousand_rows_stream_in_flat_memory(kind: str) -> None:
    given = [Sheet("responses", ["id", "minus", "ratio", "text", "empty"], many_rows(200_000))]
    chunks: Iterator[str] | Iterator[bytes]
    if kind == "csv":
        chunks = csv_stream(given)
    elif kind == "json":
        chunks = json_stream({"kind": "responses"}, given)
    else:
        chunks = ods_stream(given)
    tracemalloc.start()
    try:
        sizes = [len(chunk) for chunk in chunks]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak traced memory {peak / 1e6:.1f} MB"
    assert len(sizes) > 50 and max(sizes) < 256 * 1024, "chunks of a few KB, not one blob"
    assert min(sizes[:-1]) >= CHUNK
    if kind != "ods":
        assert sum(sizes) > 200_000 * 150
