"""Rows out of a file: CSV (any common delimiter and encoding) or XLSX (every sheet), as tuples of cells."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from procure.core.errors import ImportRejected

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
Rows = Iterator[tuple[int, tuple]]


@dataclass
class Sheet:
    """One table-bearing part of a file: a worksheet, or the whole of a CSV file (name '')."""

    name: str
    rows: Rows


def open_sheets(path: Path) -> Iterator[Sheet]:
    """Each sheet of the file in turn. Raises ImportRejected when the file cannot be read at all."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in XLSX_SUFFIXES:
        yield from _xlsx_sheets(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() == ".xls":
        raise ImportRejected("This is an old-style Excel (.xls) file: save it as .xlsx or .csv and upload that")
    else:
        yield Sheet("", _csv_rows(path))


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel writes it, else Latin-1."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected("The file's text could not be read: save it as CSV UTF-8 and upload it again")


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_rows(path: Path) -> Rows:
    text = decode(path.read_bytes())
    if "\x00" in text:
        raise ImportRejected("This file is not a CSV or XLSX spreadsheet: upload the spend file as .csv or .xlsx")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:16384]))
    try:
        for number, row in enumerate(reader, start=1):
            yield number, tuple(row)
    except csv.Error as error:
        raise ImportRejected(f"The CSV file is malformed near row {reader.line_num}: {error}") from None


def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    with path.open("rb") as handle:  # a handle, so openpyxl does not judge the file by its name
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
            raise ImportRejected(f"The file could not be opened as an Excel workbook (.xlsx): {error}") from None
        try:
            for worksheet in workbook.worksheets:
                yield Sheet(worksheet.title, _worksheet_rows(worksheet))
        finally:
            workbook.close()


def _worksheet_rows(worksheet) -> Rows:
    try:
        yield from enumerate(worksheet.iter_rows(values_only=True), start=1)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, TypeError, ValueError) as error:
        raise ImportRejected(f"Sheet '{worksheet.title}' could not be read ({error}): save the workbook again "
                             "in Excel as .xlsx, or as CSV, and upload that") from None
