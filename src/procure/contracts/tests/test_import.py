import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from procure.contracts.importing import contract_import
from procure.contracts.models import Contract, ContractImport, Framework
from procure.core.audit import audit_history
from procure.organisations.tests.factories import DepartmentFactory
from procure.suppliers.models import Supplier

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[4] / "docs" / "samples" / "contracts.csv"
DEPARTMENTS = ("Estates", "ICT", "HR", "Learning & Development", "HQ Crime", "Fleet")
PROCURE_HEADER = ("Reference,Title,Supplier name,Supplier company number,Category,Route to market,Framework,"
                  "Framework provider,Start date,End date,Extension options,Extended to,"
                  "Total value (net of VAT),Total value (including VAT)\n")


@pytest.fixture
def departments(organisation):
    return [DepartmentFactory(organisation=organisation, code=f"D{index}", name=name)
            for index, name in enumerate(DEPARTMENTS)]


def _import(organisation, text: str | bytes, name="contracts.csv", actor=None):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return contract_import(organisation=organisation, file_name=name, content=content, actor=actor)


def test_the_sample_file_imports_every_route_to_market(organisation, officer, departments):
    result = _import(organisation, SAMPLE.read_bytes(), actor=officer)
    assert (result.status, result.lines, result.created, result.rejected) == ("completed", 15, 15, [])
    assert set(Contract.objects.values_list("route", flat=True)) == {
        "own_tender", "framework_call_off", "collaborative", "direct_award", "exempt"}
    cleaning = Contract.objects.get(reference="LC-2023-001")
    assert sorted(cleaning.suppliers.values_list("name", flat=True)) == ["Fylde Facilities Ltd",
                                                                       "Ribble Cleaning Services Ltd"]
    assert cleaning.final_ends_on == date(2027, 3, 31)
    assert [(e.ends_on, e.is_exercised) for e in cleaning.extensions.all()] == [
        (date(2027, 3, 31), True), (date(2028, 3, 31), False)]
    assert cleaning.categories.get().code == "131320"
    assert cleaning.total_value_gross == Decimal("2232000.00")
    assert set(Supplier.objects.values_list("source", flat=True)) == {"contract_file"}
    assert Framework.objects.filter(provider="YPO").exists()
    record = ContractImport.objects.get()
    assert (record.imported_by, record.lines, record.total, len(record.checksum)) == (
        officer, 15, Decimal("26429250.00"), 64)


def test_importing_the_same_file_twice_changes_nothing(organisation, officer, departments):
    _import(organisation, SAMPLE.read_bytes(), actor=officer)
    events = sum(audit_history(contract).count() for contract in Contract.objects.all())
    again = _import(organisation, SAMPLE.read_bytes(), actor=officer)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 15)
    assert sum(audit_history(contract).count() for contract in Contract.objects.all()) == events
    assert Supplier.objects.count() == 16


def test_a_changed_line_updates_its_contract_with_an_audit_event(organisation, officer, departments):
    _import(organisation, SAMPLE.read_bytes(), actor=officer)
    changed = SAMPLE.read_text().replace('Custody and front counter security', 'Custody suite security') \
        .replace("30/06/2027,30/06/2028,,", "30/06/2027,30/06/2028,30/06/2028,")
    result = _import(organisation, changed, actor=officer)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 14)
    contract = Contract.objects.get(reference="LC-2024-007")
    assert (contract.title, contract.final_ends_on) == ("Custody suite security", date(2028, 6, 30))
    actions = [event.action for event in audit_history(contract)]
    assert actions == ["contract.extension_exercised", "contract.updated", "contract.extension_added",
                       "contract.created"]


