"""The dashboard's figures as workbook sheets: the KPI block, each breakdown and the monthly trend."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from procure.reporting import rules
from procure.reporting.selectors import Dashboard

MONEY = '"£"#,##0.00;-"£"#,##0.00'
PERCENT = "0.00%"
SAVINGS = (("cashable", "Savings: cashable"), ("non_cashable", "Savings: non-cashable"),
           ("cost_avoidance", "Savings: cost avoidance"), ("total", "Savings: total"))


class Sheet:
    """A write-only worksheet with typed cells: money, percentages and dates keep their formats."""

    def __init__(self, workbook: Workbook, title: str):
        self.sheet = workbook.create_sheet(title)

    def heading(self, *values) -> None:
        self.row(*values, bold=True)

    def row(self, *values, bold: bool = False, percent_columns: Iterable[int] = ()) -> None:
        self.sheet.append([self._cell(index, value, bold, percent_columns) for index, value in enumerate(values)])

    def line(self, values: tuple, *, date_column: int, money_column: int) -> None:
        """A row of plain values with only its date and amount cells formatted (the fast path for many rows)."""
        row = list(values)
        row[date_column] = self._formatted(row[date_column], "dd/mm/yyyy")
        row[money_column] = self._formatted(row[money_column], MONEY)
        self.sheet.append(row)

    def _formatted(self, value, number_format: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def _cell(self, index: int, value, bold: bool, percent_columns: Iterable[int]) -> WriteOnlyCell:
        if value is not None and not isinstance(value, str | int | Decimal) and not hasattr(value, "strftime"):
            value = str(value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if bold:
            cell.font = Font(bold=True)
        elif index in percent_columns and value is not None:
            cell.value, cell.number_format = Decimal(value) / 100, PERCENT
        elif isinstance(value, Decimal):
            cell.number_format = MONEY
        elif hasattr(value, "strftime"):
            cell.number_format = "dd/mm/yyyy"
        return cell


def _part(holder, name: str) -> Decimal:
    return holder[name] if isinstance(holder, dict) else getattr(holder, name)


def write_figures(workbook: Workbook, dashboard: Dashboard, *, figures: Sequence, filters_text: str) -> None:
    block = dashboard.block
    sheet = Sheet(workbook, "KPIs")
    sheet.heading("Procurement key performance indicators")
    sheet.row("Financial year", dashboard.year.label)
    sheet.row("As at", dashboard.as_at)
    sheet.row("Filters", filters_text or "None: all spend")
    sheet.row()
    sheet.heading("Figure", "Amount", "Percentage", "Note")
    for figure in figures:
        sheet.row(figure.label, figure.amount, figure.pct, figure.note, percent_columns=(2,))
    for name, label in SAVINGS:
        sheet.row(label, _part(block.savings, name), None, "Realised where recorded, else projected")
    sheet.row()
    sheet.heading("Not procurable (left out of the total)", "Amount")
    for reason, amount in block.exclusions:
        sheet.row(reason, amount)
    sheet.row("All non-procurable spend", block.excluded_spend)
    for title, rows in (("By category", block.by_category), ("By department", block.by_department),
                        ("By supplier", block.by_supplier)):
        _breakdown(Sheet(workbook, title), rows)
    _local(Sheet(workbook, "Local"), dashboard)
    _monthly(Sheet(workbook, "Monthly"), block.monthly)


def _breakdown(sheet: Sheet, rows) -> None:
    sheet.heading("Name", "Id", "Spend", "Contracted", "Compliance")
    for row in rows:
        sheet.row(row.label, row.key, row.amount, row.contracted, rules.percentage(row.contracted, row.amount),
                  percent_columns=(4,))


def _local(sheet: Sheet, dashboard: Dashboard) -> None:
    block, places = dashboard.block, dashboard.places
    sheet.heading("Where the supplier is", "Spend", "Share of total")
    for share in rules.local_split(total=block.total_spend, county=block.local_spend_county,
                                   region=block.local_spend_region, unknown=block.local_unknown_spend,
                                   county_name=places.county, region_name=places.region):
        sheet.row(share.label, share.amount, share.pct, percent_columns=(2,))


def _monthly(sheet: Sheet, months) -> None:
    sheet.heading("Month", "Spend", "Contracted", "Compliance")
    for month in months:
        sheet.row(f"{month.month:%B %Y}", month.amount, month.contracted,
                  rules.percentage(month.contracted, month.amount), percent_columns=(3,))
