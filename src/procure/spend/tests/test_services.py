import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.organisations.tests.factories import DepartmentFactory
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.models import ColumnMapping, PayeeReview, SpendImport, SpendLine
from procure.spend.services import column_mapping_save, payee_review_decide, spend_import
from procure.spend.services import uploads as upload_services
from procure.spend.services.uploads import spend_import_queue, spend_import_run
from procure.spend.tests.files import lga_file, lga_row, write_csv
from procure.suppliers.choices import AliasKind
from procure.suppliers.models import Supplier, SupplierAlias
from procure.suppliers.tests.factories import SupplierFactory


def _import(organisation, path, actor=None, **kwargs) -> SpendImport:
    return spend_import(organisation=organisation, path=path, file_name=path.name, actor=actor, **kwargs)


def test_good_file_is_imported_whole_with_its_record(organisation, officer, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "612.50"),
                                             lga_row("Certas Energy UK Ltd", "(100.00)", reference="T2")])
    record = _import(organisation, path, officer)
    assert record.status == ImportStatus.COMPLETED
    assert (record.lines, record.total, record.file_total, record.totals_agree) == (
        2, Decimal("512.50"), Decimal("512.50"), True)
    assert record.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (record.size_bytes, record.uploaded_by, record.file_name) == (path.stat().st_size, officer, "april.csv")
    assert record.layout == "LGA spend (Transparency Code)"
    assert record.mapping["tables"][0]["columns"]["payee_name"] == "BeneficiaryName"
    assert "the same as the file's own total" in record.message
    assert sorted(SpendLine.objects.filter(spend_import=record).values_list("amount", flat=True)) == [
        Decimal("-100.00"), Decimal("612.50")]
    assert AuditEvent.objects.filter(action="spend_import.completed", subject_id=str(record.pk)).exists()


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_row(organisation, tmp_path):
    path = lga_file(tmp_path / "bad.csv", [
        lga_row("Banner Group Ltd", "612.50"), lga_row("Certas Energy UK Ltd", "lots"),
        lga_row("", "15.00"), lga_row("New Payee Ltd", "10.00", paid="32/13/2024")])
    record = _import(organisation, path)
    assert record.status == ImportStatus.REJECTED
    assert [(row["line"], row["reason"]) for row in record.rejected] == [
        (3, "Amount: 'lots' is not an amount"), (4, "No payee: enter the supplier's name"),
        (5, "Payment date: '32/13/2024' is not a real date")]
    assert record.message == ("Nothing was imported: 3 rows need correcting. Correct them in the file and "
                              "import it again.")
    assert not SpendLine.objects.exists()
    assert not Supplier.objects.filter(organisation=organisation).exists()


def test_the_same_file_twice_adds_nothing_the_second_time(organisation, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "612.50")])
    first = _import(organisation, path)
    second = _import(organisation, path)
    assert second.status == ImportStatus.DUPLICATE
    assert second.duplicate_of == first
    assert SpendLine.objects.count() == 1
    assert Supplier.objects.filter(organisation=organisation).count() == 1


def test_the_same_file_in_another_organisation_is_imported_there(organisation, other_organisation, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "612.50")])
    _import(organisation, path)
    assert _import(other_organisation, path).status == ImportStatus.COMPLETED


def test_totals_that_disagree_refuse_the_file(organisation, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Date", "Supplier", "Amount"], ["02/05/2024", "Banner", "10.00"],
                                          ["Total", "", "11.00"]])
    record = _import(organisation, path)
    assert record.status == ImportStatus.REJECTED
    assert record.rejected[0]["line"] == 3
    assert not SpendLine.objects.exists()


def test_total_row_is_recorded_as_the_files_own_total(organisation, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Date", "Supplier", "Amount"], ["02/05/2024", "Banner", "10.00"],
                                          ["03/05/2024", "Banner", "(2.50)"], ["Total", "", "7.50"]])
    record = _import(organisation, path)
    assert (record.total, record.file_total, record.file_total_source, record.totals_agree) == (
        Decimal("7.50"), Decimal("7.50"), "the total row on line 4", True)
    assert record.skipped[0]["line"] == 4


