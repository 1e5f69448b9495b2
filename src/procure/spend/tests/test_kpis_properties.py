"""Invariants of the KPI block on generated spend: the figures add up, every line is in exactly one coverage
class, the lines behind each figure add up to it, and percentages stay within 0 to 100."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procure.contracts.choices import CategoryScheme, RouteToMarket
from procure.contracts.models import Category
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.core.dates import FinancialYear
from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import Coverage, ExclusionKind
from procure.spend.coverage.services import coverage_rebuild
from procure.spend.kpis.block import PERCENT_FIELDS, KpiFilters
from procure.spend.kpis.reading import RollupSums, SummarySums, figures_from
from procure.spend.kpis.selectors import kpi_block, kpi_lines
from procure.spend.models import SpendLine
from procure.spend.tests.factories import SpendImportFactory
from procure.spend.tests.kpi_factories import LANCASHIRE, NORTH_WEST, ExclusionRuleFactory, PostcodeDistrictFactory
from procure.suppliers.models import PostcodeDistrict
from procure.suppliers.tests.factories import SupplierClassificationFactory, SupplierFactory

YEAR = FinancialYear(2024)
SUMMED = {"total": "total_spend", "excluded": "excluded_spend", "contracted": "contracted_spend",
          "to_review": "spend_to_review", "sme": "sme_spend", "vcse": "vcse_spend",
          "collaborative": "collaborative_spend", "non_ict": "non_ict_spend",
          "collaborative_non_ict": "collaborative_non_ict_spend", "local_unknown": "local_unknown_spend"}


@pytest.fixture
def world(db):
    """An organisation with suppliers in and out of the area, contracts with and without categories, an ICT
    category, a supplier that became large mid-year, a public body, and two exclusion rules."""
    PostcodeDistrict.objects.all().delete()
    PostcodeDistrictFactory(district="PR4")
    PostcodeDistrictFactory(district="L1", county_code="", county_name="")
    PostcodeDistrictFactory(district="PR9", share=Decimal("0.3000"))
    PostcodeDistrictFactory(district="PR9", county_code="", share=Decimal("0.7000"), is_primary=False)
    force = OrganisationFactory(local_county_code=LANCASHIRE, local_region_code=NORTH_WEST)
    suppliers = [SupplierFactory(organisation=force, postcode=postcode)
                 for postcode in ("PR4 5SB", "L1 8JQ", "PR9 0AA", "", "SW1A 1AA")]
    suppliers[4].is_public_body = True
    suppliers[4].save()
    SupplierClassificationFactory(supplier=suppliers[0], valid_from=date(2020, 1, 1), size="small", is_vcse=True)
    SupplierClassificationFactory(supplier=suppliers[0], valid_from=date(2024, 10, 1), size="large")
    ict = Category.objects.filter(scheme=CategoryScheme.PROCLASS, parent__name="Information Communication "
                                                                               "Technology").first()
    cleaning = CategoryFactory(name="Cleaning")
    ContractFactory(organisation=force, suppliers=[suppliers[0]], route=RouteToMarket.COLLABORATIVE,
                    starts_on=date(2024, 4, 1), ends_on=date(2024, 12, 31), categories=[cleaning, ict])
    ContractFactory(organisation=force, suppliers=[suppliers[1]], starts_on=date(2024, 7, 1), ends_on=date(2025, 9, 30))
    ExclusionRuleFactory(organisation=force, kind=ExclusionKind.PUBLIC_BODY, value="", reason="Public bodies")
    ExclusionRuleFactory(organisation=force, value="pension", reason="Pensions")
    return {"force": force, "suppliers": [*suppliers, None], "categories": [None, cleaning, ict],
            "spend_import": SpendImportFactory(organisation=force)}


def _lines(world, draws, *, amounts) -> list[SpendLine]:
    made = []
    for number, (who, day, pennies, category, pension) in enumerate(draws):
        made.append(SpendLine(
            organisation=world["force"], spend_import=world["spend_import"], line_number=number + 2,
            payment_date=YEAR.starts_on + timedelta(days=day), amount=Decimal(pennies * amounts) / 100,
            payee_name=f"Payee {who}", payee_normalised=f"payee {who}", supplier=world["suppliers"][who],
            category=world["categories"][category], expense_type="Pension fund" if pension else "Repairs"))
    return SpendLine.objects.bulk_create(made)


def _sum(measure: str, world) -> Decimal:
    lines = kpi_lines(organisations=[world["force"]], year=YEAR, measure=measure)
    return _pennies(lines.aggregate(total=Sum("amount"))["total"])


def _pennies(value) -> Decimal:
    """To the penny: SQLite adds decimals as floating point numbers."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


LINE = st.tuples(st.integers(0, 5), st.integers(0, 364), st.integers(-50_000, 900_000), st.integers(0, 2),
                 st.booleans())
PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(draws=st.lists(LINE, max_size=25))
def test_the_figures_add_up_and_agree_with_the_lines_behind_them(world, draws):
    with transaction.atomic():
        lines = _lines(world, draws, amounts=1)
        coverage_rebuild(organisation=world["force"])
        block = kpi_block(organisations=[world["force"]], year=YEAR)
        assert block.contracted_spend + block.spend_to_review == block.total_spend
        assert block.total_spend + block.excluded_spend == sum((line.amount for line in lines), Decimal("0.00"))
        for measure, name in SUMMED.items():
            assert _sum(measure, world) == getattr(block, name), measure
        assert figures_from(RollupSums([world["force"]], YEAR), YEAR) == figures_from(
            SummarySums([world["force"]], YEAR, KpiFilters()), YEAR)
        for parts in (block.monthly, block.by_category, block.by_department, block.by_supplier):
            assert sum((part.amount for part in parts), Decimal(0)) == block.total_spend
            assert sum((part.contracted for part in parts), Decimal(0)) == block.contracted_spend
        transaction.set_rollback(True)


@PROPERTY
@given(draws=st.lists(LINE, max_size=25))
def test_every_line_is_in_exactly_one_coverage_class(world, draws):
    with transaction.atomic():
        _lines(world, draws, amounts=1)
        coverage_rebuild(organisation=world["force"])
        counts = dict(SpendLine.objects.values_list("coverage").annotate(n=Count("id")))
        assert Coverage.UNDECIDED not in counts and sum(counts.values()) == len(draws)
        total = kpi_lines(organisations=[world["force"]], year=YEAR, measure="total")
        excluded = kpi_lines(organisations=[world["force"]], year=YEAR, measure="excluded")
        assert total.count() + excluded.count() == len(draws)
        assert not total.filter(pk__in=excluded.values("pk")).exists()
        transaction.set_rollback(True)


@PROPERTY
@given(draws=st.lists(LINE, min_size=1, max_size=25))
def test_with_no_credits_every_percentage_is_between_0_and_100(world, draws):
    with transaction.atomic():
        _lines(world, [(who, day, abs(pennies), category, pension)
                       for who, day, pennies, category, pension in draws], amounts=1)
        coverage_rebuild(organisation=world["force"])
        block = kpi_block(organisations=[world["force"]], year=YEAR)
        for name in PERCENT_FIELDS:
            assert 0 <= getattr(block, name) <= 100, name
        assert block.local_spend_county <= block.local_spend_region
        assert block.local_spend_region + block.local_unknown_spend <= block.total_spend
        transaction.set_rollback(True)
