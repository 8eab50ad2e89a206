"""Streaming export writers (CSV, ODS, JSON) that are safe to open in a spreadsheet.

Every writer iterates each sheet's rows once and yields chunks of a few KB, so a million-row
response-level export runs in flat memory. Spreadsheet safety follows
research/privacy-and-safety.md §3.4 (ASVS 1.2.10), because exports hold children's own words:
in CSV every field is quoted (RFC 4180), and in CSV and ODS a text cell that starts with
``= + - @``, tab, NUL or CR gets a leading ``'`` (``safe_text``). Numbers must arrive as ``int``
or ``float``: they are written as numbers and never prefixed, whereas the text "-5" is
prefixed. JSON is not a spreadsheet, so its text is left as it is (json escapes control
characters).

A cell that is not ``str``, ``int``, ``float`` or ``None`` (a bool, a date, a Decimal) raises
``TypeError``, and NaN or infinity raises ``ValueError``: an export states its columns
explicitly, so a stray value is a bug to see, not a guess to write. So does a row whose length
differs from its header.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias
from xml.sax.saxutils import escape, quoteattr

from .. import clock

Cell: TypeAlias = str | int | float | None  # None is an empty cell

CHUNK: Final = 8192  # characters (CSV, JSON) or bytes (ODS) gathered before a chunk is yielded
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\0", "\r")
ODS_MIMETYPE: Final = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Sheet:
    """One table of an export: a sheet in ODS, a section in CSV and JSON."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]  # may be a generator: each writer iterates it once


def safe_text(value: str) -> str:
    """Neutralise a text cell a spreadsheet could run as a formula, with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _number(cell: object) -> int | float:
    """A numeric cell as a plain int or float; anything else is a bug in the export."""
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise TypeError(f"an export cell is str, int, float or None, not {type(cell).__name__}")
    if isinstance(cell, int):
        return int(cell)
    if not math.isfinite(cell):
        raise ValueError(f"an export cell cannot be {cell!r}")
    return float(cell)


def _rows(sheet: Sheet) -> Iterator[Sequence[Cell]]:
    """The sheet's rows, each checked to be as long as the header."""
    width = len(sheet.header)
    for number, row in enumerate(sheet.rows, start=1):
        if len(row) != width:
            raise ValueError(
                f"sheet {sheet.name!r}, row {number}: {len(row)} cells for {width} columns"
            )
        yield row


def _chunks(pieces: Iterable[str]) -> Iterator[str]:
    """Join small pieces of text into chunks of at least CHUNK characters (the last may be less)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(batch)
            batch.clear()
            size = 0
    if batch:
        yield "".join(batch)


# CSV ---------------------------------------------------------------------------------------


def _csv_field(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return safe_text(cell)
    return repr(_number(cell))


def _csv_line(cells: Iterable[Cell]) -> str:
    """One RFC 4180 record: every field quoted, embedded quotes doubled, CRLF at the end."""
    return ",".join('"' + _csv_field(cell).replace('"', '""') + '"' for cell in cells) + "\r\n"


def _csv_pieces(sheets: Sequence[Sheet]) -> Iterator[str]:
    yield "\ufeff"  # the BOM tells Excel the file is UTF-8
    for index, sheet in enumerate(sheets):
        if index:
            yield "\r\n"
        if len(sheets) > 1:
            yield _csv_line([sheet.name])
        yield _csv_line(sheet.header)
        for row in _rows(sheet):
            yield _csv_line(row)


def csv_stream(sheets: Sequence[Sheet]) -> Iterator[str]:
    """CSV text in chunks: a BOM, then each sheet's header and rows.

    With several sheets, each starts with a line holding its name alone, and a blank line
    separates them. A single sheet has no name line, so the file opens as one plain table.
    """
    return _chunks(_csv_pieces(sheets))


# JSON --------------------------------------------------------------------------------------

_JSON: Final = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _json_cell(cell: Cell) -> Cell:
    return cell if cell is None or isinstance(cell, str) else _number(cell)


def _json_pieces(document: Mapping[str, Any], sheets: Sequence[Sheet]) -> Iterator[str]:
    if "sheets" in document:
        raise ValueError('"sheets" is written by json_stream, not taken from the document')
    yield "{"
    for key, value in document.items():
        yield _JSON.encode(str(key)) + ":" + _JSON.encode(value) + ",\n"
    yield '"sheets":['
    for index, sheet in enumerate(sheets):
        yield ",\n" if index else "\n"
        header = [_json_cell(cell) for cell in sheet.header]
        yield f'{{"name":{_JSON.encode(sheet.name)},"header":{_JSON.encode(header)},"rows":['
        for number, row in enumerate(_rows(sheet)):
            yield (",\n" if number else "\n") + _JSON.encode([_json_cell(c) for c in row])
        yield "\n]}"
    yield "\n]}\n"


def json_stream(document: Mapping[str, Any], sheets: Sequence[Sheet]) -> Iterator[str]:
    """A JSON object in chunks: the document's keys, then "sheets" with each name, header, rows."""
    return _chunks(_json_pieces(document, sheets))


