"""Reading a CSV or Excel file into numbered rows of cells. Anything unreadable becomes ImportRejected."""

from procure.core.errors import ImportRejected
from procure.core.tabular import is_blank_row, read_sheets

Row = tuple[int, tuple]  # (line number as a spreadsheet shows it, cells)

_NOT_A_WORKBOOK = "The file is not an Excel workbook that can be read ({kind}): save it again as .xlsx or CSV"
WORDING = {
    "old_excel": "Old Excel files (.xls) cannot be read: save it as .xlsx or CSV and try again",
    "not_a_workbook": _NOT_A_WORKBOOK,
    "sheet_unreadable": _NOT_A_WORKBOOK,
    "not_text": "The file is not a CSV or Excel file",
    "csv_malformed": "Line {line} of the CSV cannot be read ({detail}): check its quotes",
}


def read_rows(content: bytes, file_name: str) -> list[Row]:
    """Every row of the first worksheet (Excel) or of the file (CSV), blank rows left out."""
    if not content:
        raise ImportRejected("The file is empty")
    sheets = read_sheets(content, file_name, wording=WORDING, limit=1)
    rows = sheets[0].rows if sheets else []
    return [(line, cells) for line, cells in rows if not is_blank_row(cells)]
