"""From a department's need to a signed contract, in the browser: the need and the board's approval, the tender
set up and published, two suppliers bidding on the portal, the opening by two officers, blind marking and
moderation, the award and its approval, the standstill, and the contract in the register with the winner's
social value offer as its commitments.

Time passes twice (the submission deadline, then the standstill): the test moves those dates into the past in
the database, as the calendar would, rather than waiting. Pages on the way are checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from procure.contracts.models import Contract
from procure.organisations.choices import Role
from procure.organisations.models import User
from procure.organisations.tests.factories import OrganisationFactory
from procure.social_value.tests.factories import MeasureFactory
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import AwardDecision, Bid, Tender
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory
from tests.browser.conftest import sign_in
from tests.browser.test_requests_journey import (
    _check,
    _person,
    assert_accessible,
    board_approves,
    put_on_the_agenda,
    raise_need,
    tender_from_need,
)
from tests.browser.test_sourcing_journey import set_up_and_publish

pytestmark = pytest.mark.django_db(transaction=True)


def _as(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def _supplier(organisation, username, name):
    user = _person(username, Role.SUPPLIER_USER, organisation)
    user.email = f"{username}@example.org"
    user.save()
    SupplierUserFactory(user=user, supplier=SupplierFactory(organisation=organisation, name=name))


def _bid_on_the_portal(page, problems, username, *, method, rate, offer=False):
    page.context.clear_cookies()
    page.goto("/portal/lancs/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open opportunities")
    page.get_by_role("link", name="Custody suite cleaning").click()
    page.get_by_role("link", name="Bid for this opportunity").click()
    page.get_by_role("button", name="Submit bid").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _check(page, problems)
    page.get_by_label("Q1 Method statement").fill(method)
    page.get_by_label("Q2 Social value").fill("Apprenticeships for Preston school leavers")
    page.get_by_label(re.compile("P1 Annual service charge")).fill(rate)
    if offer:
        page.get_by_label("Commitment 1: measure").select_option(label="AP-J1 Apprentices on the contract (people)")
        page.get_by_label("Commitment 1: what you will deliver").fill("Two apprentices from Preston")
        page.get_by_label("Commitment 1: target").fill("2")
        page.get_by_label("Commitment 1: by when").fill("31/03/2029")
    page.get_by_role("button", name="Submit bid").click()
    expect(page.get_by_role("heading", name="Bid received")).to_be_visible()
    expect(page.get_by_text("SHA-256 of what was received")).to_be_visible()
    _check(page, problems)


def _mark(page, problems, receipt, marks):
    page.get_by_role("link", name=f"Mark bid {receipt}").click()
    expect(page.get_by_text("40000")).to_have_count(0)
    for number, mark in zip(("Q1", "Q2"), marks, strict=True):
        page.get_by_role("group", name=f"Your mark for {number}").get_by_label(re.compile(f"^{mark}:")).check()
        page.get_by_label(f"Why this mark for {number}").fill(f"Mark {mark}: the answer's evidence")
    _check(page, problems)
    page.get_by_role("button", name="Save marks").click()
    expect(page.get_by_text(f"Marks saved for bid {receipt}")).to_be_visible()


def test_from_a_need_to_a_contract_in_the_register(page):
    organisation = OrganisationFactory(slug="lancs", name="Lancashire Constabulary")
    for username, role in (("bella", Role.BUDGET_HOLDER), ("olivia", Role.PROCUREMENT_OFFICER),
                           ("oscar", Role.PROCUREMENT_OFFICER), ("bram", Role.BOARD_MEMBER),
                           ("eve", Role.EVALUATOR)):
        _person(username, role, organisation)
    MeasureFactory(code="AP-J1", name="Apprentices on the contract", unit="people", outcome__organisation=None)
    _supplier(organisation, "pendle", "Pendle Cleaning Ltd")
    _supplier(organisation, "ribble", "Ribble Services Ltd")
    problems: dict[str, list] = {}

    # The need, the board, the tender
    _as(page, "bella")
    raise_need(page, problems)
    _as(page, "olivia")
    put_on_the_agenda(page, problems)
    _as(page, "bram")
    board_approves(page, problems)
    _as(page, "olivia")
    tender_from_need(page, problems)
    tender = set_up_and_publish(page, title="Custody suite cleaning")

    # Two suppliers bid on the portal
    page.context.clear_cookies()
    page.goto("/portal/lancs/")
    _check(page, problems)
    _bid_on_the_portal(page, problems, "pendle", method="Daily cleans to BICSc standards", rate="40000",
                       offer=True)
    _bid_on_the_portal(page, problems, "ribble", method="Weekly deep cleans", rate="33333.33")

    # The deadline passes; two officers open the bids
    Tender.objects.filter(pk=tender.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    _as(page, "olivia")
    page.goto(f"/o/lancs/tenders/{tender.pk}/")
    page.get_by_role("link", name="Bids received and the opening").click()
    page.get_by_role("button", name="Confirm the opening").click()
    expect(page.get_by_text("a second officer must confirm the opening")).to_be_visible()
    _check(page, problems)
    _as(page, "oscar")
    page.goto(f"/o/lancs/tenders/{tender.pk}/bids/")
    page.get_by_role("button", name="Confirm the opening").click()
    expect(page.get_by_text("the bids are open")).to_be_visible()
    expect(page.get_by_role("link", name="Pendle Cleaning Ltd")).to_be_visible()

    # An evaluator, assigned, declares and marks blind
    _as(page, "olivia")
    page.goto(f"/o/lancs/tenders/{tender.pk}/evaluators/")
    page.get_by_label("Evaluator").select_option(value=str(User.objects.get(username="eve").pk))
    page.get_by_role("button", name="Assign evaluator").click()
    expect(page.locator(".govuk-notification-banner").get_by_text(re.compile("assigned$"))).to_be_visible()
    _check(page, problems)
    _as(page, "eve")
    page.get_by_role("link", name="Your evaluations").click()
    page.get_by_role("link", name=re.compile("Custody suite cleaning")).click()
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Make declaration").click()
    expect(page.get_by_role("heading", name="Bids to mark")).to_be_visible()
    pendle = Bid.objects.get(supplier__name="Pendle Cleaning Ltd")
    ribble = Bid.objects.get(supplier__name="Ribble Services Ltd")
    _mark(page, problems, pendle.receipt_number, (5, 5))
    _mark(page, problems, ribble.receipt_number, (3, 2))

    # Moderation, the report, the award
    _as(page, "olivia")
    page.goto(f"/o/lancs/tenders/{tender.pk}/moderation/")
    q1, q2 = tender.criteria.order_by("number")
    for bid, marks in ((pendle, (5, 5)), (ribble, (3, 2))):
        for criterion, mark in zip((q1, q2), marks, strict=True):
            page.locator(f"#mark-{bid.pk}-{criterion.pk}").select_option(str(mark))
            page.locator(f"#reason-{bid.pk}-{criterion.pk}").fill("Agreed with the evaluator")
    _check(page, problems)
    page.get_by_role("button", name="Save moderated marks").click()
    expect(page.get_by_text("4 moderated marks saved")).to_be_visible()
    page.goto(f"/o/lancs/tenders/{tender.pk}/report/")
    # Pendle: 99,999.99 / 120,000 x 60 = 50.00 + 36 + 4 = 90.00; Ribble: 60 + 21.6 + 1.6 = 83.20
    expect(page.get_by_role("cell", name="90.00")).to_be_visible()
    expect(page.get_by_role("cell", name="83.20")).to_be_visible()
    _check(page, problems)
    page.goto(f"/o/lancs/tenders/{tender.pk}/award/")
    page.get_by_label("Reasons for the award").fill("The highest total score: best quality, within budget")
    page.get_by_role("button", name="Propose the award").click()
    expect(page.get_by_text("it now needs approval")).to_be_visible()
    _as(page, "bram")
    page.goto(f"/o/lancs/tenders/{tender.pk}/award/")
    page.get_by_role("button", name="Approve the award").click()
    expect(page.get_by_text(re.compile("outcome letters sent; the standstill ends on"))).to_be_visible()
    _check(page, problems)

    # The losing bidder reads its letter
    _as(page, "ribble")
    page.goto("/portal/lancs/bids/")
    page.get_by_role("link", name=re.compile("Unsuccessful bid")).click()
    expect(page.get_by_text(re.compile("intend to award the contract to Pendle Cleaning Ltd"))).to_be_visible()

    # The standstill ends; the contract is made
    AwardDecision.objects.update(standstill_ends_on=timezone.localdate() - timedelta(days=1))
    _as(page, "olivia")
    page.goto(f"/o/lancs/tenders/{tender.pk}/award/")
    page.get_by_role("button", name="Make the contract").click()
    expect(page.get_by_text(re.compile("is in the register"))).to_be_visible()
    page.get_by_role("link", name=re.compile("Custody suite cleaning")).last.click()
    expect(page.get_by_text("Two apprentices from Preston")).to_be_visible()
    expect(page.get_by_role("link", name="Pendle Cleaning Ltd")).to_be_visible()
    _check(page, problems)
    contract = Contract.objects.get()
    assert list(contract.suppliers.values_list("name", flat=True)) == ["Pendle Cleaning Ltd"]
    assert Tender.objects.get(pk=tender.pk).status == TenderStatus.CONTRACTED
    assert_accessible(problems)
