import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from procure.core.errors import ImportRejected
from procure.core.tabular import (
    cell_text,
    decode,
    find_header_row,
    header_key,
    is_blank,
    is_blank_row,
    open_sheets,
    read_sheets,
)


def _rows(data: bytes, file_name: str = "file.csv") -> list[tuple]:
    (sheet,) = read_sheets(data, file_name)
    return [cells for _, cells in sheet.rows]


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_with_semicolons_is_split_on_them():
    data = b"Supplier Name;Amount;Town\nAcme, Ltd;12.50;Preston\nBeta Ltd;1,00;Chorley\n"
    assert _rows(data) == [("Supplier Name", "Amount", "Town"), ("Acme, Ltd", "12.50", "Preston"),
                           ("Beta Ltd", "1,00", "Chorley")]


def test_csv_with_tabs_is_split_on_them():
    data = b"Supplier Name\tPostcode\nAcme, Ltd\tPR1 1AA\nBeta Ltd\tBB11 1AA\n"
    assert _rows(data, "export.txt") == [("Supplier Name", "Postcode"), ("Acme, Ltd", "PR1 1AA"),
                                         ("Beta Ltd", "BB11 1AA")]


def test_csv_saved_by_excel_in_windows_encoding_keeps_its_pound_signs():
    data = "Payee;Amount (£)\nCafé Nero;£12.50\n".encode("cp1252")
    assert b"\xa3" in data
    assert _rows(data) == [("Payee", "Amount (£)"), ("Café Nero", "£12.50")]


