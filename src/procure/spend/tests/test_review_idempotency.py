"""Running the review again: nothing doubles, figures follow the spend, people's decisions stay."""

from datetime import date
from decimal import Decimal

import pytest

from procure.contracts.tests.factories import CategoryFactory
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.spend.choices import Coverage, ReviewAction, ReviewRule, ReviewStatus
from procure.spend.models import ReviewItem, SpendLine
from procure.spend.review.selectors import ReviewProgress, review_progress
from procure.spend.review.services import (
    GenerationResult,
    procedure_thresholds_install_defaults,
    review_item_update,
    review_items_generate,
)
from procure.spend.tests.factories import SpendLineFactory
from procure.spend.tests.factories_review import ReviewItemFactory
from procure.suppliers.tests.factories import SupplierFactory

AS_AT = date(2017, 3, 31)


@pytest.fixture
def spend(organisation):
    """£12,000 off contract with one supplier: one item over the review threshold."""
    procedure_thresholds_install_defaults(organisation=organisation, effective_from=date(2016, 4, 1))
    supplier = SupplierFactory(organisation=organisation, name="Fylde Fencing Ltd")
    category = CategoryFactory(name="Fencing")
    return [SpendLineFactory(organisation=organisation, supplier=supplier, category=category,
                             amount=Decimal(amount), payment_date=date(2016, 9, 1),
                             coverage=Coverage.NO_CONTRACT)
            for amount in ("7000.00", "5000.00")]


def run(organisation, as_at=AS_AT):
    return review_items_generate(organisation=organisation, as_at=as_at)


def the_item(organisation) -> ReviewItem:
    return ReviewItem.objects.get(organisation=organisation, rule=ReviewRule.OVER_THRESHOLD)


def decide(item, user, **changes):
    decision = {"owner": user, "action": ReviewAction.TENDER, "action_reason": "",
                "target_on": date(2017, 9, 30), "status": ReviewStatus.IN_PROGRESS, **changes}
    return review_item_update(item=item, actor=user, **decision)


def test_a_second_run_creates_and_changes_nothing(organisation, spend):
    assert run(organisation) == GenerationResult(created=1, updated=0, closed=0)
    item = the_item(organisation)
    assert run(organisation) == GenerationResult(created=0, updated=0, closed=0)
    assert list(ReviewItem.objects.filter(organisation=organisation)) == [item]


def test_more_spend_updates_the_amount_of_the_same_item(organisation, spend):
    run(organisation)
    first = the_item(organisation)
    SpendLineFactory(organisation=organisation, supplier=spend[0].supplier, category=spend[0].category,
                     amount=Decimal("800.00"), payment_date=date(2017, 1, 5), coverage=Coverage.NO_CONTRACT)
    assert run(organisation) == GenerationResult(created=0, updated=1, closed=0)
    assert the_item(organisation).pk == first.pk
    assert the_item(organisation).amount == Decimal("12800.00")


def test_spend_becoming_covered_closes_an_untouched_item_and_its_return_reopens_it(organisation, spend):
    run(organisation)
    SpendLine.objects.filter(pk__in=[line.pk for line in spend]).update(coverage=Coverage.COVERED)
    assert run(organisation) == GenerationResult(created=0, updated=0, closed=1)
    assert the_item(organisation).status == ReviewStatus.CLOSED_NO_ACTION
    assert run(organisation).closed == 0
    SpendLine.objects.filter(pk__in=[line.pk for line in spend]).update(coverage=Coverage.NO_CONTRACT)
    assert run(organisation) == GenerationResult(created=0, updated=1, closed=0)
    assert the_item(organisation).status == ReviewStatus.OPEN


def test_a_persons_decisions_survive_a_run(organisation, spend, officer):
    run(organisation)
    decide(the_item(organisation), officer)
    SpendLineFactory(organisation=organisation, supplier=spend[0].supplier, category=spend[0].category,
                     amount=Decimal("100.00"), payment_date=date(2017, 2, 1), coverage=Coverage.NO_CONTRACT)
    run(organisation)
    item = the_item(organisation)
    assert (item.owner, item.action, item.target_on, item.status) == (
        officer, ReviewAction.TENDER, date(2017, 9, 30), ReviewStatus.IN_PROGRESS)
    assert item.amount == Decimal("12100.00")


