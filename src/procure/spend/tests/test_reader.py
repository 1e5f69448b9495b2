from datetime import date, datetime
from decimal import Decimal

import pytest

from procure.spend.importing import SavedMapping, header_signature, read_spend_file
from procure.spend.tests.files import write_csv, write_xlsx

HEADINGS = ["Transaction Number", "Date", "Expenditure Category", "Supplier Name", "Amount"]


def test_heading_row_below_title_rows_is_found_and_line_numbers_are_spreadsheet_rows(tmp_path):
    path = write_xlsx(tmp_path / "spend.xlsx", {"April": [
        ["Lancashire Constabulary: spend over £500"], ["Published 30 April 2024"], [],
        HEADINGS,
        [1001, datetime(2024, 4, 2), "Stationery", "Banner Group Ltd", 612.5],
        [],
        ["1002", datetime(2024, 4, 3, 1, 0), "Fuel", "Certas Energy UK Ltd", "£1,204.10"],
    ]})
    result = read_spend_file(path)
    assert not result.problems
    assert [(line.line_number, line.payee_name, line.amount) for line in result.lines] == [
        (5, "Banner Group Ltd", Decimal("612.50")), (7, "Certas Energy UK Ltd", Decimal("1204.10"))]
    assert result.lines[1].payment_date == date(2024, 4, 3)
    assert [line.transaction_reference for line in result.lines] == ["1001", "1002"]
    assert result.tables[0].line == 4


def test_heading_row_met_mid_sheet_takes_over_and_columns_shift(tmp_path):
    path = write_xlsx(tmp_path / "fire.xlsx", {"Data": [
        ["Transaction Number", "Date", "Expenditure Category", "Supplier Name", "Supplier Classification", "Amount"],
        [107639310, datetime(2022, 4, 1), "Training courses", "Anderton Centre", "Training", 7740],
        ["Transaction Number", "Date", "Subjective Description", "Supplier Name", "Amount", None],
        ["6000736", datetime(2023, 3, 8), "Vehicle R&M", "Thomas Hardie Commercials Ltd", 1652.68, None],
    ]})
    result = read_spend_file(path)
    assert not result.problems
    assert [(line.payee_name, line.amount, line.expense_type, line.category_label) for line in result.lines] == [
        ("Anderton Centre", Decimal("7740.00"), "Training courses", "Training"),
        ("Thomas Hardie Commercials Ltd", Decimal("1652.68"), "Vehicle R&M", "")]
    assert [table.line for table in result.tables] == [1, 3]


def test_every_sheet_of_a_workbook_is_read_and_sheets_without_a_table_are_left_out(tmp_path):
    path = write_xlsx(tmp_path / "year.xlsx", {
        "Notes": [["These are the force's payments over £500."], ["Contact finance with questions."]],
        "April": [HEADINGS, ["A1", datetime(2024, 4, 5), "Fuel", "Certas Energy UK Ltd", 900]],
        "May": [HEADINGS, ["M1", datetime(2024, 5, 7), "Fuel", "Certas Energy UK Ltd", 1100]],
    })
    result = read_spend_file(path)
    assert not result.problems
    assert [(line.sheet, line.amount) for line in result.lines] == [("April", Decimal("900.00")),
                                                                    ("May", Decimal("1100.00"))]
    assert {"line": None, "sheet": "Notes", "reason": "No table of payments found on this sheet: left out"} in (
        result.skipped)
    assert result.file_total == Decimal("2000.00")


def test_excel_serial_dates_in_text_and_in_cells_are_read(tmp_path):
    csv_result = read_spend_file(write_csv(tmp_path / "serial.csv", [
        ["Date", "Supplier", "Amount"], ["45383", "Banner Group Ltd", "10.00"]]))
    xlsx_result = read_spend_file(write_xlsx(tmp_path / "serial.xlsx", {"S": [
        ["Date", "Supplier", "Amount"], [45383, "Banner Group Ltd", 10]]}))
    assert csv_result.lines[0].payment_date == xlsx_result.lines[0].payment_date == date(2024, 4, 1)


