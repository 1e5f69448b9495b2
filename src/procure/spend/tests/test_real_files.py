"""The real files public bodies publish (read from the shared data folder; skipped when it is absent)."""

import csv
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from procure.core.testing import shared_data_dir
from procure.spend.choices import ImportStatus
from procure.spend.models import SpendLine
from procure.spend.services import spend_import

SPEND = shared_data_dir() / "spend"
FIRE = SPEND / "lancashire_fire_xlsx"
pytestmark = pytest.mark.skipif(not SPEND.is_dir(), reason="the shared data folder is not here")


def _xlsx_amount_column_total(path) -> tuple[int, Decimal]:
    """Counted independently of the importer: every number under an 'Amount' heading."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    count, total, column = 0, Decimal("0"), None
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        if "Amount" in row:
            column = row.index("Amount")
        elif column is not None and isinstance(row[column], int | float):
            count, total = count + 1, total + Decimal(repr(row[column]))
    workbook.close()
    return count, total


def _csv_amount_column_total(path, column: str) -> tuple[int, Decimal]:
    with path.open(encoding="utf-8", newline="") as handle:
        amounts = [Decimal(row[column]) for row in csv.DictReader(handle)]
    return len(amounts), sum(amounts)


def _assert_imported_whole(record, count: int, total: Decimal) -> None:
    assert record.status == ImportStatus.COMPLETED, record.rejected[:5]
    assert record.rejected == []
    assert (record.lines, record.total, record.file_total, record.totals_agree) == (count, total, total, True)
    assert SpendLine.objects.filter(spend_import=record).count() == count


def test_lancashire_fire_year_with_a_second_heading_row_imports_whole(organisation):
    path = FIRE / "fire-2022-23.xlsx"
    record = spend_import(organisation=organisation, path=path, file_name=path.name, actor=None)
    _assert_imported_whole(record, *_xlsx_amount_column_total(path))
    assert [table["line"] for table in record.mapping["tables"]] == [1, 2745]
    assert SpendLine.objects.filter(spend_import=record, amount__lt=0).count() == 2


def test_trafford_lga_layout_imports_whole(organisation):
    path = SPEND / "trafford_supplier_spend_2026-05_over500.csv"
    record = spend_import(organisation=organisation, path=path, file_name=path.name, actor=None)
    _assert_imported_whole(record, *_csv_amount_column_total(path, "Amount"))
    assert record.layout == "LGA spend (Transparency Code)"
    redacted = SpendLine.objects.filter(spend_import=record, payee_name="Redacted")
    assert redacted.count() == 1093 and not redacted.filter(supplier__isnull=False).exists()
    assert SpendLine.objects.filter(spend_import=record, category__isnull=False).exists()


def test_bolton_enriched_file_imports_whole_with_company_numbers(organisation):
    path = SPEND / "nwod_bolton_2019-01_enriched.csv"
    record = spend_import(organisation=organisation, path=path, file_name=path.name, actor=None)
    _assert_imported_whole(record, *_csv_amount_column_total(path, "amount"))
    line = SpendLine.objects.filter(spend_import=record, payee_name="Best Asian Media Ltd").first()
    assert line.payee_company_number == "04166647"
    assert line.supplier.companies_house_number == "04166647"


def test_all_six_lancashire_fire_files_import_whole(organisation):
    for path in sorted(FIRE.glob("fire-*.xlsx")):
        record = spend_import(organisation=organisation, path=path, file_name=path.name, actor=None)
        _assert_imported_whole(record, *_xlsx_amount_column_total(path))