def test_bad_lines_are_all_named_and_nothing_is_written(organisation, officer, supplier):
    text = PROCURE_HEADER + (
        "LC-1,Cleaning,Pendle Joinery Ltd,,131320,,,,01/04/2025,31/03/2024,,,100,120\n"
        "LC-2,Security,Pendle Joinery Ltd,,Not a category,Hand-shake,,,31/02/2025,31/03/2026,,,ten pounds,\n"
        ",,,,,,,,01/04/2025,31/03/2026,,,,\n"
        "LC-4,Fuel,Red Rose Fuels Ltd,,,Framework call-off,,,01/04/2025,31/03/2026,,,200,100\n"
        "LC-1,Again,Pendle Joinery Ltd,,,,,,01/04/2025,31/03/2026,31/03/2025,,,\n")
    result = _import(organisation, text, actor=officer)
    assert result.status == "rejected"
    reasons = {(problem["line"], problem["reason"]) for problem in result.rejected}
    assert (2, "The contract end date must be the same as or after the start date") in reasons
    assert (3, "Category 'Not a category' is not a ProClass code or name we recognise: use a code such as "
               "191400, or leave it blank") in reasons
    assert any(line == 3 and "'Hand-shake' is not a route to market" in reason for line, reason in reasons)
    assert any(line == 3 and reason.startswith("Start date: '31/02/2025' is not a real date")
               for line, reason in reasons)
    assert any(line == 3 and "'ten pounds' is not an amount" in reason for line, reason in reasons)
    assert (4, "Reference is empty: enter the contract reference") in reasons
    assert (4, "Supplier name is empty: name at least one supplier") in reasons
    assert (5, "Choose the framework this contract is called off from") in reasons
    assert any(line == 5 and "including VAT must be the same as or more" in reason
               for line, reason in reasons)
    assert (6, "Reference LC-1 is also on line 2: each contract goes on one line") in reasons
    assert any(line == 6 and reason.startswith("The extension must end after") for line, reason in reasons)
    assert not Contract.objects.exists()
    assert Supplier.objects.count() == 1
    assert ContractImport.objects.get().status == "rejected"


def test_a_failure_while_writing_rolls_back_the_lines_before_it(organisation, officer, supplier):
    text = PROCURE_HEADER + (
        "LC-1,Cleaning,New Cleaning Company Ltd,,,,,,01/04/2025,31/03/2026,,,,\n"
        "LC-2,Security,Pendle Joinery Ltd,,,,,,01/04/2025,31/03/2026,,,,\n")
    first = _import(organisation, text, actor=officer)
    assert first.created == 2
    exercised = text.replace("31/03/2026,,,,\n", "31/03/2026,31/03/2027,31/03/2027,,\n")
    assert _import(organisation, exercised, actor=officer).updated == 2
    undone = exercised.replace("LC-2,Security,Pendle Joinery Ltd,,,,,,01/04/2025,31/03/2026,"
                               "31/03/2027,31/03/2027",
                               "LC-2,Security guarding,Pendle Joinery Ltd,,,,,,01/04/2025,31/03/2026,"
                               "31/03/2027,")
    undone = undone.replace("LC-1,Cleaning,", "LC-1,Cleaning renamed,")
    result = _import(organisation, undone, actor=officer)
    assert result.status == "rejected"
    assert result.rejected == [{"line": 3, "reason": (
        "The register shows the extension to 31/03/2027 exercised, which the file does not: an exercised "
        "extension cannot be undone by a file")}]
    assert Contract.objects.get(reference="LC-1").title == "Cleaning"


def test_lga_layout_with_a_title_above_the_header(organisation, officer, supplier):
    text = ("Lancashire Constabulary contracts over £5000,,,,,,,,,,\n"
            "Published 1 November 2026,,,,,,,,,,\n"
            "ContractReference,ContractTitle,Description,OrganisationalUnit,ProclassCode,CPVCode,StartDate,"
            "EndDate,ReviewDate,LastExtensionDate,ContractValue,SupplierName,CompaniesHouseRegistrationNumber,"
            "SMESupplier,VCSESupplier\n"
            "PCC-0042,Victim support service,Referral and support for victims of crime,,321010,85312320-8,"
            "2025-04-01,2028-03-31,2027-04-01,2029-03-31,1450000,Lancashire Victim Care CIC,,Yes,Yes\n"
            "PCC-0043,Joinery repairs,Responsive joinery repairs,,,,01/05/2025,30/04/2026,,,48000,"
            "PENDLE JOINERY LIMITED,4166647,Yes,No\n")
    result = _import(organisation, text, actor=officer)
    assert (result.status, result.layout, result.created) == ("completed", "LGA transparency contracts", 2)
    victims = Contract.objects.get(reference="PCC-0042")
    assert (victims.review_due_on, victims.total_value_net) == (date(2027, 4, 1), Decimal("1450000.00"))
    assert [(e.ends_on, e.is_exercised) for e in victims.extensions.all()] == [(date(2029, 3, 31), False)]
    assert victims.cpv_codes.get().code == "85312320-8"
    new_supplier = victims.suppliers.get()
    assert (new_supplier.source, new_supplier.classifications.get().is_vcse) == ("contract_file", True)
    assert Contract.objects.get(reference="PCC-0043").suppliers.get() == supplier