@pytest.mark.parametrize(("written", "amount"), [
    ("(123.45)", Decimal("-123.45")), ("-12.00", Decimal("-12.00")), ("£1,234.56", Decimal("1234.56")),
    ("1,000.00-", Decimal("-1000.00")), ("-£7.10", Decimal("-7.10")),
])
def test_credits_in_brackets_or_with_minus_signs_are_negative(tmp_path, written, amount):
    result = read_spend_file(write_csv(tmp_path / "credit.csv", [
        ["Payment Date", "Payee", "Net Amount"], ["02/05/2024", "Banner Group Ltd", written]]))
    assert result.lines[0].amount == amount


def test_total_row_is_not_a_line_and_becomes_the_files_own_total(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "total.csv", [
        ["Date", "Supplier", "Amount"], ["02/05/2024", "Banner Group Ltd", "100.00"],
        ["03/05/2024", "Certas Energy UK Ltd", "(20.00)"], ["", "", ""], ["Total", "", "80.00"]]))
    assert not result.problems
    assert len(result.lines) == 2
    assert result.file_total == Decimal("80.00")
    assert result.file_total_source == "the total row on line 5"


def test_total_row_that_disagrees_with_the_lines_refuses_the_file(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "total.csv", [
        ["Date", "Supplier", "Amount"], ["02/05/2024", "Banner Group Ltd", "100.00"], ["Grand total", "", "150.00"]]))
    assert result.problems == [{"line": 3, "sheet": "", "reason": (
        "The total row says £150.00 but the lines above add up to £100.00: check for missing, extra or "
        "unreadable lines")}]


def test_supplier_called_total_something_is_a_line_not_a_total(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "gas.csv", [
        ["Date", "Supplier", "Amount"], ["02/05/2024", "Total Gas & Power Ltd", "880.00"]]))
    assert [line.payee_name for line in result.lines] == ["Total Gas & Power Ltd"]


def test_every_bad_row_is_named_with_a_reason(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "bad.csv", [
        ["Date", "Supplier", "Amount"],
        ["", "Banner Group Ltd", "10.00"],
        ["31/02/2024", "Banner Group Ltd", "10.00"],
        ["02/05/2024", "Banner Group Ltd", "ten pounds"],
        ["02/05/2024", "", "10.00"],
        ["02/05/2024", "Fine Ltd", "10.00"],
    ]))
    assert [(problem["line"], problem["reason"]) for problem in result.problems] == [
        (2, "No payment date: enter the date paid (dd/mm/yyyy)"),
        (3, "Payment date: '31/02/2024' is not a real date"),
        (4, "Amount: 'ten pounds' is not an amount"),
        (5, "No payee: enter the supplier's name"),
    ]


def test_blank_rows_notes_and_leftover_empty_columns_are_tolerated(tmp_path):
    path = write_xlsx(tmp_path / "messy.xlsx", {"S": [
        [None, "Date", "Supplier", "Amount", None, None],
        [None, datetime(2024, 6, 1), "Banner Group Ltd", 55.5, None, "=SUM(D2)"],
        [None, None, None, None, None, None],
        [None, None, "Payments to individuals are not shown", None, None, None],
    ]})
    result = read_spend_file(path)
    assert not result.problems
    assert [line.amount for line in result.lines] == [Decimal("55.50")]
    assert result.skipped[0]["line"] == 4


def test_csv_in_windows_encoding_with_semicolons_is_read(tmp_path):
    path = write_csv(tmp_path / "excel.csv", [["Payment Date", "Supplier Name", "Amount (£)"],
                                              ["02/05/2024", "Café Nero Ltd", "£12.50"]],
                     encoding="cp1252", delimiter=";")
    result = read_spend_file(path)
    assert [(line.payee_name, line.amount) for line in result.lines] == [("Café Nero Ltd", Decimal("12.50"))]


def test_csv_with_byte_order_mark_is_read(tmp_path):
    path = write_csv(tmp_path / "bom.csv", [["Date", "Supplier", "Amount"], ["02/05/2024", "Banner", "1.00"]],
                     encoding="utf-8-sig")
    assert read_spend_file(path).lines[0].payee_name == "Banner"


