"""Every KPI definition of DESIGN.md section 5, pinned on small hand-made cases."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from procure.contracts.choices import CategoryScheme, RouteToMarket
from procure.contracts.models import Category
from procure.contracts.tests.factories import CategoryFactory, ContractFactory, FrameworkFactory
from procure.core.dates import FinancialYear
from procure.organisations.tests.factories import DepartmentFactory, OrganisationFactory
from procure.spend.choices import ExclusionKind, SavingType
from procure.spend.coverage.services import coverage_rebuild
from procure.spend.kpis.selectors import KpiFilters, kpi_block, kpi_lines
from procure.spend.models import Saving, SavingYear
from procure.spend.tests.kpi_factories import (
    CUMBRIA,
    LANCASHIRE,
    NORTH_WEST,
    ExclusionRuleFactory,
    PostcodeDistrictFactory,
    fy_day,
    lines_of,
)
from procure.suppliers.models import PostcodeDistrict
from procure.suppliers.tests.factories import SupplierClassificationFactory, SupplierFactory

pytestmark = pytest.mark.django_db
YEAR = FinancialYear(2024)


@pytest.fixture
def force(db):
    return OrganisationFactory(slug="lancs", local_county_code=LANCASHIRE, local_region_code=NORTH_WEST)


@pytest.fixture
def supplier(force):
    return SupplierFactory(organisation=force, postcode="PR4 5SB")


def _block(organisations, **kwargs):
    for organisation in organisations:
        coverage_rebuild(organisation=organisation)
    return kpi_block(organisations=organisations, year=YEAR, **kwargs)


def _lines_total(organisations, measure, **kwargs) -> Decimal:
    lines = kpi_lines(organisations=organisations, year=YEAR, measure=measure, **kwargs)
    return Decimal(lines.aggregate(total=Sum("amount"))["total"] or 0).quantize(Decimal("0.01"))


def test_credits_count_negative_and_lines_outside_the_year_do_not_count(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier])
    lines_of(force, [(fy_day(5), "1000.00", supplier), (fy_day(6), "-200.00", supplier),
                     (date(2025, 4, 1), "5000.00", supplier), (date(2024, 3, 31), "7000.00", supplier)])
    block = _block([force])
    assert (block.total_spend, block.contracted_spend, block.spend_to_review) == (
        Decimal("800.00"), Decimal("800.00"), Decimal("0.00"))


def test_compliance_is_contracted_over_total_and_the_rest_is_to_review(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier])
    no_contract = SupplierFactory(organisation=force)
    lines_of(force, [(fy_day(5), "900.00", supplier), (fy_day(5), "60.00", no_contract),
                     (fy_day(7), "40.00", None)])
    block = _block([force])
    assert (block.total_spend, block.contracted_spend, block.compliance_pct, block.spend_to_review) == (
        Decimal("1000.00"), Decimal("900.00"), Decimal("90.00"), Decimal("100.00"))
    assert _lines_total([force], "to_review") == Decimal("100.00")


def test_a_line_on_the_contracts_last_day_is_contracted_and_the_day_after_is_not(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier], starts_on=date(2023, 4, 1), ends_on=date(2024, 9, 30))
    lines_of(force, [(date(2024, 9, 30), "300.00", supplier), (date(2024, 10, 1), "700.00", supplier)])
    block = _block([force])
    assert (block.contracted_spend, block.spend_to_review) == (Decimal("300.00"), Decimal("700.00"))


def test_an_exercised_extension_counts_to_its_new_end(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier], starts_on=date(2023, 4, 1), ends_on=date(2024, 9, 30),
                    final_ends_on=date(2025, 9, 30))
    lines_of(force, [(date(2024, 11, 4), "250.00", supplier)])
    assert _block([force]).contracted_spend == Decimal("250.00")


def test_a_line_outside_the_contracts_categories_is_to_review(force, supplier):
    cleaning, fleet = CategoryFactory(name="Cleaning"), CategoryFactory(name="Fleet")
    ContractFactory(organisation=force, suppliers=[supplier], categories=[cleaning])
    lines_of(force, [(fy_day(5), "600.00", supplier, cleaning), (fy_day(5), "400.00", supplier, fleet)])
    block = _block([force])
    assert (block.contracted_spend, block.spend_to_review) == (Decimal("600.00"), Decimal("400.00"))


def test_non_procurable_lines_are_left_out_of_the_total_and_listed_by_reason(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier])
    council = SupplierFactory(organisation=force, is_public_body=True)
    ExclusionRuleFactory(organisation=force, kind=ExclusionKind.PUBLIC_BODY, value="",
                         reason="Payments to other public bodies")
    pension = ExclusionRuleFactory(organisation=force, value="pension", reason="Pensions")
    lines = lines_of(force, [(fy_day(5), "1000.00", supplier), (fy_day(5), "300.00", council),
                             (fy_day(6), "200.00", supplier)])
    lines[2].expense_type = "Employer Pension contributions"
    lines[2].save()
    block = _block([force])
    assert (block.total_spend, block.excluded_spend) == (Decimal("1000.00"), Decimal("500.00"))
    assert block.exclusions == [("Payments to other public bodies", Decimal("300.00")),
                                ("Pensions", Decimal("200.00"))]
    assert _lines_total([force], "excluded", key=pension.pk) == Decimal("200.00")


def test_sme_spend_follows_the_classification_holding_on_each_lines_date(force, supplier):
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2020, 1, 1), size="small")
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2024, 10, 1), size="large", is_vcse=False)
    lines_of(force, [(date(2024, 9, 30), "100.00", supplier), (date(2024, 10, 1), "300.00", supplier)])
    block = _block([force])
    assert (block.sme_spend, block.sme_spend_pct) == (Decimal("100.00"), Decimal("25.00"))
    assert [line.amount for line in kpi_lines(organisations=[force], year=YEAR, measure="sme")] == [
        Decimal("100.00")]


def test_vcse_spend_and_suppliers_never_classified(force, supplier):
    charity = SupplierFactory(organisation=force)
    SupplierClassificationFactory(supplier=charity, valid_from=date(2020, 1, 1), size="micro", is_vcse=True)
    lines_of(force, [(fy_day(5), "250.00", charity), (fy_day(5), "750.00", supplier)])
    block = _block([force])
    assert (block.vcse_spend, block.vcse_spend_pct, block.sme_spend) == (
        Decimal("250.00"), Decimal("25.00"), Decimal("250.00"))


@pytest.fixture
def districts(db):
    """PR4 in Lancashire; L1 in the North West outside it; PR9 split 60/40 between Lancashire and Sefton
    (Merseyside); CA1 in Cumbria; SW1A in London. Only these: the table shipped with Procure is set aside."""
    PostcodeDistrict.objects.all().delete()
    PostcodeDistrictFactory(district="PR4")
    PostcodeDistrictFactory(district="L1", county_code="", county_name="")
    PostcodeDistrictFactory(district="PR9", share=Decimal("0.6000"))
    PostcodeDistrictFactory(district="PR9", county_code="", county_name="", share=Decimal("0.4000"),
                            is_primary=False)
    PostcodeDistrictFactory(district="CA1", county_code=CUMBRIA, county_name="Cumbria")
    PostcodeDistrictFactory(district="SW1A", county_code="", county_name="", region_code="E12000007")


def _supplier_in(organisation, postcode):
    return SupplierFactory(organisation=organisation, postcode=postcode)


def test_local_spend_by_county_and_region_weights_a_split_district_by_its_share(force, districts):
    lines_of(force, [(fy_day(5), "100.00", _supplier_in(force, "PR4 5SB")),
                     (fy_day(5), "200.00", _supplier_in(force, "L1 8JQ")),
                     (fy_day(5), "1000.00", _supplier_in(force, "PR9 0AA")),
                     (fy_day(5), "700.00", _supplier_in(force, "SW1A 1AA"))])
    block = _block([force])
    assert (block.local_spend_county, block.local_spend_region) == (Decimal("700.00"), Decimal("1300.00"))
    assert (block.local_spend_pct_county, block.local_spend_pct_region) == (Decimal("35.00"), Decimal("65.00"))
    assert _lines_total([force], "local_county") == Decimal("1100.00")  # every line with a part in the county


def test_a_supplier_without_a_usable_postcode_is_not_local_and_reported_as_unknown(force, districts):
    lines_of(force, [(fy_day(5), "100.00", _supplier_in(force, "PR4 5SB")),
                     (fy_day(5), "30.00", _supplier_in(force, "")),
                     (fy_day(5), "20.00", _supplier_in(force, "ZZ9 9ZZ")),
                     (fy_day(5), "50.00", None)])
    block = _block([force])
    assert (block.local_spend_region, block.local_unknown_spend) == (Decimal("100.00"), Decimal("100.00"))
    assert block.local_spend_pct_region == Decimal("50.00")
    assert _lines_total([force], "local_unknown") == Decimal("100.00")


def test_a_group_adds_up_its_organisations_each_local_to_its_own_county(force, districts):
    cumbria = OrganisationFactory(slug="cumbria", local_county_code=CUMBRIA, local_region_code=NORTH_WEST)
    lines_of(force, [(fy_day(5), "100.00", _supplier_in(force, "PR4 5SB")),
                     (fy_day(5), "100.00", _supplier_in(force, "CA1 1AA"))])
    lines_of(cumbria, [(fy_day(5), "300.00", _supplier_in(cumbria, "CA1 1AA"))])
    block = _block([force, cumbria])
    assert (block.total_spend, block.local_spend_county, block.local_spend_region) == (
        Decimal("500.00"), Decimal("400.00"), Decimal("500.00"))
    assert block.organisations == [force.name, cumbria.name]
    assert _lines_total([force, cumbria], "local_county") == Decimal("400.00")


def test_contracts_managed_counts_those_live_on_the_as_at_date_and_managed_by_procurement(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier], starts_on=date(2023, 4, 1), ends_on=date(2025, 3, 31))
    ContractFactory(organisation=force, suppliers=[supplier], starts_on=date(2024, 4, 1), ends_on=date(2024, 12, 31))
    ContractFactory(organisation=force, suppliers=[supplier], is_managed_by_procurement=False)
    ContractFactory(organisation=OrganisationFactory(), starts_on=date(2023, 4, 1), ends_on=date(2026, 3, 31))
    assert _block([force]).contracts_managed == 1  # as at the year's end, 31/03/2025
    assert kpi_block(organisations=[force], year=YEAR, as_at=date(2024, 6, 30)).contracts_managed == 2
    assert kpi_block(organisations=[force], year=YEAR, as_at=date(2025, 4, 1)).contracts_managed == 0


@pytest.fixture
def ict_category():
    ict = Category.objects.get(scheme=CategoryScheme.PROCLASS, level=1, name="Information Communication Technology")
    return Category.objects.filter(parent=ict).first()


def test_collaborative_spend_counts_collaborative_routes_and_public_buying_frameworks(force, ict_category):
    public = FrameworkFactory(organisation=force, is_public_buying_organisation=True)
    private = FrameworkFactory(organisation=force, is_public_buying_organisation=False)
    routes = [(RouteToMarket.COLLABORATIVE, None), (RouteToMarket.FRAMEWORK_CALL_OFF, public),
              (RouteToMarket.FRAMEWORK_CALL_OFF, private), (RouteToMarket.OWN_TENDER, None)]
    suppliers = [SupplierFactory(organisation=force) for _route in routes]
    for (route, framework), supplier in zip(routes, suppliers, strict=True):
        ContractFactory(organisation=force, suppliers=[supplier], route=route, framework=framework,
                        starts_on=date(2024, 4, 1), ends_on=date(2024, 12, 31))
    lines_of(force, [(fy_day(5), "100.00", suppliers[0]), (fy_day(5), "200.00", suppliers[1], ict_category),
                     (fy_day(5), "300.00", suppliers[2]), (fy_day(5), "400.00", suppliers[3]),
                     (date(2025, 1, 6), "1000.00", suppliers[0])])  # after the collaborative contract ended
    block = _block([force])
    assert (block.collaborative_spend, block.collaborative_spend_pct) == (Decimal("300.00"), Decimal("15.00"))
    assert (block.non_ict_spend, block.collaborative_non_ict_spend) == (Decimal("1800.00"), Decimal("100.00"))
    assert block.collaborative_non_ict_pct == Decimal("5.56")
    assert _lines_total([force], "collaborative") == Decimal("300.00")
    assert _lines_total([force], "collaborative_non_ict") == Decimal("100.00")


def test_breakdowns_are_largest_first_and_the_months_run_april_to_march(force, supplier):
    estates, ict = DepartmentFactory(organisation=force, name="Estates"), DepartmentFactory(organisation=force,
                                                                                          name="ICT")
    cleaning = CategoryFactory(name="Cleaning")
    other = SupplierFactory(organisation=force, name="Amber Security Ltd")
    ContractFactory(organisation=force, suppliers=[supplier])
    lines_of(force, [(fy_day(4, 2), "100.00", supplier, cleaning, estates), (fy_day(3, 31), "500.00", other, None, ict),
                     (fy_day(4, 30), "50.00", None, cleaning, None)])
    block = _block([force])
    assert [(b.label, b.amount, b.contracted) for b in block.by_department] == [
        ("ICT", Decimal("500.00"), Decimal("0.00")), ("Estates", Decimal("100.00"), Decimal("100.00")),
        ("No department", Decimal("50.00"), Decimal("0.00"))]
    assert [(b.key, b.amount) for b in block.by_category] == [(None, Decimal("500.00")),
                                                             (cleaning.pk, Decimal("150.00"))]
    assert [b.label for b in block.by_supplier] == ["Amber Security Ltd", supplier.name,
                                                   "Payee not matched to a supplier"]
    assert [m.month for m in block.monthly][0::11] == [date(2024, 4, 1), date(2025, 3, 1)]
    assert (block.monthly[0].amount, block.monthly[0].contracted, block.monthly[11].amount) == (
        Decimal("150.00"), Decimal("100.00"), Decimal("500.00"))
    assert _lines_total([force], "month", key=12) == Decimal("500.00")
    assert _lines_total([force], "category", key=None) == Decimal("500.00")
    assert _lines_total([force], "department", key=estates.pk) == Decimal("100.00")


def test_filters_narrow_every_figure_and_a_category_filter_takes_what_is_under_it(force, supplier):
    estates = DepartmentFactory(organisation=force)
    parent = CategoryFactory(name="Estates")
    child = CategoryFactory(name="Cleaning", parent=parent, level=2)
    ContractFactory(organisation=force, suppliers=[supplier], categories=[child])
    lines_of(force, [(fy_day(5), "100.00", supplier, child, estates), (fy_day(5), "900.00", supplier, None, None)])
    coverage_rebuild(organisation=force)
    by_department = kpi_block(organisations=[force], year=YEAR, filters=KpiFilters(department_ids=(estates.pk,)))
    by_category = kpi_block(organisations=[force], year=YEAR, filters=KpiFilters(category_ids=(parent.pk,)))
    assert by_department.total_spend == by_category.total_spend == by_category.contracted_spend == Decimal("100")
    assert (by_category.contracts_managed, by_department.contracts_managed) == (1, 0)
    assert _lines_total([force], "total", filters=KpiFilters(category_ids=(parent.pk,))) == Decimal("100.00")


def test_savings_come_from_the_savings_register_by_type(force):
    for kind, projected, realised in [(SavingType.CASHABLE, "1000.00", "1200.00"),
                                      (SavingType.COST_AVOIDANCE, "500.00", None)]:
        saving = Saving.objects.create(organisation=force, title="Energy", saving_type=kind, baseline=Decimal(1),
                                       method="Price against the last contract")
        SavingYear.objects.create(saving=saving, financial_year=2024, projected=Decimal(projected),
                                  realised=Decimal(realised) if realised else None)
    savings = _block([force]).savings
    assert (savings.cashable, savings.non_cashable, savings.cost_avoidance, savings.total) == (
        Decimal("1200.00"), Decimal("0.00"), Decimal("500.00"), Decimal("1700.00"))


def test_no_spend_gives_zeros_not_errors(force):
    block = _block([force])
    assert (block.total_spend, block.compliance_pct, block.collaborative_non_ict_pct) == (0, 0, 0)
    assert len(block.monthly) == 12 and block.by_supplier == []


def test_the_json_form_has_money_as_strings_and_percentages_as_numbers(force, supplier):
    ContractFactory(organisation=force, suppliers=[supplier])
    lines_of(force, [(fy_day(5), "1234.56", supplier)])
    data = _block([force]).as_json()
    assert (data["total_spend"], data["compliance_pct"], data["contracts_managed"]) == ("1234.56", 100.0, 1)
    assert data["savings"] == {"cashable": "0.00", "non_cashable": "0.00", "cost_avoidance": "0.00", "total": "0.00"}
    assert {"excluded_spend", "contracted_spend", "spend_to_review", "local_spend_pct_county",
            "local_spend_pct_region", "sme_spend_pct", "vcse_spend_pct", "collaborative_spend_pct",
            "collaborative_non_ict_pct", "exclusions", "monthly", "by_supplier"} <= data.keys()


def test_an_unknown_measure_is_refused(force):
    with pytest.raises(ValueError, match="not a KPI measure"):
        kpi_lines(organisations=[force], year=YEAR, measure="everything")
