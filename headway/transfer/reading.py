"""Reading a CSV file someone exported from another CRM or a spreadsheet.

Files come in whatever the exporting tool wrote: UTF-8 with or without a byte-order mark
(Salesforce, HubSpot, Google Sheets), Windows-1252 (Excel's "CSV" on Windows), UTF-16 with a
BOM (Excel's "Unicode text"), separated by commas, semicolons (Excel in most of Europe) or tabs,
with CRLF line ends and quoted fields holding commas and line breaks. This module turns the
bytes into a header and rows of strings, numbered as a spreadsheet numbers them (the header is
row 1), or refuses the file with a :class:`FileRefused` that says what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

# A file is read whole for now (a later step streams 200k-row files with bounded memory).
MAX_BYTES = 50 * 1024 * 1024
MAX_FIELD_CHARS = 100_000
DELIMITERS = (",", ";", "\t")

TOO_BIG = "The file is {size} MB; the limit is {limit} MB. Split it into smaller files."
EMPTY = "The file is empty. Export it again with a header row and at least one row."
NOT_TEXT = (
    "The file is not text in UTF-8, UTF-16 or Windows-1252 (byte {pos} cannot be read). "
    "Save it as 'CSV UTF-8' and try again."
)
NUL_BYTE = (
    "The file holds a NUL character in row {row}: it looks like a binary file, not a CSV. "
    "Save it as 'CSV UTF-8' and try again."
)
BAD_CSV = "The file is not valid CSV near row {row}: {problem}. Check the quotes on that row."
NO_HEADER = "The first row is empty: it must name the columns."
DUPLICATE_HEADER = "The column '{name}' appears twice in the header: rename one of them."
TOO_MANY_VALUES = "Row {row} has {count} values but the header names {columns} columns."


class FileRefused(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Table:
    """A read file: its header, and its rows as (row number, values by column name)."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # Rows that cannot be read as the header says (row number, message): bad rows, listed.
    problems: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read as: a BOM decides; else UTF-8 if it is valid,
    else Windows-1252 (which reads almost any byte, so a file in another legacy code page shows
    wrong letters rather than failing — the dry run lets the user see them)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise FileRefused(NOT_TEXT.format(pos=exc.start + 1)) from exc


def sniff_delimiter(text: str) -> str:
    """The separator of the header row: the one of comma, semicolon and tab that occurs most
    often outside quotes (a header is one line; csv.Sniffer guesses wrong on short files)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in ("\n", "\r"):
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    done = 0
    try:
        for record in reader:
            done += 1
            yield record
    except csv.Error as exc:
        raise FileRefused(BAD_CSV.format(row=done + 1, problem=str(exc).rstrip("."))) from exc


def read(data: bytes, *, max_bytes: int = MAX_BYTES) -> Table:
    """Read a whole CSV file; rows that are entirely empty are skipped (but keep their number,
    so row numbers match what a spreadsheet shows)."""
    if len(data) > max_bytes:
        raise FileRefused(
            TOO_BIG.format(size=round(len(data) / 2**20, 1), limit=round(max_bytes / 2**20, 1))
        )
    if not data.strip():
        raise FileRefused(EMPTY)
    text, encoding = decode(data)
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; binary files (xlsx, zip) show up this way.
        row = text[: text.index("\x00")].count("\n") + 1
        raise FileRefused(NUL_BYTE.format(row=row))
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(MAX_FIELD_CHARS)
    records = _records(text, delimiter)
    header = next(records, None)
    headers = [h.strip() for h in header or []]
    if not any(headers):
        raise FileRefused(NO_HEADER)
    seen: set[str] = set()
    for name in headers:
        if name and name.casefold() in seen:
            raise FileRefused(DUPLICATE_HEADER.format(name=name))
        seen.add(name.casefold())
    table = Table(headers=headers, encoding=encoding, delimiter=delimiter)
    for number, record in enumerate(records, start=2):
        if not any(value.strip() for value in record):
            continue
        if len(record) > len(headers):
            extra = record[len(headers) :]
            if any(value.strip() for value in extra):
                table.problems.append(
                    (
                        number,
                        TOO_MANY_VALUES.format(row=number, count=len(record), columns=len(headers)),
                    )
                )
                continue
        # A short row (some tools drop trailing empty values) reads as empty cells.
        values = {
            name: (record[i].strip() if i < len(record) else "")
            for i, name in enumerate(headers)
            if name
        }
        table.rows.append((number, values))
    if not table.rows and not table.problems:
        raise FileRefused(EMPTY)
    return table