def test_byte_order_mark_is_not_part_of_the_first_heading():
    data = "Supplier Name,Postcode\nAcme Ltd,PR1 1AA\n".encode("utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data)
    assert rows[0] == ("Supplier Name", "Postcode") and header_key(rows[0][0]) == "suppliername"


def test_bytes_no_encoding_can_read_are_read_as_latin_1():
    assert decode(b"Caf\xe9") == "Café"  # Windows-1252
    assert decode(b"Caf\x81") == "Caf\x81"  # a byte Windows-1252 leaves undefined


def test_quotes_doubled_far_into_a_file_are_read_as_one_quote():
    filler = "".join(f"2019-01-{day % 28 + 1:02},{day}.00,\"Payee {day}, Ltd\"\n" for day in range(600))
    last = '2019-01-14,7097.98,"Next Stage ""A Way Forward"" Ltd"\n'
    data = ("Date,Amount,Payee\n" + filler + last).encode()
    assert len(filler) > 16384
    assert _rows(data)[-1] == ("2019-01-14", "7097.98", 'Next Stage "A Way Forward" Ltd')


def test_semicolons_are_found_under_a_title_line_the_sniffer_cannot_judge():
    data = b"Suppliers at 1 April\nSupplier Name;Postcode\nAcme Ltd;PR1 1AA\n"
    assert _rows(data) == [("Suppliers at 1 April",), ("Supplier Name", "Postcode"), ("Acme Ltd", "PR1 1AA")]


def test_spaces_after_the_delimiter_do_not_break_quoted_cells():
    data = b'Supplier Name, Postcode, Town\n"Acme, Ltd", PR1 1AA, "Preston, Lancs"\n'
    assert _rows(data)[1] == ("Acme, Ltd", "PR1 1AA", "Preston, Lancs")


def test_line_numbers_are_the_rows_a_spreadsheet_shows():
    data = b'Reference,Title\nA,"two\nlines"\n\nB,one line\n'
    (sheet,) = read_sheets(data, "register.csv")
    assert sheet.name == "" and [line for line, _ in sheet.rows] == [1, 2, 3, 4]
    assert sheet.rows[1] == (2, ("A", "two\nlines")) and sheet.rows[3] == (4, ("B", "one line"))


def test_blank_trailing_columns_come_through_as_blank_cells():
    csv_rows = _rows(b"Supplier Name,Amount,,\nAcme Ltd,10.00,,\n,,,\n")
    assert csv_rows == [("Supplier Name", "Amount", "", ""), ("Acme Ltd", "10.00", "", ""), ("", "", "", "")]
    assert is_blank_row(csv_rows[2]) and not is_blank_row(csv_rows[1])
    assert [header_key(cell) for cell in csv_rows[0]] == ["suppliername", "amount", "", ""]
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(["Supplier Name", "Amount"])
    worksheet.append(["Acme Ltd", 10])
    worksheet["E2"].number_format = "0.00"  # formatted but empty, as spreadsheets leave them
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _rows(buffer.getvalue(), "suppliers.xlsx") == [
        ("Supplier Name", "Amount", None, None, None), ("Acme Ltd", 10, None, None, None)]


def test_every_sheet_of_a_workbook_is_read_with_its_name(tmp_path):
    payments = [["Date", "Supplier", "Amount"], [datetime(2024, 6, 1), "Banner Ltd", 55.5]]
    data = _workbook({"Notes": [["Published quarterly"]], "Payments": payments})
    path = tmp_path / "spend.xlsx"
    path.write_bytes(data)
    for source, name in ((data, "spend.xlsx"), (path, "")):
        sheets = read_sheets(source, name)
        assert [sheet.name for sheet in sheets] == ["Notes", "Payments"]
        assert sheets[0].rows == [(1, ("Published quarterly",))]
        assert sheets[1].rows == [(1, ("Date", "Supplier", "Amount")),
                                  (2, (datetime(2024, 6, 1), "Banner Ltd", 55.5))]
    assert [sheet.name for sheet in read_sheets(data, "spend.xlsx", limit=1)] == ["Notes"]


def test_sheets_are_read_as_they_are_iterated(tmp_path):
    path = tmp_path / "spend.xlsx"
    path.write_bytes(_workbook({"One": [["a"], ["b"]], "Two": [["c"]]}))
    sheets = open_sheets(path)
    first = next(sheets)
    assert (first.name, next(iter(first.rows))) == ("One", (1, ("a",)))
    assert [sheet.name for sheet in sheets] == ["Two"]


def test_a_workbook_saved_with_a_csv_name_is_read_as_a_workbook():
    data = _workbook({"Suppliers": [["Supplier Name"], ["Acme Ltd"]]})
    assert [sheet.name for sheet in read_sheets(data, "suppliers.csv")] == ["Suppliers"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Excel (.xls) file"),
    ("renamed.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Excel (.xls) file"),
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "could not be opened as an Excel workbook (.xlsx)"),
    ("broken.xlsx", b"\x00\x01 not a zip", "could not be opened as an Excel workbook (.xlsx)"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV or XLSX spreadsheet"),
])
def test_files_that_are_not_spreadsheets_are_refused_with_what_to_do(name, data, message):
    with pytest.raises(ImportRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_sheets(data, name)


def test_an_app_can_word_a_refusal_its_own_way():
    wording = {"not_a_workbook": "Not a workbook ({kind}): {detail}", "not_text": "Upload the register"}
    with pytest.raises(ImportRejected) as refused:
        read_sheets(b"PK\x03\x04 nope", "register.xlsx", wording=wording)
    assert refused.value.message == "Not a workbook (BadZipFile): File is not a zip file"
    with pytest.raises(ImportRejected, match="^Upload the register$"):
        read_sheets(b"a,\x00b\n", "register.csv", wording=wording)


def test_an_empty_csv_is_one_sheet_without_rows():
    assert [(sheet.name, sheet.rows) for sheet in read_sheets(b"", "empty.csv")] == [("", [])]


@pytest.mark.parametrize(("value", "key"), [
    ("Amount (£)", "amount"), ("Payment_Date", "paymentdate"), ("  Supplier  Name ", "suppliername"),
    (None, ""), ("", ""), (2024, "2024"), ("Start date (dd/mm/yyyy)", "startdateddmmyyyy"),
])
def test_header_key_ignores_case_spaces_and_punctuation(value, key):
    assert header_key(value) == key


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), ("  Acme   Ltd \n", "Acme Ltd"), ("two\nlines", "two lines"), (4166647.0, "4166647"),
    (12.5, "12.5"), (7, "7"), (True, "Yes"), (False, "No"), (datetime(2024, 6, 1, 9, 30), "01/06/2024"),
    (date(2024, 6, 1), "01/06/2024"),
])
def test_cell_text_reads_cells_as_a_person_would(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(("value", "blank"), [
    (None, True), ("", True), ("  \t", True), (0, False), ("0", False), (False, False)])
def test_is_blank_counts_only_empty_cells(value, blank):
    assert is_blank(value) is blank


def test_header_row_is_the_best_scoring_of_the_first_rows():
    rows = [["Title"], [], ["a", "b"], ["a", "b", "c"], ["x", "y", "z"], ["a", "b", "c", "d"]]
    assert find_header_row(rows, len, search_rows=5) == 3  # the earliest of equals; row 5 is not searched
    assert find_header_row(rows, len, search_rows=6) == 5
    assert find_header_row(rows, len, search_rows=6, minimum=5) is None
    assert find_header_row(rows, lambda row: "b" in row, search_rows=6) == 2  # yes or no: the first yes
    assert find_header_row([], len, search_rows=20) is None
