"""Bids sealed and received, the opening by two officers, marking, moderation, award, standstill, contract."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from procure.contracts.models import Contract
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.social_value.tests.factories import MeasureFactory
from procure.sourcing import bidding, selectors
from procure.sourcing.award import services as award
from procure.sourcing.choices import BidStatus, RequestStatus, TenderStatus
from procure.sourcing.evaluation import selectors as evaluation_selectors
from procure.sourcing.evaluation import services as evaluation
from procure.sourcing.models import Bid
from procure.sourcing.tests.factories import (
    CriterionFactory,
    PriceItemFactory,
    ProcurementRequestFactory,
    SelectionQuestionFactory,
    TenderFactory,
)
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db
DEADLINE = timezone.make_aware(datetime(2027, 1, 15, 12, 0))


@pytest.fixture
def tender(organisation, officer):
    tender = TenderFactory(organisation=organisation, submission_deadline=DEADLINE, owner=officer,
                           clarification_deadline=DEADLINE - timedelta(days=5),
                           contract_starts_on=date(2027, 4, 1), contract_ends_on=date(2030, 3, 31),
                           request=ProcurementRequestFactory(organisation=organisation,
                                                             status=RequestStatus.IN_TENDER))
    SelectionQuestionFactory(tender=tender, number="S1")
    CriterionFactory(tender=tender, number="Q1", weight=Decimal("30"), minimum_mark=2)
    CriterionFactory(tender=tender, number="Q2", title="Social value", weight=Decimal("10"), is_social_value=True)
    PriceItemFactory(tender=tender, number="P1", quantity=Decimal("3"))
    return tender


@pytest.fixture
def people(user_with_role, organisation):
    return {role: user_with_role(role, organisation) for role in
            (Role.PROCUREMENT_OFFICER, Role.EVALUATOR, Role.BOARD_MEMBER)} | {
        "second_officer": user_with_role(Role.PROCUREMENT_OFFICER, organisation)}


def _bidder(organisation, user_with_role, name):
    supplier = SupplierFactory(organisation=organisation, name=name)
    user = user_with_role(Role.SUPPLIER_USER, organisation)
    user.email = f"bids@{name.split()[0].lower()}.example"
    user.save()
    SupplierUserFactory(user=user, supplier=supplier)
    return supplier, user


def _answers(tender, rate, offer=()):
    question = tender.selection_questions.get()
    q1, q2 = tender.criteria.order_by("number")
    item = tender.price_items.get()
    return bidding.bid_content(tender=tender, lot=None, selection={str(question.pk): "Yes: £10m with Aviva"},
                               quality={str(q1.pk): "We clean to BICSc standards", str(q2.pk): "Two apprentices"},
                               prices={str(item.pk): rate}, social_value_offer=list(offer))


def test_a_bid_is_sealed_with_a_receipt_and_a_resubmission_replaces_it(tender, organisation, user_with_role):
    supplier, user = _bidder(organisation, user_with_role, "Pendle Cleaning Ltd")
    before = DEADLINE - timedelta(hours=1)
    first = bidding.bid_submit(tender=tender, supplier=supplier, actor=user, content=_answers(tender, "40000"),
                               now=before, documents=[bidding.Upload("method.pdf", b"%PDF our method")])
    assert b"BICSc" not in bytes(first.sealed_content) and b"120000" not in bytes(first.sealed_content)
    assert len(first.receipt_sha256) == 64 and first.receipt_number.startswith(tender.reference)
    assert mail.outbox[-1].to == ["bids@pendle.example"] and first.receipt_sha256 in mail.outbox[-1].body
    second = bidding.bid_submit(tender=tender, supplier=supplier, actor=user, content=_answers(tender, "39000"),
                                now=before + timedelta(minutes=30))
    first.refresh_from_db()
    assert (first.status, second.status, second.version) == (BidStatus.SUPERSEDED, BidStatus.SUBMITTED, 2)
    bidding.bid_withdraw(bid=second, actor=user, now=before + timedelta(minutes=40))
    assert Bid.objects.get(pk=second.pk).status == BidStatus.WITHDRAWN


def test_nothing_is_taken_at_or_after_the_deadline(tender, organisation, user_with_role):
    supplier, user = _bidder(organisation, user_with_role, "Pendle Cleaning Ltd")
    early = bidding.bid_submit(tender=tender, supplier=supplier, actor=user, content=_answers(tender, "40000"),
                               now=DEADLINE - timedelta(seconds=1))
    for moment in (DEADLINE, DEADLINE + timedelta(seconds=1)):
        with pytest.raises(BusinessRuleViolation, match="deadline passed"):
            bidding.bid_submit(tender=tender, supplier=supplier, actor=user, content=_answers(tender, "1"),
                               now=moment)
        with pytest.raises(BusinessRuleViolation, match="deadline passed"):
            bidding.bid_withdraw(bid=early, actor=user, now=moment)


def test_an_incomplete_bid_says_what_is_missing(tender):
    with pytest.raises(BusinessRuleViolation, match="Answer selection question S1, quality question Q1"):
        bidding.bid_content(tender=tender, lot=None, selection={}, quality={}, prices={}, social_value_offer=[])


def test_from_two_bids_to_a_contract_with_its_social_value_commitments(tender, organisation, user_with_role,
                                                                       people):
    officer, second = people[Role.PROCUREMENT_OFFICER], people["second_officer"]
    evaluator, board = people[Role.EVALUATOR], people[Role.BOARD_MEMBER]
    apprentices = MeasureFactory(unit="people", outcome__organisation=None)
    pendle, pendle_user = _bidder(organisation, user_with_role, "Pendle Cleaning Ltd")
    ribble, ribble_user = _bidder(organisation, user_with_role, "Ribble Services Ltd")
    before = DEADLINE - timedelta(days=1)
    offer = [{"measure_id": apprentices.pk, "description": "Two apprentices from Preston", "target": "2",
              "unit": "people", "due_on": "2028-03-31"}]
    pendle_bid = bidding.bid_submit(tender=tender, supplier=pendle, actor=pendle_user, now=before,
                                    content=_answers(tender, "40000", offer))        # £120,000
    ribble_bid = bidding.bid_submit(tender=tender, supplier=ribble, actor=ribble_user, now=before,
                                    content=_answers(tender, "33333.33"))            # £99,999.99
    after = DEADLINE + timedelta(hours=1)

    with pytest.raises(BusinessRuleViolation, match="after the submission deadline"):
        bidding.tender_opening_confirm(tender=tender, officer=officer, now=before)
    bidding.tender_opening_confirm(tender=tender, officer=officer, now=after)
    with pytest.raises(BusinessRuleViolation, match="different officer"):
        bidding.tender_opening_confirm(tender=tender, officer=officer, now=after)
    with pytest.raises(BusinessRuleViolation, match="2 different officers"):
        selectors.bid_content_read(bid=pendle_bid, actor=officer, now=after)
    tender = bidding.tender_opening_confirm(tender=tender, officer=second, now=after)
    assert tender.status == TenderStatus.OPENED and AuditEvent.objects.filter(action="tender.opened").exists()

    assignment = evaluation.evaluator_assign(tender=tender, evaluator=evaluator, actor=officer)
    q1, q2 = tender.criteria.order_by("number")
    with pytest.raises(BusinessRuleViolation, match="Declare whether you have a conflict"):
        evaluation.mark_record(assignment=assignment, bid=pendle_bid, criterion=q1, mark=4, justification="x",
                               actor=evaluator)
    evaluation.conflict_declare(assignment=assignment, actor=evaluator, has_conflict=False, details="", now=after)
    with pytest.raises(BusinessRuleViolation, match="Give the reasons"):
        evaluation.mark_record(assignment=assignment, bid=pendle_bid, criterion=q1, mark=4, justification=" ",
                               actor=evaluator)
    for bid, marks in ((pendle_bid, (4, 5)), (ribble_bid, (3, 2))):
        for criterion, mark in zip((q1, q2), marks, strict=True):
            evaluation.mark_record(assignment=assignment, bid=bid, criterion=criterion, mark=mark,
                                   justification="Evidence in the answer", actor=evaluator)
            evaluation.mark_moderate(bid=bid, criterion=criterion, mark=mark, reason="Agreed", actor=officer)

    [results] = evaluation_selectors.evaluation_results(tender=tender, actor=officer, now=after)
    ranking = [(results.bids[s.key].supplier.name, s.shown_total) for s in results.scores]
    # Pendle: 99,999.99 / 120,000 x 60 = 50.00 + 24 + 10 = 84.00; Ribble: 60 + 18 + 4 = 82.00
    assert ranking == [("Pendle Cleaning Ltd", Decimal("84.00")), ("Ribble Services Ltd", Decimal("82.00"))]

    proposal = award.award_propose(tender=tender, actor=officer, reasons="Highest total score", now=after)
    with pytest.raises(BusinessRuleViolation, match="different person"):
        award.award_approve(award=proposal, actor=officer, now=after)
    notice = timezone.make_aware(datetime(2027, 3, 24, 10, 0))  # Easter 2027: Good Friday 26/3, Monday 29/3
    approved = award.award_approve(award=proposal, actor=board, now=notice)
    assert approved.standstill_ends_on == date(2027, 4, 7)
    letters = {letter.bid.supplier.name: letter for letter in approved.letters.all()}
    assert letters["Pendle Cleaning Ltd"].is_successful and not letters["Ribble Services Ltd"].is_successful
    assert "84.00" in letters["Ribble Services Ltd"].body and "82.00" in letters["Ribble Services Ltd"].body
    assert "Highest total score" in letters["Ribble Services Ltd"].body
    assert {tuple(m.to) for m in mail.outbox if "Unsuccessful" in m.subject} == {("bids@ribble.example",)}

    with pytest.raises(BusinessRuleViolation, match="standstill ends on 07/04/2027"):
        award.award_conclude(award=approved, actor=officer, now=timezone.make_aware(datetime(2027, 4, 7, 23)))
    award.award_conclude(award=approved, actor=officer, now=timezone.make_aware(datetime(2027, 4, 8, 9)))
    contract = Contract.objects.get(reference=tender.reference)
    assert list(contract.suppliers.all()) == [pendle]
    assert contract.total_value_net == Decimal("120000.00") and contract.starts_on == date(2027, 4, 1)
    [commitment] = contract.social_value_commitments.all()
    assert (commitment.measure, commitment.target, commitment.due_on) == (apprentices, Decimal("2.00"),
                                                                          date(2028, 3, 31))
    tender.refresh_from_db()
    tender.request.refresh_from_db()
    assert tender.status == TenderStatus.CONTRACTED and tender.request.status == RequestStatus.CONTRACTED