def test_uncertain_payee_gets_a_review_and_its_lines_stay_unlinked(organisation, tmp_path):
    known = SupplierFactory(organisation=organisation, name="Northern Fleet Services Ltd")
    record = _import(organisation, lga_file(tmp_path / "a.csv", [lga_row("Northern Fleet Servs", "700.00")]))
    review = PayeeReview.objects.get(organisation=organisation)
    assert (review.payee_name, review.status, review.spend_import) == ("Northern Fleet Servs", "open", record)
    assert review.suggestions[0]["supplier_id"] == known.pk
    assert SpendLine.objects.get().supplier is None
    assert (record.payees_to_review, record.payees_new, record.payees_linked) == (1, 0, 0)


def test_deciding_a_review_links_lines_records_an_alias_and_the_next_import_links_the_name(
        organisation, officer, tmp_path):
    known = SupplierFactory(organisation=organisation, name="Northern Fleet Services Ltd")
    _import(organisation, lga_file(tmp_path / "a.csv", [lga_row("Northern Fleet Servs", "700.00")]))
    review = PayeeReview.objects.get()
    payee_review_decide(review=review, actor=officer, supplier=known)
    review.refresh_from_db()
    assert (review.status, review.supplier, review.decided_by) == (PayeeReviewStatus.LINKED, known, officer)
    assert SpendLine.objects.get().supplier == known
    assert SupplierAlias.objects.filter(supplier=known, name="Northern Fleet Servs",
                                        kind=AliasKind.PAYEE_DECISION).exists()
    assert AuditEvent.objects.filter(action="payee_review.decided", actor=officer).exists()
    later = _import(organisation, lga_file(tmp_path / "b.csv", [lga_row("Northern Fleet Servs", "80.00")]))
    assert later.payees_linked == 1 and later.payees_to_review == 0
    assert SpendLine.objects.filter(spend_import=later, supplier=known).count() == 1
    assert PayeeReview.objects.count() == 1


def test_deciding_a_review_can_create_a_new_supplier(organisation, officer, tmp_path):
    SupplierFactory(organisation=organisation, name="Northern Fleet Services Ltd")
    _import(organisation, lga_file(tmp_path / "a.csv", [lga_row("Northern Fleet Servs", "700.00")]))
    review = payee_review_decide(review=PayeeReview.objects.get(), actor=officer,
                                 new_supplier_name="Northern Fleet Servicing (Preston) Ltd")
    assert review.status == PayeeReviewStatus.NEW_SUPPLIER
    assert SpendLine.objects.get().supplier.name == "Northern Fleet Servicing (Preston) Ltd"


def test_a_decided_review_cannot_be_decided_again(organisation, officer):
    supplier = SupplierFactory(organisation=organisation)
    review = PayeeReview.objects.create(organisation=organisation, payee_name="X", payee_normalised="X",
                                        status=PayeeReviewStatus.LINKED, supplier=supplier)
    with pytest.raises(BusinessRuleViolation, match="SPD-4"):
        payee_review_decide(review=review, actor=officer, supplier=SupplierFactory(organisation=organisation))
    assert not SupplierAlias.objects.exists()


def test_a_review_cannot_be_linked_to_another_organisations_supplier(organisation, other_organisation, officer):
    review = PayeeReview.objects.create(organisation=organisation, payee_name="X", payee_normalised="X")
    with pytest.raises(BusinessRuleViolation, match="SPD-6"):
        payee_review_decide(review=review, actor=officer, supplier=SupplierFactory(organisation=other_organisation))
    review.refresh_from_db()
    assert review.status == PayeeReviewStatus.OPEN


def test_new_payees_become_suppliers_and_known_ones_link(organisation, tmp_path):
    known = SupplierFactory(organisation=organisation, name="Banner Group Ltd")
    record = _import(organisation, lga_file(tmp_path / "a.csv", [
        lga_row("BANNER GROUP LIMITED", "10.00"), lga_row("Fylde Coast Joinery", "20.00")]))
    assert (record.payees_linked, record.payees_new) == (1, 1)
    assert SpendLine.objects.get(payee_name="BANNER GROUP LIMITED").supplier == known
    assert SpendLine.objects.get(payee_name="Fylde Coast Joinery").supplier.name == "Fylde Coast Joinery"


def test_redacted_payees_are_imported_but_never_matched(organisation, tmp_path):
    record = _import(organisation, lga_file(tmp_path / "a.csv", [lga_row("Redacted", "600.00")]))
    assert record.status == ImportStatus.COMPLETED
    assert SpendLine.objects.get().supplier is None
    assert not Supplier.objects.filter(organisation=organisation).exists()
    assert not PayeeReview.objects.exists()


