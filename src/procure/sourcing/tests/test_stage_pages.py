"""The pages after publication, as their users meet them: suppliers bidding, officers opening, evaluators
marking blind, moderation, the report and its PDF, the award; and each way into a sealed bid, refused."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from procure.contracts.models import Contract
from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.social_value.selectors import measure_list
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Bid, EvaluatorAssignment, Tender
from procure.sourcing.tests.factories import (
    CriterionFactory,
    PriceItemFactory,
    SelectionQuestionFactory,
    TenderFactory,
)
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db
SECRET_ANSWER = "Our unique cleaning method with ozone"


@pytest.fixture
def tender(organisation, officer):
    tender = TenderFactory(organisation=organisation, owner=officer, reference="LC-T-001",
                           submission_deadline=timezone.now() + timedelta(days=3),
                           clarification_deadline=timezone.now() + timedelta(days=1),
                           contract_starts_on=date.today() + timedelta(days=60),
                           contract_ends_on=date.today() + timedelta(days=60 + 3 * 365))
    SelectionQuestionFactory(tender=tender, number="S1")
    CriterionFactory(tender=tender, number="Q1", weight=Decimal("30"), minimum_mark=2)
    CriterionFactory(tender=tender, number="Q2", title="Social value", weight=Decimal("10"), is_social_value=True)
    PriceItemFactory(tender=tender, number="P1", quantity=Decimal("3"))
    return tender


def _supplier_user(organisation, user_with_role, name):
    supplier = SupplierFactory(organisation=organisation, name=name)
    user = user_with_role(Role.SUPPLIER_USER, organisation)
    user.email = f"bid@{name.split()[0].lower()}.example"
    user.save()
    SupplierUserFactory(user=user, supplier=supplier)
    return user


def _bid_form(tender, rate, **extra):
    question = tender.selection_questions.get()
    q1, q2 = tender.criteria.order_by("number")
    item = tender.price_items.get()
    return {f"selection_{question.pk}": "Yes", f"quality_{q1.pk}": SECRET_ANSWER,
            f"quality_{q2.pk}": "Two apprentices", f"price_{item.pk}": rate, **extra}


def _bid(client, user, tender, rate, **extra):
    client.force_login(user)
    return client.post(reverse("bidding:bid", args=[tender.organisation.slug, tender.pk]),
                       _bid_form(tender, rate, **extra))


def _pass_deadline(tender):
    Tender.objects.filter(pk=tender.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    tender.refresh_from_db()


def test_a_supplier_bids_gets_a_receipt_and_can_withdraw(client, organisation, user_with_role, tender):
    user = _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd")
    apprentices = measure_list(organisation=organisation).get(code="SV02.1")
    response = _bid(client, user, tender, "£40,000.00", sv_measure_1=str(apprentices.pk), sv_target_1="2",
                    sv_due_on_1="31/03/2028")
    bid = Bid.objects.get()
    assert response.status_code == 302 and response.url == reverse("bidding:receipt", args=[organisation.slug,
                                                                                            bid.pk])
    receipt = client.get(response.url).content.decode()
    assert bid.receipt_number in receipt and bid.receipt_sha256 in receipt and "Withdraw this bid" in receipt
    assert mail.outbox[-1].to == ["bid@pendle.example"]
    client.post(response.url)
    assert "Bid withdrawn" in client.get(response.url).content.decode()


def test_an_incomplete_bid_is_refused_with_what_is_missing(client, organisation, user_with_role, tender):
    user = _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd")
    client.force_login(user)
    page = client.post(reverse("bidding:bid", args=[organisation.slug, tender.pk]), {}).content.decode()
    assert "There is a problem" in page and "Answer quality question Q1" in page and not Bid.objects.exists()
    page = _bid(client, user, tender, "lots").content.decode()
    assert "enter a price in pounds" in page and not Bid.objects.exists()


def test_after_the_deadline_the_bid_form_refuses(client, organisation, user_with_role, tender):
    user = _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd")
    _pass_deadline(tender)
    page = _bid(client, user, tender, "40000").content.decode()
    assert "deadline passed" in page and not Bid.objects.exists()


def test_each_way_into_a_sealed_bid_fails_before_the_opening(client, organisation, user_with_role, tender,
                                                             officer):
    supplier = _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd")
    _bid(client, supplier, tender, "40000", document_1=_file())
    bid = Bid.objects.get()
    document = bid.documents.get()
    admin = user_with_role(Role.ADMINISTRATOR, organisation)
    auditor = user_with_role(Role.AUDITOR, organisation)
    detail = reverse("sourcing:bid_detail", args=[organisation.slug, tender.pk, bid.pk])
    download = reverse("sourcing:bid_document", args=[organisation.slug, tender.pk, bid.pk, document.pk])
    api = reverse("api_tender_detail", args=[organisation.slug, tender.pk])
    for person in (officer, admin, auditor):
        client.force_login(person)
        page = client.get(detail)
        assert page.status_code == 403 and SECRET_ANSWER not in page.content.decode()
        assert client.get(download).status_code == 403
        assert SECRET_ANSWER not in client.get(api).content.decode()
        assert "40000" not in client.get(reverse("sourcing:tender_bids", args=[organisation.slug, tender.pk])
                                         ).content.decode()
    with connection.cursor() as cursor:  # what a copy of the database holds
        cursor.execute("SELECT sealed_content FROM sourcing_bid")
        raw = bytes(cursor.fetchone()[0])
    assert SECRET_ANSWER.encode() not in raw and b"40000" not in raw
    # One officer, twice, after the deadline: still sealed
    _pass_deadline(tender)
    client.force_login(officer)
    bids_page = reverse("sourcing:tender_bids", args=[organisation.slug, tender.pk])
    client.post(bids_page)
    client.post(bids_page)
    assert client.get(detail).status_code == 403
    assert AuditEvent.objects.filter(action="tender.opening_confirmed").count() == 1
    # A second, different officer opens
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    client.post(bids_page)
    page = client.get(detail).content.decode()
    assert SECRET_ANSWER in page and "£120000.00" in page
    assert client.get(download).content == b"%PDF method"
    assert AuditEvent.objects.filter(action="bid.read").count() == 1
    assert AuditEvent.objects.filter(action="bid_document.read").count() == 1
    assert AuditEvent.objects.filter(action="tender.opened").count() == 1


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("method.pdf", b"%PDF method", content_type="application/pdf")


def _open(client, tender, organisation, user_with_role, officer):
    _pass_deadline(tender)
    bids_page = reverse("sourcing:tender_bids", args=[organisation.slug, tender.pk])
    client.force_login(officer)
    client.post(bids_page)
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    client.post(bids_page)
    tender.refresh_from_db()
    assert tender.status == TenderStatus.OPENED


def test_from_opened_bids_to_a_contract_through_the_pages(client, organisation, user_with_role, tender, officer):
    apprentices = measure_list(organisation=organisation).get(code="SV02.1")
    _bid(client, _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd"), tender, "40000",
         sv_measure_1=str(apprentices.pk), sv_description_1="Two apprentices from Preston", sv_target_1="2",
         sv_due_on_1="31/03/2028")
    _bid(client, _supplier_user(organisation, user_with_role, "Ribble Services Ltd"), tender, "33333.33")
    _open(client, tender, organisation, user_with_role, officer)
    slug, pk = organisation.slug, tender.pk
    evaluator = user_with_role(Role.EVALUATOR, organisation)
    client.force_login(officer)
    client.post(reverse("sourcing:tender_evaluators", args=[slug, pk]), {"evaluator": evaluator.pk})
    assignment = EvaluatorAssignment.objects.get()

    client.force_login(evaluator)
    page = client.get(reverse("sourcing:assignment", args=[slug, assignment.pk])).content.decode()
    assert "Declare any conflict of interest" in page and "Pendle" not in page
    bid = Bid.objects.get(supplier__name="Pendle Cleaning Ltd")
    assert client.get(reverse("sourcing:mark_bid", args=[slug, assignment.pk, bid.pk])).status_code == 403
    client.post(reverse("sourcing:assignment", args=[slug, assignment.pk]), {"has_conflict": "no"})
    q1, q2 = tender.criteria.order_by("number")
    for bid, marks in zip(Bid.objects.order_by("supplier__name"), ((4, 5), (3, 2)), strict=True):
        mark_url = reverse("sourcing:mark_bid", args=[slug, assignment.pk, bid.pk])
        page = client.get(mark_url).content.decode()
        assert SECRET_ANSWER in page and "40000" not in page and "33333" not in page and "£" not in page
        refused = client.post(mark_url, {f"mark_{q1.pk}": marks[0], f"mark_{q2.pk}": marks[1]}).content.decode()
        assert "Give the reasons for your mark for Q1" in refused
        client.post(mark_url, {f"mark_{q1.pk}": marks[0], f"mark_{q2.pk}": marks[1],
                               f"justification_{q1.pk}": "Clear method", f"justification_{q2.pk}": "Specific"})

    client.force_login(officer)
    moderation = reverse("sourcing:tender_moderation", args=[slug, pk])
    page = client.get(moderation).content.decode()
    assert "Clear method" in page
    data = {}
    for bid, marks in zip(Bid.objects.order_by("supplier__name"), ((4, 5), (3, 2)), strict=True):
        for criterion, mark in zip((q1, q2), marks, strict=True):
            data[f"mark-{bid.pk}-{criterion.pk}"] = str(mark)
            data[f"reason-{bid.pk}-{criterion.pk}"] = "Agreed at moderation"
    client.post(moderation, data)
    report = client.get(reverse("sourcing:tender_report", args=[slug, pk])).content.decode()
    assert "84.00" in report and "82.00" in report and "£99999.99 (lowest) ÷ £120000.00 × 60" in report
    pdf = client.get(reverse("sourcing:tender_report", args=[slug, pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    award_url = reverse("sourcing:tender_award", args=[slug, pk])
    client.post(award_url, {"action": "propose", "reasons": "Highest total score"})
    award = tender.awards.get()
    client.post(award_url, {"action": "approve", "award": award.pk})  # the proposer cannot approve
    award.refresh_from_db()
    assert award.status == "proposed"
    client.force_login(user_with_role(Role.BOARD_MEMBER, organisation))
    client.post(award_url, {"action": "approve", "award": award.pk})
    award.refresh_from_db()
    assert award.status == "approved" and award.standstill_ends_on > date.today()
    ribble = Bid.objects.get(supplier__name="Ribble Services Ltd")
    client.force_login(ribble.supplier.users.get().user)
    letters = client.get(reverse("bidding:my_bids", args=[slug])).content.decode()
    assert "Unsuccessful bid" in letters and "Successful bid" not in letters

    client.force_login(officer)
    client.post(award_url, {"action": "conclude", "award": award.pk})
    assert not Contract.objects.exists()  # still in standstill
    type(award).objects.filter(pk=award.pk).update(standstill_ends_on=date.today() - timedelta(days=1))
    client.post(award_url, {"action": "conclude", "award": award.pk})
    contract = Contract.objects.get()
    page = client.get(reverse("contracts:detail", args=[slug, contract.pk])).content.decode()
    assert "Pendle Cleaning Ltd" in page and "Two apprentices from Preston" in page


@pytest.mark.parametrize(("name", "allowed", "refused"), [
    ("sourcing:tender_bids", Role.PROCUREMENT_OFFICER, Role.EVALUATOR),
    ("sourcing:tender_clarifications", Role.AUDITOR, Role.SUPPLIER_USER),
    ("sourcing:tender_evaluators", Role.PROCUREMENT_OFFICER, Role.EVALUATOR),
    ("sourcing:tender_moderation", Role.PROCUREMENT_OFFICER, Role.EVALUATOR),
    ("sourcing:tender_award", Role.BOARD_MEMBER, Role.EVALUATOR),
])
def test_the_stage_pages_follow_the_permission_matrix(assert_page_access, tender, name, allowed, refused):
    assert_page_access(reverse(name, args=[tender.organisation.slug, tender.pk]), allowed, refused)


def test_the_report_is_for_evaluation_viewers_and_shows_nothing_before_the_opening(client, organisation,
                                                                                  user_with_role, tender):
    url = reverse("sourcing:tender_report", args=[organisation.slug, tender.pk])
    client.force_login(user_with_role(Role.EVALUATOR, organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.get(url).status_code == 403 and "Bids are sealed" in client.get(url).content.decode()


def test_supplier_pages_are_for_linked_supplier_users_and_show_only_their_own_bids(
        client, organisation, user_with_role, tender, officer):
    pendle = _supplier_user(organisation, user_with_role, "Pendle Cleaning Ltd")
    ribble = _supplier_user(organisation, user_with_role, "Ribble Services Ltd")
    _bid(client, pendle, tender, "40000")
    bid = Bid.objects.get()
    my_bids, receipt = (reverse("bidding:my_bids", args=[organisation.slug]),
                        reverse("bidding:receipt", args=[organisation.slug, bid.pk]))
    client.logout()
    assert client.get(my_bids).status_code == 302
    client.force_login(ribble)
    assert bid.receipt_number not in client.get(my_bids).content.decode()
    assert client.get(receipt).status_code == 404
    client.force_login(user_with_role(Role.SUPPLIER_USER, organisation))  # not linked to any supplier
    assert client.get(my_bids).status_code == 403
    for person in (officer, user_with_role(Role.ADMINISTRATOR, organisation)):
        client.force_login(person)
        assert client.get(my_bids).status_code == 403
        assert client.get(reverse("bidding:bid", args=[organisation.slug, tender.pk])).status_code == 403


def test_evaluators_see_only_their_own_evaluations(client, organisation, user_with_role, tender, officer):
    evaluator, other = user_with_role(Role.EVALUATOR, organisation), user_with_role(Role.EVALUATOR, organisation)
    client.force_login(officer)
    client.post(reverse("sourcing:tender_evaluators", args=[organisation.slug, tender.pk]),
                {"evaluator": evaluator.pk})
    assignment = EvaluatorAssignment.objects.get()
    client.force_login(other)
    assert client.get(reverse("sourcing:assignment", args=[organisation.slug, assignment.pk])).status_code == 404
    assert client.get(reverse("sourcing:my_evaluations", args=[organisation.slug])).status_code == 200