def test_lga_layout_reads_every_field_and_treats_na_as_empty(tmp_path):
    path = write_csv(tmp_path / "lga.csv", [
        ["OrganisationLabel", "EffectiveDate", "OrganisationalUnit", "BeneficiaryName", "PaymentDate",
         "TransactionNumber", "Amount", "IrrecoverableVATAmount", "Purpose", "ProclassLabel", "ProclassCode",
         "InvoiceNumber", "ProfitCentre", "VATRegistrationNumber"],
        ["Trafford Council", "2026-05-31", "LIFT REPAIRS", "VLC (Stairlifts) Limited", "2026-05-29", "5100509851",
         "742.50", "0.00", "Service charges", "FACILITIES MGT : Lifts", "191400", "68787", "250210", "GB812311285"],
        ["Trafford Council", "2026-05-31", "Capital", "George Cox & Sons Ltd", "2026-05-28", "5100507185",
         "31843.62", "0.00", "Main works", "Not Classified", "NA", "26060037", "990000", "NA"],
    ])
    result = read_spend_file(path)
    first, second = result.lines
    assert result.layout == "LGA spend (Transparency Code)"
    assert (first.payment_date, first.category_code, first.category_label, first.department_label,
            first.department_code, first.invoice_reference, first.payee_vat_number, first.irrecoverable_vat) == (
        date(2026, 5, 29), "191400", "FACILITIES MGT : Lifts", "LIFT REPAIRS", "250210", "68787", "GB812311285",
        Decimal("0.00"))
    assert (second.category_code, second.category_label, second.payee_vat_number) == ("", "", "")


def test_effective_date_is_used_only_when_there_is_no_payment_date(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "eff.csv", [
        ["EffectiveDate", "BeneficiaryName", "Amount"], ["2026-05-31", "Banner", "1.00"]]))
    assert result.lines[0].payment_date == date(2026, 5, 31)


def test_unrecognised_columns_are_refused_naming_the_columns_and_the_missing_fields(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "odd.csv", [
        ["Posted", "Who", "Amount", "Notes"], ["02/05/2024", "Banner Group Ltd", "10.00", ""]]))
    assert result.layout_unrecognised
    assert result.headers == ["Posted", "Who", "Amount", "Notes"]
    assert result.problems[0]["reason"].startswith(
        "The columns were not recognised: no column for the payment date and payee (supplier name) was found. "
        "The columns found are: Posted, Who, Amount, Notes.")


def test_saved_mapping_is_used_before_the_synonyms(tmp_path):
    headings = ["Posted", "Who", "Amount", "Date"]
    path = write_csv(tmp_path / "odd.csv", [headings, ["02/05/2024", "Banner Group Ltd", "10.00", "not a date"]])
    mapping = SavedMapping("Ledger", {"payment_date": "Posted", "payee_name": "Who", "amount": "Amount"})
    result = read_spend_file(path, mappings={header_signature(headings): mapping})
    assert not result.problems
    assert (result.lines[0].payment_date, result.layout) == (date(2024, 5, 2), "Saved mapping: Ledger")


def test_old_excel_files_are_refused_with_what_to_do(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    result = read_spend_file(path)
    assert "save it as .xlsx or .csv" in result.problems[0]["reason"]


def test_a_broken_workbook_is_refused_not_crashed(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    result = read_spend_file(path)
    assert result.problems and "could not be opened as an Excel workbook" in result.problems[0]["reason"]
    assert not result.lines


def test_a_workbook_saved_with_a_csv_name_is_read_as_a_workbook(tmp_path):
    workbook = write_xlsx(tmp_path / "real.xlsx", {"S": [["Date", "Supplier", "Amount"], [45383, "Banner", 10]]})
    misnamed = tmp_path / "misnamed.csv"
    misnamed.write_bytes(workbook.read_bytes())
    assert [line.payee_name for line in read_spend_file(misnamed).lines] == ["Banner"]


def test_binary_content_is_refused_not_crashed(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = read_spend_file(path)
    assert "not a CSV or XLSX spreadsheet" in result.problems[0]["reason"]


def test_redacted_payees_are_kept_as_lines(tmp_path):
    result = read_spend_file(write_csv(tmp_path / "r.csv", [
        ["Date", "BeneficiaryName", "Amount"], ["02/05/2024", "Redacted", "600.00"]]))
    assert [line.payee_name for line in result.lines] == ["Redacted"]