def test_excel_files_and_header_variants(organisation, officer, supplier):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Contracts register"])
    sheet.append([])
    sheet.append(["Contract Ref", "Contract Name", "Contractor", "Company Number", "Contract Start Date",
                  "Contract End Date", "Annual Value", "Procurement Route"])
    sheet.append(["LC-9", "Joinery", "Pendle Joinery", "04166647", date(2025, 4, 1), date(2026, 3, 31),
                  12000.5, "Direct award"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _import(organisation, buffer.getvalue(), name="register.xlsx", actor=officer)
    assert (result.status, result.created) == ("completed", 1)
    contract = Contract.objects.get(reference="LC-9")
    assert (contract.route, contract.annual_value_net, contract.ends_on) == (
        "direct_award", Decimal("12000.50"), date(2026, 3, 31))
    assert contract.suppliers.get() == supplier


def test_a_supplier_name_only_close_to_one_in_the_register_is_refused(organisation, officer):
    Supplier.objects.create(organisation=organisation, name="Lancashire Cleaning Ltd",
                            normalised_name="LANCASHIRE CLEANING")
    text = PROCURE_HEADER + "LC-1,Cleaning,Lancashire Cleaning Services Ltd,,,,,,01/04/2025,31/03/2026,,,,\n"
    result = _import(organisation, text, actor=officer)
    assert result.status == "rejected"
    assert result.rejected == [{"line": 2, "reason": (
        "Supplier 'Lancashire Cleaning Services Ltd' is close to Lancashire Cleaning Ltd in the supplier "
        "register: use the register's exact name, or add the supplier's company number")}]
    assert Supplier.objects.count() == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "The file is empty"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "Old Excel files (.xls) cannot be read"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "is not an Excel workbook that can be read"),
    ("notes.csv", b"just,some\nwords,here\n", "No header row found"),
    ("partial.csv", b"Reference,Title,Start date\nA,B,01/01/2025\n",
     "has no column for: Supplier name, End date"),
    ("header-only.csv", PROCURE_HEADER.encode(), "no contracts under it"),
])
def test_unreadable_files_are_refused_with_a_reason(organisation, name, content, message):
    result = _import(organisation, content, name=name)
    assert result.status == "rejected"
    assert message in result.message
    assert not Contract.objects.exists()


def test_command_prints_json_and_exits_non_zero_on_rejection(organisation, departments, tmp_path, capsys):
    call_command("contract_import", str(SAMPLE), "--organisation", organisation.slug, "--json")
    report = json.loads(capsys.readouterr().out)
    assert {key: report[key] for key in ("file", "lines", "created", "updated", "unchanged", "rejected",
                                         "status")} == {
        "file": "contracts.csv", "lines": 15, "created": 15, "updated": 0, "unchanged": 0, "rejected": [],
        "status": "completed"}
    bad = tmp_path / "bad.csv"
    bad.write_text(PROCURE_HEADER + "LC-1,Cleaning,,,,,,,01/04/2025,31/03/2026,,,,\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("contract_import", str(bad), "--organisation", organisation.slug, "--json")
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "rejected"
    assert report["rejected"] == [{"line": 2, "reason": "Supplier name is empty: name at least one supplier"}]
