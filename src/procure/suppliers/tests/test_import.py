import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import Workbook

from procure.core.models import AuditEvent
from procure.suppliers.choices import AliasKind, SupplierImportStatus, SupplierSize, SupplierSource
from procure.suppliers.models import Supplier, SupplierImport
from procure.suppliers.services import suppliers_import
from procure.suppliers.tests.factories import SupplierClassificationFactory, SupplierFactory

SAMPLE = Path(__file__).resolve().parents[4] / "docs" / "samples" / "suppliers.csv"


def _import(organisation, text: str, *, name="suppliers.csv", actor=None):
    return suppliers_import(organisation=organisation, path_or_file=io.BytesIO(text.encode()), file_name=name,
                            actor=actor)


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_supplier_file_adds_suppliers_with_their_size_and_is_recorded(organisation, officer):
    report = _import(organisation, "Supplier Name,Company Number,Post Code,SME,Voluntary sector,Living Wage\n"
                                   "Pendle Joinery Ltd,4166647,bb9 7ab,small,N,Y\n", actor=officer)
    assert (report.status, report.lines, report.created) == (SupplierImportStatus.COMPLETED, 1, 1)
    supplier = Supplier.objects.get(organisation=organisation)
    assert (supplier.companies_house_number, supplier.postcode, supplier.is_living_wage_accredited) == (
        "04166647", "BB9 7AB", True)
    assert (supplier.source, supplier.is_verified) == (SupplierSource.SUPPLIER_FILE, True)
    assert supplier.classifications.get().size == SupplierSize.SMALL
    record = SupplierImport.objects.get()
    assert (record.imported_by, record.created, len(record.checksum)) == (officer, 1, 64)
    assert AuditEvent.objects.filter(action="supplier_import.completed", actor=officer).exists()


@pytest.mark.parametrize("header", [
    "Name,Companies House No,Town,Postcode",
    "Legal name,CompanyNumber,City,Post Code",
    "SUPPLIER NAME,Company Registration Number,Town/City,postcode",
])
def test_header_variants_are_recognised(organisation, header):
    report = _import(organisation, f"{header}\nBurnley Glass Ltd,01234567,Burnley,BB11 1AA\n")
    supplier = Supplier.objects.get()
    assert report.created == 1
    assert (supplier.name, supplier.companies_house_number, supplier.town) == ("Burnley Glass Ltd", "01234567",
                                                                               "Burnley")


def test_header_below_a_title_and_blank_rows_are_read_with_spreadsheet_line_numbers(organisation):
    report = _import(organisation, "Supplier list for 2025\n,,\nSupplier Name,VAT Number,Postcode\n"
                                   "Good Ltd,GB 123 4567 89,PR1 1AA\n,,\nBad Ltd,,NOWHERE\n")
    assert report.is_rejected
    assert report.rejected == [(6, "'NOWHERE' is not a UK postcode: write it like PR4 5SB")]
    assert report.lines == 2


def test_one_bad_line_imports_nothing_and_every_bad_line_is_named(organisation):
    report = _import(organisation, "Supplier Name,Company Number,Postcode,Size,VCSE\n"
                                   "Fine Ltd,01234567,PR1 1AA,small,N\n"
                                   ",07654321,PR1 1AA,small,N\n"
                                   "Odd Size Ltd,,PR1 1AA,huge,maybe\n"
                                   "Bad Number Ltd,ABC,PR1 1AA,,\n"
                                   "Again Ltd,1234567,,,\n")
    assert report.status == SupplierImportStatus.REJECTED
    assert not Supplier.objects.exists()
    reasons = dict(report.rejected)
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "Enter the supplier's name" in reasons[3]
    assert "'huge' is not a size" in reasons[4] and "'maybe' is not yes or no (VCSE)" in reasons[4]
    assert "'ABC' is not a Companies House number" in reasons[5]
    assert reasons[6] == "company number 01234567 is also on line 2"
    assert SupplierImport.objects.get().status == SupplierImportStatus.REJECTED


def test_importing_the_same_file_twice_adds_nothing_twice(organisation, officer):
    first = suppliers_import(organisation=organisation, path_or_file=SAMPLE, file_name=SAMPLE.name, actor=officer)
    events = AuditEvent.objects.filter(subject_type__model="supplier").count()
    second = suppliers_import(organisation=organisation, path_or_file=SAMPLE, file_name=SAMPLE.name, actor=officer)
    assert (first.status, first.lines, first.created) == (SupplierImportStatus.COMPLETED, 12, 12)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 12)
    assert Supplier.objects.filter(organisation=organisation).count() == 12
    assert AuditEvent.objects.filter(subject_type__model="supplier").count() == events


def test_the_sample_file_reads_sizes_trading_names_and_living_wage_dates(organisation):
    suppliers_import(organisation=organisation, path_or_file=SAMPLE, file_name=SAMPLE.name, actor=None)
    catering = Supplier.objects.get(companies_house_number="07651234")
    assert catering.aliases.get().kind == AliasKind.TRADING_NAME
    transport = Supplier.objects.get(name="Lune Valley Community Transport")
    assert (transport.living_wage_accredited_on, transport.classifications.get().is_vcse) == (date(2021, 4, 1), True)
    assert Supplier.objects.get(name__startswith="Wyre").classifications.get().size == SupplierSize.SME


