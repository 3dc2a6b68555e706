"""Reading CSV files as other tools write them: encodings, separators, line ends, quotes."""

from __future__ import annotations

import codecs

import pytest

from headway.transfer import reading
from headway.transfer.reading import FileRefused

HEADER = ["Account ID", "Account Name", "Website"]
ROWS = [
    ["001A", "Müller & Söhne, GmbH", "mueller.example"],
    ["001B", "Café\nOlé", "cafe.example"],
]


def _csv(delimiter: str = ",", newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        needs = any(c in value for c in (delimiter, '"', "\n", "\r"))
        return '"' + value.replace('"', '""') + '"' if needs else value

    lines = [delimiter.join(cell(v) for v in row) for row in [HEADER, *ROWS]]
    return newline.join(lines) + newline


def _values(table: reading.Table) -> list[list[str]]:
    return [[values[h] for h in table.headers] for _, values in table.rows]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (_csv().encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + _csv().encode("utf-8"), "utf-8-sig"),
        (_csv().encode("cp1252"), "cp1252"),
        (_csv().encode("utf-16"), "utf-16"),  # Python writes the BOM
        (codecs.BOM_UTF16_BE + _csv().encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "windows-1252", "utf16-le-bom", "utf16-be-bom"],
)
def test_every_encoding_reads_the_same_accents(data, encoding):
    table = reading.read(data)
    assert table.encoding == encoding
    assert table.headers == HEADER  # no BOM left on the first column name
    assert _values(table) == ROWS


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_the_delimiter_is_sniffed(delimiter):
    table = reading.read(_csv(delimiter).encode())
    assert table.delimiter == delimiter
    assert _values(table) == ROWS


@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_line_ends_and_quoted_line_breaks_and_commas(newline):
    table = reading.read(_csv(newline=newline).encode())
    assert table.rows[0][1]["Account Name"] == "Müller & Söhne, GmbH"
    assert table.rows[1][1]["Account Name"] == "Café\nOlé"


def test_rows_are_numbered_as_a_spreadsheet_numbers_them():
    data = b'Name,Note\r\nA,"two\r\nlines"\r\n\r\nB,x\r\n'
    table = reading.read(data)
    # Header is row 1; the quoted line break keeps A on row 2; the blank row 3 is skipped.
    assert [n for n, _ in table.rows] == [2, 4]


def test_a_semicolon_inside_quotes_does_not_fool_the_sniffer():
    table = reading.read(b'"Name; full",Domain\nAcme,acme.test\n')
    assert table.headers == ["Name; full", "Domain"]


def test_short_rows_read_as_empty_cells_and_long_rows_are_listed():
    table = reading.read(b"A,B,C\n1\n1,2,3,4\n1,2,3,,\n")
    assert table.rows[0][1] == {"A": "1", "B": "", "C": ""}
    assert table.problems == [(3, "Row 3 has 4 values but the header names 3 columns.")]
    assert [n for n, _ in table.rows] == [2, 4]  # trailing empty values are harmless


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(FileRefused, match=r"limit is 0\.0 MB"):
        reading.read(b"Name\n" + b"x" * 100, max_bytes=50)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"Name,Domain\r\n", "The file is empty"),
        (b"\r\n\r\n", "The file is empty"),
        (b",,\nA,B,C\n", "The first row is empty"),
        (b"Name,name\nA,B\n", "The column 'name' appears twice"),
        (b"PK\x03\x04\x00\x00binary", "NUL character in row 1"),
        (b'Name,Note\nA,"never closed\n', "not valid CSV near row 2"),
    ],
    ids=[
        "nothing",
        "header-only",
        "blank-lines",
        "no-header",
        "duplicate-header",
        "binary",
        "unclosed-quote",
    ],
)
def test_unreadable_files_are_refused_saying_why(data, message):
    with pytest.raises(FileRefused, match=message):
        reading.read(data)


def test_a_utf16_file_with_a_broken_half_character_is_refused():
    with pytest.raises(FileRefused, match="not text in UTF-8, UTF-16 or Windows-1252"):
        reading.read(codecs.BOM_UTF16_LE + "Name\nA".encode("utf-16-le") + b"\x00")