# ODS ---------------------------------------------------------------------------------------

_NS: Final = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
_CONTENT_START: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
    + " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items())
    + ' office:version="1.2"><office:automatic-styles>'
    '<style:style style:name="header" style:family="table-cell">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    "</office:automatic-styles><office:body><office:spreadsheet>\n"
)
_CONTENT_END: Final = "</office:spreadsheet></office:body></office:document-content>\n"
_MANIFEST: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">\n'
    ' <manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
    f' manifest:media-type="{ODS_MIMETYPE.decode()}"/>\n'
    ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
    "</manifest:manifest>\n"
)
# Characters XML 1.0 cannot hold at all, even escaped, become U+FFFD.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
# ODF collapses white space in text:p, so leading spaces, runs of spaces and tabs are marked up.
_WHITE: Final = re.compile(r"^ +| {2,}|\t")


def _white(match: re.Match[str]) -> str:
    run = match.group()
    if run == "\t":
        return "<text:tab/>"
    if match.start() == 0:
        return f'<text:s text:c="{len(run)}"/>'
    return f' <text:s text:c="{len(run) - 1}"/>'


def _paragraphs(text: str) -> str:
    text = escape(_NOT_XML.sub("\ufffd", text))
    return "".join(
        f"<text:p>{_WHITE.sub(_white, line)}</text:p>" for line in _LINE_BREAK.split(text)
    )


def _ods_cell(cell: Cell, style: str = "") -> str:
    if cell is None:
        return "<table:table-cell/>"
    if isinstance(cell, str):
        body = _paragraphs(safe_text(cell))
        return f'<table:table-cell{style} office:value-type="string">{body}</table:table-cell>'
    value = repr(_number(cell))
    return (
        f'<table:table-cell{style} office:value-type="float" office:value="{value}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def _content_pieces(sheets: Sequence[Sheet]) -> Iterator[str]:
    bold = ' table:style-name="header"'
    yield _CONTENT_START
    for sheet in sheets:
        name = quoteattr(_NOT_XML.sub("\ufffd", sheet.name))
        yield f"<table:table table:name={name}>"
        yield f'<table:table-column table:number-columns-repeated="{max(1, len(sheet.header))}"/>'
        yield "<table:table-row>" + "".join(_ods_cell(c, bold) for c in sheet.header)
        yield "</table:table-row>\n"
        for row in _rows(sheet):
            yield "<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>\n"
        yield "</table:table>\n"
    yield _CONTENT_END


class _Sink:
    """A write-only, unseekable file for ZipFile that holds what it is given until drained."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._pending = 0
        self._position = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._pending += len(data)
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def drain(self, minimum: int = 1) -> Iterator[bytes]:
        """Yield everything held as one chunk, once at least `minimum` bytes are waiting."""
        if self._pending and self._pending >= minimum:
            yield b"".join(self._parts)
            self._parts.clear()
            self._pending = 0


def _entry(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    now = clock.now()
    info = zipfile.ZipInfo(name, (now.year, now.month, now.day, now.hour, now.minute, now.second))
    info.compress_type = compress_type
    info.external_attr = 0o644 << 16
    return info


def _mimetype_entry() -> tuple[zipfile.ZipInfo, bytes]:
    """The "mimetype" entry, made by hand so that it has sizes and CRC in its local header.

    ODF 1.2 part 3 §3.3 wants it first, stored and without an extra field, so that tools can
    recognise the type at byte 38. ZipFile on an unseekable output would give it a data
    descriptor (sizes zero in the header), which strict readers reject for stored entries.
    """
    info = _entry("mimetype", zipfile.ZIP_STORED)
    info.file_size = info.compress_size = len(ODS_MIMETYPE)
    info.CRC = zlib.crc32(ODS_MIMETYPE)
    info.header_offset = 0
    return info, info.FileHeader() + ODS_MIMETYPE


def ods_stream(sheets: Sequence[Sheet]) -> Iterator[bytes]:
    """An OpenDocument spreadsheet (ODF 1.2) zip in chunks: one table per sheet, bold header."""
    names = [sheet.name for sheet in sheets]
    if not names or "" in names or len(set(names)) < len(names):
        raise ValueError(f"an ODS export needs sheets with distinct, non-empty names: {names!r}")
    sink = _Sink()
    mimetype, local_entry = _mimetype_entry()
    sink.write(local_entry)
    # The sink can tell but not seek, so ZipFile starts after the mimetype entry and writes
    # every further entry with a data descriptor; the mimetype joins its central directory.
    with zipfile.ZipFile(sink, "w") as archive:
        archive.filelist.append(mimetype)
        archive.NameToInfo[mimetype.filename] = mimetype
        archive.writestr(_entry("META-INF/manifest.xml"), _MANIFEST)
        with archive.open(_entry("content.xml"), "w", force_zip64=True) as content:
            for text in _chunks(_content_pieces(sheets)):
                content.write(text.encode())
                yield from sink.drain(CHUNK)
    yield from sink.drain()
