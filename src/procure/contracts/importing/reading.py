"""Reading a CSV or Excel file into numbered rows of cells. Anything unreadable becomes ImportRejected."""

import csv
import io

from procure.core.errors import ImportRejected

Row = tuple[int, list[object]]  # (line number as a spreadsheet shows it, cells)


def read_rows(content: bytes, file_name: str) -> list[Row]:
    """Every row of the first worksheet (Excel) or of the file (CSV), blank rows left out."""
    if not content:
        raise ImportRejected("The file is empty")
    if file_name.lower().endswith(".xls"):
        raise ImportRejected("Old Excel files (.xls) cannot be read: save it as .xlsx or CSV and try again")
    is_excel = file_name.lower().endswith(".xlsx") or content[:2] == b"PK"
    rows = _excel_rows(content) if is_excel else _csv_rows(content)
    return [(line, cells) for line, cells in rows if any(_filled(cell) for cell in cells)]


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _excel_rows(content: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            return [(line, list(cells)) for line, cells in enumerate(rows, start=1)]
        finally:
            workbook.close()
    except Exception as error:  # a damaged or disguised file can fail in many ways inside openpyxl
        kind = error.__class__.__name__
        raise ImportRejected(f"The file is not an Excel workbook that can be read ({kind}): "
                             "save it again as .xlsx or CSV") from None


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected("The file's text could not be read: save it as CSV (UTF-8) and try again")


def _csv_rows(content: bytes) -> list[Row]:
    text = _decode(content)
    if "\x00" in text:
        raise ImportRejected("The file is not a CSV or Excel file")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise ImportRejected(
            f"Line {reader.line_num} of the CSV cannot be read ({error}): check its quotes") from None
    return rows
