"""The coverage rules (DESIGN.md section 5) on small hand-made cases: one line at a time, decided set-based."""

from datetime import date

import pytest

from procure.contracts.choices import CategoryScheme
from procure.contracts.models import Category
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import Coverage, ExclusionKind
from procure.spend.coverage.rules import coverage_reason
from procure.spend.coverage.services import coverage_decide
from procure.spend.models import SpendLine
from procure.spend.tests.kpi_factories import ExclusionRuleFactory, lines_of
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


def _decided(line) -> SpendLine:
    coverage_decide(lines=SpendLine.objects.filter(pk=line.pk))
    return SpendLine.objects.select_related("contract", "exclusion_rule", "supplier", "category").get(pk=line.pk)


def _line(organisation, paid, supplier, category=None, **fields):
    line = lines_of(organisation, [(paid, "100.00", supplier, category)])[0]
    if fields:
        SpendLine.objects.filter(pk=line.pk).update(**fields)
    return line


@pytest.fixture
def supplier(organisation):
    return SupplierFactory(organisation=organisation)


@pytest.fixture
def contract(organisation, supplier):
    return ContractFactory(organisation=organisation, suppliers=[supplier], reference="DC-2024-0012",
                           starts_on=date(2024, 4, 1), ends_on=date(2025, 3, 31))


@pytest.mark.parametrize(("_case", "paid", "coverage"), [
    ("first day", date(2024, 4, 1), Coverage.COVERED),
    ("last day", date(2025, 3, 31), Coverage.COVERED),
    ("the day after the last", date(2025, 4, 1), Coverage.CONTRACT_ENDED),
    ("the day before the first", date(2024, 3, 31), Coverage.CONTRACT_NOT_STARTED),
])
def test_a_line_is_covered_on_every_day_of_the_contract_and_not_outside(_case, paid, coverage, organisation,
                                                                       supplier, contract):
    line = _decided(_line(organisation, paid, supplier))
    assert (line.coverage, line.contract) == (coverage, contract)


def test_the_reason_names_the_contract_and_the_day_it_ended(organisation, supplier, contract):
    line = _decided(_line(organisation, date(2025, 4, 1), supplier))
    assert coverage_reason(line) == "Contract DC-2024-0012 ended on 31/03/2025"
    covered = _decided(_line(organisation, date(2024, 6, 3), supplier))
    assert coverage_reason(covered) == "Contract DC-2024-0012 covers it: live from 01/04/2024 to 31/03/2025"


def test_an_exercised_extension_keeps_the_contract_live(organisation, supplier):
    ContractFactory(organisation=organisation, suppliers=[supplier], starts_on=date(2023, 4, 1),
                    ends_on=date(2024, 3, 31), final_ends_on=date(2025, 3, 31))
    assert _decided(_line(organisation, date(2024, 9, 2), supplier)).coverage == Coverage.COVERED


def test_a_line_without_a_supplier_cannot_be_on_contract(organisation):
    line = _decided(_line(organisation, date(2024, 6, 3), None))
    assert (line.coverage, line.contract) == (Coverage.NO_SUPPLIER, None)
    assert "is not matched to a supplier" in coverage_reason(line)


def test_a_supplier_without_a_contract_has_no_contract(organisation, supplier):
    line = _decided(_line(organisation, date(2024, 6, 3), supplier))
    assert (line.coverage, line.contract) == (Coverage.NO_CONTRACT, None)
    assert coverage_reason(line) == f"No contract with {supplier.name}"


def test_another_organisations_contract_with_a_supplier_of_the_same_name_does_not_count(organisation, supplier):
    elsewhere = OrganisationFactory()
    twin = SupplierFactory(organisation=elsewhere, name=supplier.name,
                           companies_house_number=supplier.companies_house_number)
    ContractFactory(organisation=elsewhere, suppliers=[twin])
    assert _decided(_line(organisation, date(2024, 6, 3), supplier)).coverage == Coverage.NO_CONTRACT


def test_a_contract_the_organisation_takes_part_in_covers_the_same_firm_in_its_register(organisation, supplier):
    lead = OrganisationFactory()
    theirs = SupplierFactory(organisation=lead, name="Another Spelling Ltd",
                             companies_house_number=supplier.companies_house_number)
    shared = ContractFactory(organisation=lead, suppliers=[theirs])
    shared.participating_organisations.add(organisation)
    line = _decided(_line(organisation, date(2024, 6, 3), supplier))
    assert (line.coverage, line.contract) == (Coverage.COVERED, shared)


@pytest.fixture
def tree():
    """A local category tree: Estates > Cleaning > Window cleaning, and Fleet."""
    estates = CategoryFactory(name="Estates")
    cleaning = CategoryFactory(name="Cleaning", parent=estates, level=2)
    windows = CategoryFactory(name="Window cleaning", parent=cleaning, level=3)
    fleet = CategoryFactory(name="Fleet")
    return {"estates": estates, "cleaning": cleaning, "windows": windows, "fleet": fleet}


@pytest.mark.parametrize(("_case", "line_category", "coverage"), [
    ("the category listed", "cleaning", Coverage.COVERED),
    ("a category under it", "windows", Coverage.COVERED),
    ("the category above it", "estates", Coverage.CATEGORY_NOT_COVERED),
    ("another category", "fleet", Coverage.CATEGORY_NOT_COVERED),
    ("no category", None, Coverage.CATEGORY_NOT_COVERED),
])
def test_a_contract_listing_categories_covers_only_those_and_what_is_under_them(
        _case, line_category, coverage, organisation, supplier, tree):
    contract = ContractFactory(organisation=organisation, suppliers=[supplier], categories=[tree["cleaning"]])
    line = _decided(_line(organisation, date(2024, 6, 3), supplier, tree.get(line_category)))
    assert (line.coverage, line.contract) == (coverage, contract)