def test_changed_rows_update_the_matched_supplier_and_are_audited(organisation, officer):
    by_number = SupplierFactory(organisation=organisation, name="Old Name Ltd", companies_house_number="01234567",
                                town="Preston")
    by_name = SupplierFactory(organisation=organisation, name="BURNLEY GLASS", companies_house_number="",
                              is_verified=False)
    untouched = SupplierFactory(organisation=organisation, name="Same Ltd", companies_house_number="07777777",
                                town="Preston", postcode="PR4 5SB")
    report = _import(organisation, "Name,Company Number,Town,Postcode\n"
                                   "New Name Ltd,1234567,,\n"
                                   "Burnley Glass Limited,02222222,Burnley,\n"
                                   "Same Ltd,07777777,Preston,PR4 5SB\n", actor=officer)
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    by_number.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_number.name, by_number.town) == ("New Name Ltd", "Preston")
    assert (by_name.companies_house_number, by_name.town, by_name.is_verified) == ("02222222", "Burnley", True)
    updates = AuditEvent.objects.filter(action="supplier.updated", actor=officer)
    assert {event.subject_id for event in updates} == {str(by_number.pk), str(by_name.pk)}
    assert not AuditEvent.objects.filter(subject_id=str(untouched.pk), action="supplier.updated").exists()


def test_a_changed_size_is_recorded_from_today_and_kept_in_history(organisation):
    supplier = SupplierFactory(organisation=organisation, name="Growing Ltd", companies_house_number="01234567")
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2019, 4, 1), size=SupplierSize.SMALL)
    report = _import(organisation, "Name,Company Number,Size\nGrowing Ltd,01234567,medium\n")
    assert report.updated == 1
    history = list(supplier.classifications.order_by("valid_from").values_list("valid_from", "size"))
    assert history == [(date(2019, 4, 1), SupplierSize.SMALL), (timezone.localdate(), SupplierSize.MEDIUM)]


def test_a_row_matching_a_supplier_with_another_company_number_is_refused(organisation):
    SupplierFactory(organisation=organisation, name="Acme Ltd", companies_house_number="01111111")
    report = _import(organisation, "Name,Company Number\nAcme Limited,02222222\n")
    assert report.is_rejected
    assert report.rejected == [(2, "the register's Acme Ltd has company number 01111111, not 02222222: "
                                   "correct the file or the register")]


def test_an_xlsx_file_with_numbers_and_dates_in_cells_imports(organisation):
    data = _xlsx([["Suppliers"], [], ["Supplier Name", "Companies House No", "Postcode", "Living Wage", "SME"],
                  ["Preston Print Ltd", 4166647, "PR1 2AB", date(2022, 5, 1), "Y"]])
    report = suppliers_import(organisation=organisation, path_or_file=io.BytesIO(data), file_name="s.xlsx",
                              actor=None)
    supplier = Supplier.objects.get()
    assert report.created == 1
    assert (supplier.companies_house_number, supplier.living_wage_accredited_on) == ("04166647", date(2022, 5, 1))
    assert supplier.classifications.get().size == SupplierSize.SME


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("suppliers.pdf", b"%PDF-1.4", "is not a CSV or Excel (XLSX) file"),
    ("suppliers.xlsx", b"not really a workbook", "could not be read as an Excel (XLSX) workbook"),
    ("suppliers.csv", b"", "The file is empty"),
    ("suppliers.csv", b"Colour,Shape\nred,round\n", "No header row was found"),
])
def test_files_that_cannot_be_read_are_refused_with_a_reason(organisation, name, content, reason):
    report = suppliers_import(organisation=organisation, path_or_file=content, file_name=name, actor=None)
    assert report.is_rejected and reason in report.message
    assert not Supplier.objects.exists()


def test_command_prints_json_and_fails_when_rejected(organisation, tmp_path, capsys):
    call_command("supplier_import", str(SAMPLE), organisation=organisation.slug, as_json=True)
    report = json.loads(capsys.readouterr().out)
    assert report == {"file": "suppliers.csv", "lines": 12, "created": 12, "updated": 0, "unchanged": 0,
                      "rejected": [], "status": "completed"}
    bad = tmp_path / "bad.csv"
    bad.write_text("Supplier Name,Postcode\nNowhere Ltd,XX\n")
    with pytest.raises(CommandError) as refused:
        call_command("supplier_import", str(bad), organisation=organisation.slug, as_json=True)
    assert refused.value.returncode == 1
    assert json.loads(capsys.readouterr().out)["rejected"] == [
        {"line": 2, "reason": "'XX' is not a UK postcode: write it like PR4 5SB"}]


def test_command_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="no organisation 'nowhere'"):
        call_command("supplier_import", str(SAMPLE), organisation="nowhere")


def test_semicolon_separated_windows_encoded_files_import(organisation):
    data = "Supplier Name;Town;Postcode\r\nCafé Rouge Preston Ltd;Preston;PR1 2AB\r\n".encode("cp1252")
    report = suppliers_import(organisation=organisation, path_or_file=data, file_name="s.csv", actor=None)
    assert report.created == 1
    assert Supplier.objects.get().name == "Café Rouge Preston Ltd"


def test_size_band_and_sme_flag_that_disagree_are_refused(organisation):
    report = _import(organisation, "Name,Size,SME\nBig Ltd,large,Y\n")
    assert report.rejected == [(2, "the size is large but the SME column says yes")]
