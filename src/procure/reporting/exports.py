"""Downloads of the dashboard: its figures and lines as XLSX (openpyxl in write-only mode, so a year of
lines streams to disk rather than memory), and any figure's lines as CSV."""

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from procure.core.dates import FinancialYear
from procure.core.money import money_str
from procure.organisations.models import Organisation
from procure.reporting.line_rows import AMOUNT, HEADINGS, PAID, line_rows
from procure.reporting.selectors import Dashboard
from procure.reporting.workbook import Sheet, write_figures
from procure.spend.kpis.selectors import KpiFilters, kpi_lines
from procure.spend.models import SpendLine

MAX_LINES = 1_000_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dashboard_lines(*, organisation: Organisation, year: FinancialYear, filters: KpiFilters
                    ) -> list[QuerySet[SpendLine]]:
    """The lines of the workbook: those behind the total, then the non-procurable ones left out of it."""
    return [kpi_lines(organisations=[organisation], year=year, measure=measure, filters=filters)
            .order_by("payment_date", "id") for measure in ("total", "excluded")]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(lines: QuerySet[SpendLine]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADINGS)
    for row in line_rows(lines):
        yield writer.writerow((f"{row[PAID]:%d/%m/%Y}", *row[PAID + 1:AMOUNT], money_str(row[AMOUNT]),
                               *row[AMOUNT + 1:]))


def lines_csv_response(lines: QuerySet[SpendLine], *, file_name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_rows(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def write_lines(workbook: Workbook, parts: list[QuerySet[SpendLine]], *, limit: int = MAX_LINES) -> int:
    """The 'Lines' sheet, up to `limit` lines with a note when there are more. Returns the count written."""
    sheet = Sheet(workbook, "Lines")
    total = sum(part.count() for part in parts)
    if total > limit:
        sheet.heading(f"Only the first {limit:,} of {total:,} lines are here (a sheet holds about a million rows). "
                      "Download each figure's lines as CSV from its page on the dashboard for all of them.")
    sheet.heading(*HEADINGS)
    written = 0
    for part in parts:
        for row in line_rows(part[:max(limit - written, 0)]):
            sheet.line(row, date_column=PAID, money_column=AMOUNT)
            written += 1
    return written


def _respond(workbook: Workbook, file_name: str) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response streams it and closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=file_name, content_type=XLSX)


def lines_workbook_response(lines: QuerySet[SpendLine], *, file_name: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    write_lines(workbook, [lines])
    return _respond(workbook, file_name)


def dashboard_workbook_response(*, dashboard: Dashboard, figures: list, filters_text: str,
                                lines: list[QuerySet[SpendLine]], file_name: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    write_figures(workbook, dashboard, figures=figures, filters_text=filters_text)
    write_lines(workbook, lines)
    return _respond(workbook, file_name)
