"""Spreadsheet files as numbered rows of cells: CSV (any common delimiter and encoding) or XLSX (every sheet).

The file format only: which column means what, and what a row says, is each app's business. Line numbers
are the row numbers a spreadsheet shows (the first row is line 1, blank rows counted), so a person can find
them. A file that cannot be read raises ImportRejected with a sentence a user can act on; an app may word
those sentences its own way by passing `wording` ({reason: template}, reasons as in WORDING).
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, TypeVar

from openpyxl import load_workbook

from procure.core.errors import ImportRejected

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = ",;\t|"
_ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)
_SNIFF_CHARACTERS = 16384
_COUNT_LINES = 20
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")

# Templates may use {detail} (the underlying error), {kind} (its type), {sheet} and {line}.
WORDING: dict[str, str] = {
    "old_excel": "This is an old-style Excel (.xls) file: save it as .xlsx or .csv and upload that",
    "not_a_workbook": "The file could not be opened as an Excel workbook (.xlsx): {detail}",
    "sheet_unreadable": "Sheet '{sheet}' could not be read ({detail}): save the workbook again in Excel "
                        "as .xlsx, or as CSV, and upload that",
    "not_text": "This file is not a CSV or XLSX spreadsheet: save it as .csv or .xlsx and upload that",
    "csv_malformed": "The CSV file is malformed near row {line}: {detail}",
}

Row = tuple[int, tuple]  # (line, cells)
Source = Path | bytes
T = TypeVar("T")


@dataclass
class Sheet:
    """One table-bearing part of a file: a worksheet, or the whole of a CSV file (name '')."""

    name: str
    rows: Iterable[Row]


def open_sheets(source: Source, file_name: str = "", *, wording: Mapping[str, str] | None = None
                ) -> Iterator[Sheet]:
    """Each sheet of a file (a path, or its bytes and name) in turn, its rows read as they are iterated.

    The content decides the format where it can (a workbook saved with a .csv name is still a workbook).
    """
    words = {**WORDING, **(wording or {})}
    suffix = Path(file_name or (source.name if isinstance(source, Path) else "")).suffix.lower()
    head = _head(source)
    if head.startswith(_ZIP_MAGIC) or suffix in XLSX_SUFFIXES:
        yield from _workbook_sheets(source, words)
    elif head.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise _rejected(words, "old_excel")
    else:
        yield Sheet("", _csv_rows(source.read_bytes() if isinstance(source, Path) else source, words))


def read_sheets(source: Source, file_name: str = "", *, wording: Mapping[str, str] | None = None,
                limit: int | None = None) -> list[Sheet]:
    """The sheets of a file (the first `limit` of them) with all their rows read into lists."""
    sheets = open_sheets(source, file_name, wording=wording)
    try:
        return [Sheet(sheet.name, list(sheet.rows)) for sheet in islice(sheets, limit)]
    finally:
        sheets.close()


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel writes it, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def header_key(value: object) -> str:
    """'Amount (£)' → 'amount', 'Payment_Date' → 'paymentdate': case, spaces and punctuation ignored."""
    if value is None:
        return ""
    return _NOT_ALPHANUMERIC.sub("", str(value).lower())


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0' (Excel stores codes as numbers), dates as dd/mm/yyyy,
    Yes or No for a true/false cell, runs of spaces and line breaks as one space, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return " ".join(str(value).split())


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(cells: Iterable[object]) -> bool:
    return all(is_blank(cell) for cell in cells)


def find_header_row(rows: Sequence[T], score: Callable[[T], int], *, search_rows: int,
                    minimum: int = 1) -> int | None:
    """The index of the header row: the best-scoring of the first `search_rows` rows (the earliest of equals),
    or None when none scores `minimum`. A score that is only 0 or 1 finds the first row that qualifies."""
    best, best_score = None, minimum - 1
    for index, row in enumerate(rows[:search_rows]):
        row_score = score(row)
        if row_score > best_score:
            best, best_score = index, row_score
    return best


def _head(source: Source) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return handle.read(8)
    return source[:8]


def _rejected(words: Mapping[str, str], reason: str, error: Exception | None = None, *, sheet: str = "",
              line: int = 0) -> ImportRejected:
    detail, kind = (str(error), type(error).__name__) if error is not None else ("", "")
    return ImportRejected(words[reason].format(detail=detail, kind=kind, sheet=sheet, line=line))


def _delimiter(text: str) -> tuple[str, bool]:
    """The delimiter, and whether a space follows it: sniffed from the start of the file, else the one of
    , ; tab | that its first lines hold most of (commas when none)."""
    sample = text[:_SNIFF_CHARACTERS]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        return sniffed.delimiter, bool(sniffed.skipinitialspace)
    except csv.Error:
        head = "\n".join(sample.splitlines()[:_COUNT_LINES])
        return max(DELIMITERS, key=lambda candidate: (head.count(candidate), candidate == ",")), False


def _csv_rows(data: bytes, words: Mapping[str, str]) -> Iterator[Row]:
    text = decode(data)
    if "\x00" in text:
        raise _rejected(words, "not_text")
    delimiter, skip_spaces = _delimiter(text)
    # Excel's quoting whatever the sniffer guessed: "" inside quotes is a quote, even past the sniffed start
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter,
                        skipinitialspace=skip_spaces)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, tuple(row)
    except csv.Error as error:
        raise _rejected(words, "csv_malformed", error, line=reader.line_num) from None


def _binary(source: Source) -> IO[bytes]:
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def _workbook_sheets(source: Source, words: Mapping[str, str]) -> Iterator[Sheet]:
    with _binary(source) as handle:  # a handle, so openpyxl does not judge the file by its name
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # a damaged or disguised file can fail in many ways inside openpyxl
            raise _rejected(words, "not_a_workbook", error) from None
        try:
            for worksheet in workbook.worksheets:
                yield Sheet(worksheet.title, _worksheet_rows(worksheet, words))
        finally:
            workbook.close()


def _worksheet_rows(worksheet, words: Mapping[str, str]) -> Iterator[Row]:
    try:
        yield from enumerate(worksheet.iter_rows(values_only=True), start=1)
    except Exception as error:  # as above: a damaged sheet is refused, never a crash
        raise _rejected(words, "sheet_unreadable", error, sheet=worksheet.title) from None