def test_departments_are_mapped_by_code_or_name_and_labels_kept(organisation, tmp_path):
    estates = DepartmentFactory(organisation=organisation, code="250210", name="Estates")
    fleet = DepartmentFactory(organisation=organisation, code="FLT", name="Fleet")
    _import(organisation, lga_file(tmp_path / "a.csv", [
        lga_row("A Ltd", "1.00", unit="LIFT REPAIRS", profit_centre="250210"),
        lga_row("B Ltd", "2.00", unit="fleet"), lga_row("C Ltd", "3.00", unit="Unknown Unit")]))
    lines = {line.payee_name: line for line in SpendLine.objects.all()}
    assert (lines["A Ltd"].department, lines["A Ltd"].department_label) == (estates, "LIFT REPAIRS")
    assert lines["B Ltd"].department == fleet
    assert (lines["C Ltd"].department, lines["C Ltd"].department_label) == (None, "Unknown Unit")


def test_categories_are_mapped_from_the_proclass_code(organisation, tmp_path):
    _import(organisation, lga_file(tmp_path / "a.csv", [
        lga_row("A Ltd", "1.00", label="FACILITIES MGT : Lifts", code="191400"),
        lga_row("B Ltd", "2.00", label="Not Classified", code="NA")]))
    lines = {line.payee_name: line for line in SpendLine.objects.select_related("category")}
    assert lines["A Ltd"].category.code == "191400"
    assert (lines["B Ltd"].category, lines["B Ltd"].category_label) == (None, "")


def test_progress_is_reported_up_to_the_total(organisation, tmp_path):
    seen = []
    record = _import(organisation, lga_file(tmp_path / "a.csv", [lga_row(f"Payee {n} Ltd", "5.00")
                                                                 for n in range(30)]),
                     progress=lambda done, total: seen.append((done, total)))
    done, total = seen[-1]
    assert total == 60 and done == 60  # 30 payees resolved, then 30 lines written
    assert (record.progress_done, record.progress_total) == (60, 60)


def test_unrecognised_columns_are_refused_and_a_saved_mapping_lets_the_file_in(organisation, officer, tmp_path):
    path = write_csv(tmp_path / "ledger.csv", [["Posted", "Who", "Value", "Memo"],
                                               ["02/05/2024", "Banner Group Ltd", "10.00", "Paper"]])
    refused = _import(organisation, path)
    assert refused.status == ImportStatus.REJECTED
    assert refused.headers == ["Posted", "Who", "Value", "Memo"]
    column_mapping_save(organisation=organisation, headers=refused.headers, source_name="Ledger", actor=officer,
                        columns={"payment_date": "Posted", "payee_name": "Who", "amount": "Value",
                                 "description": "Memo"})
    accepted = _import(organisation, path)
    assert accepted.status == ImportStatus.COMPLETED
    assert accepted.layout == "Saved mapping: Ledger"
    assert SpendLine.objects.get().description == "Paper"
    assert ColumnMapping.objects.get().header_signature == refused.header_signature


def test_a_mapping_without_the_required_columns_is_refused(organisation, officer):
    with pytest.raises(BusinessRuleViolation, match="SPD-5"):
        column_mapping_save(organisation=organisation, headers=["Posted", "Who"], source_name="Ledger",
                            actor=officer, columns={"payment_date": "Posted", "payee_name": "Who"})
    assert not ColumnMapping.objects.exists()


def test_a_queued_upload_that_fails_unexpectedly_is_marked_rejected(organisation, officer, tmp_path, settings,
                                                                     monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    lga_file(tmp_path / "a.csv", [lga_row("A Ltd", "1.00")])
    record = spend_import_queue(organisation=organisation, stored_file="a.csv", file_name="a.csv", actor=officer)

    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(upload_services, "spend_import", broken)
    record = spend_import_run(import_id=record.pk)
    assert record.status == ImportStatus.REJECTED
    assert "nothing was imported" in record.message
    assert not SpendLine.objects.exists()


def test_the_documented_sample_file_imports_with_its_total_row(organisation):
    path = Path(__file__).resolve().parents[4] / "docs" / "samples" / "spend-small.csv"
    record = _import(organisation, path)
    assert (record.status, record.lines, record.total, record.file_total_source, record.totals_agree) == (
        ImportStatus.COMPLETED, 20, Decimal("89968.58"), "the total row on line 22", True)
    assert SpendLine.objects.filter(spend_import=record, amount__lt=0).count() == 2
