from io import BytesIO

from openpyxl import Workbook, load_workbook

from procure.core.dates import FinancialYear
from procure.reporting import exports
from procure.spend.kpis.selectors import KpiFilters


def _saved(workbook: Workbook) -> Workbook:
    buffer = BytesIO()
    workbook.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


def test_lines_sheet_over_the_cap_says_so_and_stops(hand_made, organisation):
    parts = exports.dashboard_lines(organisation=organisation, year=FinancialYear(2024), filters=KpiFilters())
    workbook = Workbook(write_only=True)
    assert exports.write_lines(workbook, parts, limit=3) == 3
    rows = list(_saved(workbook)["Lines"].iter_rows(values_only=True))
    assert rows[0][0].startswith("Only the first 3 of 5 lines are here")
    assert rows[1][0] == "Paid" and len(rows) == 2 + 3


def test_lines_sheet_keeps_dates_and_money_as_numbers_with_the_reason(hand_made, organisation):
    parts = exports.dashboard_lines(organisation=organisation, year=FinancialYear(2024), filters=KpiFilters())
    workbook = Workbook(write_only=True)
    exports.write_lines(workbook, parts)
    sheet = _saved(workbook)["Lines"]
    door = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "Pendle Joinery Ltd")
    assert door[0].is_date and door[0].number_format == "dd/mm/yyyy"
    assert float(door[7].value) == 600.0 and "£" in door[7].number_format
    assert "LC-2024-001" in door[9].value and door[10].value == "LC-2024-001"
    pension = next(row for row in sheet.iter_rows(min_row=2) if row[8].value == "Not procurable (excluded)")
    assert "Pensions" in pension[9].value
