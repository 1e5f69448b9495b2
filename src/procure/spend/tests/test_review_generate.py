"""Each review rule on hand-made lines, as at 31 March 2017 (the window is 1 April 2016 to 31 March 2017),
under the default thresholds: review threshold £10,000; procedure thresholds £10,000 and £50,000."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.spend.choices import Coverage, ReviewRule
from procure.spend.models import ReviewItem
from procure.spend.review.selectors import review_item_lines
from procure.spend.review.services import procedure_thresholds_install_defaults, review_items_generate
from procure.spend.tests.factories import SpendLineFactory
from procure.spend.tests.factories_review import ProcedureThresholdFactory
from procure.suppliers.tests.factories import SupplierFactory

AS_AT = date(2017, 3, 31)


@pytest.fixture
def rules_in_force(organisation):
    return procedure_thresholds_install_defaults(organisation=organisation, effective_from=date(2016, 4, 1))


@pytest.fixture
def supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Preston Print Ltd")


@pytest.fixture
def category(db):
    return CategoryFactory(name="Printing")


def pay(organisation, supplier, amount: str, *, on=date(2016, 10, 3), category=None,
        coverage=Coverage.NO_CONTRACT, contract=None):
    return SpendLineFactory(organisation=organisation, supplier=supplier, amount=Decimal(amount),
                            payment_date=on, category=category, coverage=coverage, contract=contract)


def items(organisation, rule=None):
    found = ReviewItem.objects.filter(organisation=organisation)
    return list(found.filter(rule=rule) if rule else found)


def run(organisation):
    return review_items_generate(organisation=organisation, as_at=AS_AT)


@pytest.mark.parametrize(("amounts", "expected"), [
    (["10000.00"], Decimal("10000.00")),
    (["6000.00", "4000.00"], Decimal("10000.00")),
    (["9999.99"], None),
    (["10600.00", "-600.01"], None),
])
def test_supplier_and_category_at_or_over_the_review_threshold_becomes_an_item(
        organisation, rules_in_force, supplier, category, amounts, expected):
    for amount in amounts:
        pay(organisation, supplier, amount, category=category)
    run(organisation)
    found = items(organisation, ReviewRule.OVER_THRESHOLD)
    assert [item.amount for item in found] == ([expected] if expected else [])
    if expected:
        assert (found[0].supplier, found[0].category) == (supplier, category)
        assert "Preston Print Ltd: Printing" in found[0].summary


@pytest.mark.parametrize(("first_paid", "counted"), [
    (date(2016, 4, 1), True),
    (date(2016, 3, 31), False),
    (date(2017, 4, 1), False),
])
def test_only_the_twelve_months_to_the_as_at_date_count(organisation, rules_in_force, supplier, first_paid,
                                                         counted):
    pay(organisation, supplier, "5000.00", on=first_paid)
    pay(organisation, supplier, "5000.00", on=AS_AT)
    run(organisation)
    assert len(items(organisation, ReviewRule.OVER_THRESHOLD)) == (1 if counted else 0)


@pytest.mark.parametrize("coverage", [Coverage.COVERED, Coverage.NON_PROCURABLE, Coverage.UNDECIDED])
def test_spend_on_contract_excluded_or_undecided_is_not_reviewed(organisation, rules_in_force, supplier,
                                                                 coverage):
    pay(organisation, supplier, "25000.00", coverage=coverage)
    assert run(organisation).created == 0


@pytest.mark.parametrize("coverage", [Coverage.NO_CONTRACT, Coverage.CONTRACT_NOT_STARTED,
                                      Coverage.CATEGORY_NOT_COVERED])
def test_every_other_off_contract_reason_is_reviewed(organisation, rules_in_force, supplier, coverage):
    pay(organisation, supplier, "25000.00", coverage=coverage)
    run(organisation)
    assert [item.rule for item in items(organisation)] == [ReviewRule.OVER_THRESHOLD]


def test_supplier_paid_after_its_contract_ended_names_the_contract_and_its_end(organisation, rules_in_force,
                                                                               supplier):
    contract = ContractFactory(organisation=organisation, reference="DC-2014-0012", suppliers=[supplier],
                               starts_on=date(2014, 1, 1), ends_on=date(2016, 12, 31))
    for amount, paid in (("612.50", date(2017, 1, 9)), ("20000.00", date(2017, 2, 9))):
        pay(organisation, supplier, amount, on=paid, coverage=Coverage.CONTRACT_ENDED, contract=contract)
    run(organisation)
    [item] = items(organisation)
    assert item.rule == ReviewRule.PAID_AFTER_END
    assert item.contract == contract and item.amount == Decimal("20612.50")
    assert "contract DC-2014-0012 ended on 31/12/2016" in item.summary


def test_several_small_suppliers_in_one_category_together_over_the_threshold_are_an_aggregation(
        organisation, rules_in_force, category):
    small = [SupplierFactory(organisation=organisation) for _ in range(3)]
    for supplier in small:
        pay(organisation, supplier, "4000.00", category=category)
    pay(organisation, SupplierFactory(organisation=organisation), "15000.00", category=category)
    run(organisation)
    [item] = items(organisation, ReviewRule.AGGREGATION)
    assert item.category == category and item.amount == Decimal("12000.00")
    assert "Printing: 3 suppliers each under the £10,000.00 review threshold" in item.summary
    assert {line.supplier for line in review_item_lines(item=item)} == set(small)


@pytest.mark.parametrize(("amounts", "expected"), [
    (["5000.00", "5000.00"], Decimal("10000.00")),
    (["5000.00", "4999.99"], None),
    (["9999.99"], None),
])
def test_aggregation_needs_two_suppliers_together_at_the_threshold(organisation, rules_in_force, category,
                                                                  amounts, expected):
    for amount in amounts:
        pay(organisation, SupplierFactory(organisation=organisation), amount, category=category)
    run(organisation)
    found = items(organisation, ReviewRule.AGGREGATION)
    assert [item.amount for item in found] == ([expected] if expected else [])


def _split(organisation, supplier, amounts: list[str], gaps: list[int], start=date(2016, 6, 1)):
    day = start
    for amount, gap in zip(amounts, [0, *gaps], strict=True):
        day += timedelta(days=gap)
        pay(organisation, supplier, amount, on=day)


@pytest.mark.parametrize(("amounts", "gaps", "flagged"), [
    (["9500.00", "9900.00", "9999.99"], [30, 30], True),
    (["9000.00", "9000.00", "9000.00"], [45, 45], True),
    (["9000.00", "9000.00", "9000.00"], [45, 46], False),
    (["8999.99", "9500.00", "9500.00"], [10, 10], False),
    (["10000.00", "9500.00", "9500.00"], [10, 10], False),
    (["9500.00", "9500.00"], [10], False),
])
def test_runs_of_payments_just_under_a_threshold_are_flagged(organisation, rules_in_force, supplier, amounts,
                                                             gaps, flagged):
    _split(organisation, supplier, amounts, gaps)
    run(organisation)
    found = items(organisation, ReviewRule.SPLIT_PAYMENTS)
    assert len(found) == (1 if flagged else 0)
    if flagged:
        assert found[0].key == f"{supplier.pk}/10000.00"
        assert found[0].amount == sum(Decimal(amount) for amount in amounts)
        assert "3 payments just under the £10,000.00 threshold" in found[0].summary


def test_a_run_takes_in_every_payment_within_ninety_days_of_a_start_and_nothing_else(
        organisation, rules_in_force, supplier):
    _split(organisation, supplier, ["9500.00", "9500.00", "9500.00", "9600.00"], [40, 40, 100])
    pay(organisation, supplier, "3000.00", on=date(2016, 6, 20))
    run(organisation)
    [item] = items(organisation, ReviewRule.SPLIT_PAYMENTS)
    assert item.amount == Decimal("28500.00")
    assert sorted(line.amount for line in review_item_lines(item=item)) == [Decimal("9500.00")] * 3


def test_runs_under_the_tender_threshold_are_flagged_against_it(organisation, rules_in_force, supplier):
    _split(organisation, supplier, ["48000.00", "49500.00", "45000.00"], [20, 20])
    run(organisation)
    [item] = items(organisation, ReviewRule.SPLIT_PAYMENTS)
    assert item.key == f"{supplier.pk}/50000.00"


def test_the_lines_behind_each_item_add_up_to_its_amount(organisation, rules_in_force, supplier, category):
    contract = ContractFactory(organisation=organisation, suppliers=[supplier], starts_on=date(2014, 1, 1),
                               ends_on=date(2016, 5, 31))
    pay(organisation, supplier, "12000.00", category=category)
    pay(organisation, supplier, "300.00", coverage=Coverage.CONTRACT_ENDED, contract=contract)
    _split(organisation, supplier, ["9100.00", "9200.00", "9300.00"], [5, 5])
    for _ in range(2):
        pay(organisation, SupplierFactory(organisation=organisation), "6000.00", category=category)
    run(organisation)
    assert {item.rule for item in items(organisation)} == set(ReviewRule.values)
    for item in items(organisation):
        assert sum(line.amount for line in review_item_lines(item=item)) == item.amount, item.rule


def test_the_review_refuses_to_run_without_thresholds_in_force(organisation, supplier):
    ProcedureThresholdFactory(organisation=organisation, effective_from=date(2017, 4, 1))
    pay(organisation, supplier, "25000.00")
    with pytest.raises(BusinessRuleViolation, match="REV-10"):
        run(organisation)
    assert items(organisation) == []


def test_a_review_threshold_named_in_the_rules_replaces_the_default(organisation, rules_in_force, supplier):
    ProcedureThresholdFactory(organisation=organisation, name="Review threshold",
                              from_value=Decimal("25000.00"), effective_from=date(2016, 4, 1))
    pay(organisation, supplier, "24999.99")
    run(organisation)
    assert items(organisation) == []


def test_running_the_review_is_audited(organisation, rules_in_force, supplier, officer):
    pay(organisation, supplier, "25000.00")
    review_items_generate(organisation=organisation, as_at=AS_AT, actor=officer)
    actions = list(AuditEvent.objects.filter(organisation=organisation, action__startswith="review")
                   .values_list("action", "actor"))
    assert ("review_item.created", officer.pk) in actions
    assert ("review.generated", officer.pk) in actions