def test_an_item_a_person_acted_on_is_not_closed_when_its_spend_goes(organisation, spend, officer):
    run(organisation)
    decide(the_item(organisation), officer, owner=None, action=ReviewAction.UNDECIDED, target_on=None,
           status=ReviewStatus.OPEN)
    SpendLine.objects.filter(pk__in=[line.pk for line in spend]).update(coverage=Coverage.COVERED)
    assert run(organisation).closed == 0
    assert the_item(organisation).status == ReviewStatus.OPEN


def test_an_item_a_person_closed_is_not_reopened_by_a_run(organisation, spend, officer):
    run(organisation)
    decide(the_item(organisation), officer, action=ReviewAction.UNDECIDED,
           status=ReviewStatus.CLOSED_NO_ACTION)
    assert run(organisation) == GenerationResult(created=0, updated=0, closed=0)
    assert the_item(organisation).status == ReviewStatus.CLOSED_NO_ACTION


def test_an_exemption_without_a_reason_is_refused_and_nothing_changes(organisation, spend, officer):
    run(organisation)
    with pytest.raises(BusinessRuleViolation, match="REV-7"):
        decide(the_item(organisation), officer, action=ReviewAction.EXEMPT, action_reason=" ")
    item = the_item(organisation)
    assert (item.owner, item.action, item.status) == (None, ReviewAction.UNDECIDED, ReviewStatus.OPEN)
    decide(item, officer, action=ReviewAction.EXEMPT, action_reason="Statutory fee set by the Home Office")
    assert the_item(organisation).action_reason == "Statutory fee set by the Home Office"


def test_an_owner_must_belong_to_the_organisation(organisation, other_organisation, spend, officer,
                                                  user_with_role):
    run(organisation)
    outsider = user_with_role(Role.PROCUREMENT_OFFICER, other_organisation)
    supplier_user = user_with_role(Role.SUPPLIER_USER, organisation)
    for owner in (outsider, supplier_user):
        with pytest.raises(BusinessRuleViolation, match="REV-9"):
            decide(the_item(organisation), officer, owner=owner)
    assert the_item(organisation).owner is None


def test_decisions_are_audited_with_before_and_after(organisation, spend, officer):
    run(organisation)
    item = decide(the_item(organisation), officer)
    event = AuditEvent.objects.get(action="review_item.changed", subject_id=str(item.pk))
    assert event.actor == officer
    assert (event.before["status"], event.after["status"]) == ("open", "in_progress")


def test_progress_counts_items_by_status_and_sums_the_spend_still_to_act_on(organisation, other_organisation):
    ReviewItemFactory(organisation=organisation, amount=Decimal("1000.10"))
    ReviewItemFactory(organisation=organisation, amount=Decimal("2000.20"), status=ReviewStatus.IN_PROGRESS)
    ReviewItemFactory(organisation=organisation, amount=Decimal("9999.99"), rule=ReviewRule.SPLIT_PAYMENTS)
    ReviewItemFactory(organisation=organisation, amount=Decimal("500.00"), status=ReviewStatus.DONE,
                      action=ReviewAction.TENDER)
    ReviewItemFactory(organisation=organisation, amount=Decimal("700.00"),
                      status=ReviewStatus.CLOSED_NO_ACTION)
    ReviewItemFactory(organisation=other_organisation, amount=Decimal("800.00"))
    assert review_progress(organisation=organisation) == ReviewProgress(
        open=2, in_progress=1, done=1, closed=1, amount_open=Decimal("3000.30"))


def test_progress_of_an_organisation_without_items_is_zero(organisation):
    assert review_progress(organisation=organisation) == ReviewProgress(0, 0, 0, 0, Decimal("0.00"))
