"""The import decides lines in memory as it writes them (coverage.decider): the same outcome, contract and
exclusion rule as the set-based UPDATE (coverage_decide) on any register and any lines."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procure.contracts.choices import CategoryScheme
from procure.contracts.models import Category
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import ExclusionKind
from procure.spend.coverage.decider import CoverageDecider
from procure.spend.coverage.services import coverage_decide
from procure.spend.models import SpendLine
from procure.spend.services.lines import LINE_COLUMNS
from procure.spend.tests.factories import SpendImportFactory
from procure.spend.tests.kpi_factories import ExclusionRuleFactory
from procure.suppliers.tests.factories import SupplierFactory

START = date(2024, 1, 1)


def test_the_import_writes_every_column_of_a_line():
    expected = {field.attname for field in SpendLine._meta.concrete_fields if not field.primary_key}
    assert set(LINE_COLUMNS) == expected and len(LINE_COLUMNS) == len(expected)


@pytest.fixture
def world(db):
    """Suppliers with overlapping, ended, future and category-limited contracts, a category tree three deep,
    a public body and exclusion rules of every kind."""
    force = OrganisationFactory()
    suppliers = [SupplierFactory(organisation=force) for _ in range(4)]
    suppliers[3].is_public_body = True
    suppliers[3].save()
    top = CategoryFactory(name="Facilities")
    middle = CategoryFactory(name="Cleaning", parent=top)
    leaf = CategoryFactory(name="Window cleaning", parent=middle)
    other = Category.objects.filter(scheme=CategoryScheme.PROCLASS).exclude(pk__in=[top.pk, middle.pk, leaf.pk]).first()
    categories = [None, top, middle, leaf, other]
    day = lambda n: START + timedelta(days=n)  # noqa: E731
    ContractFactory(organisation=force, suppliers=[suppliers[0]], starts_on=day(30), ends_on=day(200))
    ContractFactory(organisation=force, suppliers=[suppliers[0]], starts_on=day(150), ends_on=day(400),
                    categories=[middle])
    ContractFactory(organisation=force, suppliers=[suppliers[1]], starts_on=day(0), ends_on=day(90),
                    final_ends_on=day(180), categories=[top, other])
    ContractFactory(organisation=force, suppliers=[suppliers[1], suppliers[2]], starts_on=day(300), ends_on=day(500),
                    categories=[leaf])
    ExclusionRuleFactory(organisation=force, value="pension", reason="Pensions")
    ExclusionRuleFactory(organisation=force, kind=ExclusionKind.CATEGORY, category=other, value="",
                         reason="Other")
    ExclusionRuleFactory(organisation=force, kind=ExclusionKind.PUBLIC_BODY, value="", reason="Public bodies")
    return {"force": force, "suppliers": [*suppliers, None], "categories": categories,
            "import": SpendImportFactory(organisation=force)}


lines_strategy = st.lists(st.tuples(
    st.integers(0, 4), st.integers(-20, 520), st.integers(0, 4),
    st.sampled_from(["", "Cleaning", "Employer PENSION contributions", "Repairs"])), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=lines_strategy)
def test_the_import_decides_every_line_as_the_update_does(world, lines):
    force = world["force"]
    with transaction.atomic():
        made = SpendLine.objects.bulk_create(SpendLine(
            organisation=force, spend_import=world["import"], line_number=number,
            payment_date=START + timedelta(days=d), amount="10.00", payee_name="Payee", payee_normalised="payee",
            expense_type=expense,
            supplier=world["suppliers"][s], category=world["categories"][c])
            for number, (s, d, c, expense) in enumerate(lines))
        decider = CoverageDecider(organisation_id=force.pk)
        in_memory = {line.line_number: decider.decide(
            supplier_id=line.supplier_id, payment_date=line.payment_date, category_id=line.category_id,
            expense_type=line.expense_type) for line in made}
        coverage_decide(lines=SpendLine.objects.filter(organisation=force))
        for line in SpendLine.objects.filter(organisation=force):
            decision = in_memory[line.line_number]
            assert (decision.coverage, decision.contract_id, decision.exclusion_rule_id) == (
                line.coverage, line.contract_id, line.exclusion_rule_id), line.line_number
        transaction.set_rollback(True)