def test_the_category_not_covered_is_named(organisation, supplier, tree):
    ContractFactory(organisation=organisation, suppliers=[supplier], categories=[tree["cleaning"]],
                    reference="DC-2024-0044")
    line = _decided(_line(organisation, date(2024, 6, 3), supplier, tree["fleet"]))
    assert coverage_reason(line) == "Contract DC-2024-0044 does not cover the category Fleet"


def test_an_ended_contract_for_the_category_tells_more_than_a_live_one_for_another(organisation, supplier, tree):
    ContractFactory(organisation=organisation, suppliers=[supplier], categories=[tree["fleet"]],
                    starts_on=date(2024, 4, 1), ends_on=date(2026, 3, 31))
    ended = ContractFactory(organisation=organisation, suppliers=[supplier], categories=[tree["cleaning"]],
                            starts_on=date(2022, 4, 1), ends_on=date(2024, 5, 31))
    line = _decided(_line(organisation, date(2024, 6, 3), supplier, tree["windows"]))
    assert (line.coverage, line.contract) == (Coverage.CONTRACT_ENDED, ended)


def test_the_nearest_contract_not_yet_started_is_named(organisation, supplier):
    ContractFactory(organisation=organisation, suppliers=[supplier], starts_on=date(2026, 4, 1),
                    ends_on=date(2027, 3, 31))
    soon = ContractFactory(organisation=organisation, suppliers=[supplier], starts_on=date(2025, 4, 1),
                           ends_on=date(2028, 3, 31), reference="DC-2025-0001")
    line = _decided(_line(organisation, date(2024, 6, 3), supplier))
    assert (line.coverage, line.contract) == (Coverage.CONTRACT_NOT_STARTED, soon)
    assert coverage_reason(line) == "Contract DC-2025-0001 had not started: it starts on 01/04/2025"


@pytest.mark.parametrize(("_case", "rule", "line_fields"), [
    ("expense type, any case", {"kind": ExclusionKind.EXPENSE_TYPE, "value": "PENSION"},
     {"expense_type": "Employer pension contributions"}),
    ("category subtree", {"kind": ExclusionKind.CATEGORY, "category": "estates"}, {"category": "windows"}),
    ("public body", {"kind": ExclusionKind.PUBLIC_BODY, "value": ""}, {"public_body": True}),
    ("named supplier", {"kind": ExclusionKind.SUPPLIER, "value": "", "supplier": "it"}, {}),
])
def test_a_non_procurable_line_is_excluded_before_anything_else(_case, rule, line_fields, organisation, supplier,
                                                                contract, tree):
    if rule.get("category"):
        rule["category"] = tree[rule["category"]]
    if rule.get("supplier"):
        rule["supplier"] = supplier
    if line_fields.pop("public_body", False):
        supplier.is_public_body = True
        supplier.save()
    if "category" in line_fields:
        line_fields["category"] = tree[line_fields["category"]]
    made = ExclusionRuleFactory(organisation=organisation, reason="Not a purchase", **rule)
    line = _decided(_line(organisation, date(2024, 6, 3), supplier, **line_fields))
    assert (line.coverage, line.contract, line.exclusion_rule) == (Coverage.NON_PROCURABLE, None, made)
    assert coverage_reason(line) == "Not procurable: Not a purchase"


def test_rules_that_do_not_match_or_are_inactive_or_of_another_organisation_exclude_nothing(
        organisation, other_organisation, supplier, contract, tree):
    ExclusionRuleFactory(organisation=organisation, value="pension", is_active=False)
    ExclusionRuleFactory(organisation=organisation, value="grant")
    ExclusionRuleFactory(organisation=organisation, kind=ExclusionKind.PUBLIC_BODY, value="")
    ExclusionRuleFactory(organisation=organisation, kind=ExclusionKind.CATEGORY, value="", category=tree["fleet"])
    ExclusionRuleFactory(organisation=other_organisation, value="repairs")
    line = _decided(_line(organisation, date(2024, 6, 3), supplier, tree["windows"],
                          expense_type="Pension fund repairs"))
    assert (line.coverage, line.exclusion_rule) == (Coverage.COVERED, None)


def test_a_rule_with_empty_text_excludes_nothing(organisation, supplier, contract):
    ExclusionRuleFactory(organisation=organisation, value="")
    assert _decided(_line(organisation, date(2024, 6, 3), supplier)).coverage == Coverage.COVERED


def test_deciding_returns_how_many_lines_it_decided_and_leaves_others_alone(organisation, supplier, contract):
    lines = lines_of(organisation, [(date(2024, 6, 3), "10.00", supplier), (date(2025, 6, 3), "20.00", supplier)])
    other = lines_of(organisation, [(date(2024, 6, 3), "30.00", supplier)])[0]
    assert coverage_decide(lines=SpendLine.objects.filter(pk__in=[line.pk for line in lines])) == 2
    assert set(SpendLine.objects.filter(pk__in=[line.pk for line in lines]).values_list("coverage", flat=True)) == {
        Coverage.COVERED, Coverage.CONTRACT_ENDED}
    assert SpendLine.objects.get(pk=other.pk).coverage == Coverage.UNDECIDED


def test_proclass_categories_are_found_through_their_parents(organisation, supplier):
    level1 = Category.objects.get(scheme=CategoryScheme.PROCLASS, level=1, name="Information Communication Technology")
    leaf = Category.objects.filter(parent__parent=level1).first()
    ContractFactory(organisation=organisation, suppliers=[supplier], categories=[level1])
    assert _decided(_line(organisation, date(2024, 6, 3), supplier, leaf)).coverage == Coverage.COVERED
