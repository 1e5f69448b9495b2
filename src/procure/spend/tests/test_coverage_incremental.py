"""Coverage follows changes: imports, payee decisions, removed imports, and contract and supplier changes found in
the audit trail, deciding again only the lines concerned; the KPI summary follows the lines."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from procure.contracts.services import (
    contract_create,
    contract_delete,
    contract_extension_add,
    contract_extension_exercise,
)
from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.spend.choices import Coverage, ExclusionKind
from procure.spend.coverage.services import (
    ExclusionInput,
    coverage_catch_up,
    coverage_rebuild,
    exclusion_rule_set_active,
    exclusion_rules_add,
)
from procure.spend.kpis.reading import RollupSums, SummarySums, figures_from
from procure.spend.kpis.selectors import KpiFilters, kpi_block
from procure.spend.models import ExclusionRule, SpendLine, SpendSummary
from procure.spend.services import payee_review_decide, spend_import, spend_import_remove
from procure.spend.tests.factories import PayeeReviewFactory
from procure.spend.tests.files import lga_file, lga_row
from procure.spend.tests.kpi_factories import lines_of
from procure.suppliers.services import supplier_classify, supplier_update
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db
YEAR = FinancialYear(2024)


def _summary_agrees_with_lines(organisation):
    """The summary holds the same money and line count per coverage class as the lines, and the roll-ups kept
    change by change give the same figures as the summary itself."""
    def totals(rows, count):
        return {row["coverage"]: (row["spent"], row["n"]) for row in rows.order_by().values("coverage").annotate(
            spent=Sum("amount"), n=count)}
    assert totals(SpendSummary.objects.filter(organisation=organisation), Sum("line_count")) == totals(
        SpendLine.objects.filter(organisation=organisation), Sum(1))
    for year in (YEAR.previous(), YEAR, YEAR.next()):
        assert figures_from(RollupSums([organisation], year), year) == figures_from(
            SummarySums([organisation], year, KpiFilters()), year)


def _coverage(line) -> str:
    return SpendLine.objects.get(pk=line.pk).coverage


@pytest.fixture
def supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Banner Group Ltd")


def _contract(organisation, supplier, *, ends_on=date(2024, 9, 30), reference="DC-2024-0001"):
    return contract_create(organisation=organisation, actor=None, reference=reference, title="Stationery",
                           starts_on=date(2023, 10, 1), ends_on=ends_on, suppliers=[supplier])


def test_an_import_decides_its_lines_and_adds_them_to_the_kpis(organisation, supplier, tmp_path):
    _contract(organisation, supplier)
    path = lga_file(tmp_path / "may.csv", [lga_row("Banner Group Ltd", "600.00", paid="03/05/2024"),
                                           lga_row("Banner Group Ltd", "400.00", paid="03/12/2024", reference="T2"),
                                           lga_row("Certas Energy UK Ltd", "250.00", reference="T3")])
    spend_import(organisation=organisation, path=path, file_name=path.name, actor=None)
    assert sorted(SpendLine.objects.values_list("coverage", flat=True)) == [
        Coverage.CONTRACT_ENDED, Coverage.COVERED, Coverage.NO_CONTRACT]
    block = kpi_block(organisations=[organisation], year=YEAR)
    assert (block.total_spend, block.contracted_spend) == (Decimal("1250.00"), Decimal("600.00"))
    _summary_agrees_with_lines(organisation)


def test_two_imports_into_the_same_months_leave_one_summary_row_per_kind_of_spend(organisation, supplier, tmp_path):
    for name, reference in (("a.csv", "T1"), ("b.csv", "T2")):
        path = lga_file(tmp_path / name, [lga_row("Banner Group Ltd", "10.00", reference=reference)])
        spend_import(organisation=organisation, path=path, file_name=name, actor=None)
    row = SpendSummary.objects.get(organisation=organisation)
    assert (row.amount, row.line_count) == (Decimal("20.00"), 2)


def test_removing_an_import_takes_its_lines_out_of_the_kpis(organisation, supplier, tmp_path):
    keep = lga_file(tmp_path / "keep.csv", [lga_row("Banner Group Ltd", "100.00")])
    wrong = lga_file(tmp_path / "wrong.csv", [lga_row("Banner Group Ltd", "900.00", reference="T9")])
    spend_import(organisation=organisation, path=keep, file_name="keep.csv", actor=None)
    record = spend_import(organisation=organisation, path=wrong, file_name="wrong.csv", actor=None)
    spend_import_remove(record=record, actor=None, reason="Another force's file")
    assert kpi_block(organisations=[organisation], year=YEAR).total_spend == Decimal("100.00")
    _summary_agrees_with_lines(organisation)


def test_a_payee_decision_decides_the_lines_it_links(organisation, supplier, officer):
    _contract(organisation, supplier)
    line = lines_of(organisation, [(date(2024, 5, 2), "75.00", None)])[0]
    SpendLine.objects.filter(pk=line.pk).update(payee_name="BANNER GRP", payee_normalised="banner grp")
    coverage_rebuild(organisation=organisation)
    assert _coverage(line) == Coverage.NO_SUPPLIER
    review = PayeeReviewFactory(organisation=organisation, payee_name="BANNER GRP", payee_normalised="banner grp")
    payee_review_decide(review=review, actor=officer, supplier=supplier)
    assert _coverage(line) == Coverage.COVERED
    assert kpi_block(organisations=[organisation], year=YEAR).contracted_spend == Decimal("75.00")
    _summary_agrees_with_lines(organisation)


def test_extending_a_contract_decides_again_only_the_lines_of_its_suppliers(organisation, supplier):
    contract = _contract(organisation, supplier)
    other = SupplierFactory(organisation=organisation)
    after_end = lines_of(organisation, [(date(2024, 11, 4), "500.00", supplier)])[0]
    untouched = lines_of(organisation, [(date(2024, 11, 4), "40.00", other)])[0]
    coverage_rebuild(organisation=organisation)
    assert _coverage(after_end) == Coverage.CONTRACT_ENDED
    SpendLine.objects.filter(pk=untouched.pk).update(coverage=Coverage.COVERED)  # stale on purpose
    extension = contract_extension_add(contract=contract, ends_on=date(2025, 9, 30), actor=None)
    contract_extension_exercise(extension=extension, actor=None, exercised_on=date(2024, 8, 1))
    assert coverage_catch_up(organisation=organisation) == 1
    assert (_coverage(after_end), _coverage(untouched)) == (Coverage.COVERED, Coverage.COVERED)
    assert kpi_block(organisations=[organisation], year=YEAR).contracted_spend == Decimal("500.00")
    assert coverage_catch_up(organisation=organisation) == 0
    SpendLine.objects.filter(pk=untouched.pk).update(coverage=Coverage.NO_CONTRACT)  # as the summary has it
    _summary_agrees_with_lines(organisation)


def test_a_new_contract_and_a_deleted_one_are_followed(organisation, supplier):
    line = lines_of(organisation, [(date(2024, 6, 3), "120.00", supplier)])[0]
    coverage_rebuild(organisation=organisation)
    contract = _contract(organisation, supplier)
    coverage_catch_up(organisation=organisation)
    assert _coverage(line) == Coverage.COVERED
    contract_delete(contract=contract, actor=None)
    coverage_catch_up(organisation=organisation)
    assert (_coverage(line), SpendLine.objects.get(pk=line.pk).contract) == (Coverage.NO_CONTRACT, None)
    _summary_agrees_with_lines(organisation)


def test_a_supplier_classified_as_an_sme_changes_the_sme_figure_after_catching_up(organisation, supplier):
    lines_of(organisation, [(date(2024, 6, 3), "120.00", supplier)])
    coverage_rebuild(organisation=organisation)
    supplier_classify(supplier=supplier, valid_from=date(2024, 1, 1), size="small", is_vcse=False, actor=None)
    coverage_catch_up(organisation=organisation)
    assert kpi_block(organisations=[organisation], year=YEAR).sme_spend == Decimal("120.00")
    _summary_agrees_with_lines(organisation)


def test_a_supplier_flagged_as_a_public_body_becomes_non_procurable_after_catching_up(organisation, supplier):
    exclusion_rules_add(organisation=organisation, actor=None, rules=[
        ExclusionInput(kind=ExclusionKind.PUBLIC_BODY, reason="Payments to other public bodies")])
    line = lines_of(organisation, [(date(2024, 6, 3), "120.00", supplier)])[0]
    coverage_rebuild(organisation=organisation)
    supplier_update(supplier=supplier, actor=None, is_public_body=True)
    coverage_catch_up(organisation=organisation)
    assert _coverage(line) == Coverage.NON_PROCURABLE
    assert kpi_block(organisations=[organisation], year=YEAR).exclusions == [
        ("Payments to other public bodies", Decimal("120.00"))]


def test_the_first_catch_up_decides_every_line(organisation, supplier):
    lines_of(organisation, [(date(2024, 6, 3), "10.00", supplier), (date(2024, 7, 3), "20.00", None)])
    assert coverage_catch_up(organisation=organisation) == 2
    assert not SpendLine.objects.filter(coverage=Coverage.UNDECIDED).exists()
    _summary_agrees_with_lines(organisation)


def test_exclusion_rules_are_checked_audited_and_switching_one_off_decides_again(organisation, supplier):
    line = lines_of(organisation, [(date(2024, 6, 3), "10.00", supplier)])[0]
    SpendLine.objects.filter(pk=line.pk).update(expense_type="Business rates")
    with pytest.raises(BusinessRuleViolation, match="Enter the text the expense type contains"):
        exclusion_rules_add(organisation=organisation, actor=None, rules=[
            ExclusionInput(kind=ExclusionKind.EXPENSE_TYPE, reason="Rates", value=" ")])
    assert not ExclusionRule.objects.exists()
    [rule] = exclusion_rules_add(organisation=organisation, actor=None, rules=[
        ExclusionInput(kind=ExclusionKind.EXPENSE_TYPE, reason="Business rates", value="business rates")])
    assert _coverage(line) == Coverage.NON_PROCURABLE
    exclusion_rule_set_active(rule=rule, is_active=False, actor=None)
    assert _coverage(line) == Coverage.NO_CONTRACT


def test_the_coverage_command_catches_up_or_decides_everything(organisation, supplier):
    lines_of(organisation, [(date(2024, 6, 3), "10.00", supplier)])
    out = StringIO()
    call_command("spend_coverage", "--organisation", "lancs", stdout=out)
    assert "Decided 1 spend lines" in out.getvalue() and "No contract with this supplier" in out.getvalue()
    out = StringIO()
    call_command("spend_coverage", "--organisation", "lancs", "--all", stdout=out)
    assert "(every line)" in out.getvalue()
    with pytest.raises(CommandError, match="No organisation with slug 'nowhere'"):
        call_command("spend_coverage", "--organisation", "nowhere")
