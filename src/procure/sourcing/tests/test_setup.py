from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.sourcing import services
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Criterion, Lot, PriceItem, Tender
from procure.sourcing.tests.factories import CriterionFactory, PriceItemFactory, TenderFactory

pytestmark = pytest.mark.django_db


def _draft(organisation, **fields):
    return TenderFactory(organisation=organisation, status=TenderStatus.DRAFT, published_at=None, sealed=False,
                         **fields)


def _ready(organisation):
    """A draft that passes every check: 60/40, quality 39% + social value 1%, a price item, a document."""
    tender = _draft(organisation, award_on=date.today() + timedelta(days=30),
                    contract_starts_on=date.today() + timedelta(days=90))
    CriterionFactory(tender=tender, number="Q1", weight=Decimal("39"))
    CriterionFactory(tender=tender, number="Q2", title="Social value", weight=Decimal("1"), is_social_value=True)
    PriceItemFactory(tender=tender)
    services.tender_document_add(tender=tender, actor=None, title="Specification",
                                 upload=SimpleUploadedFile("spec.pdf", b"%PDF-1.4 specification"))
    return tender


PAGES = ["tender_detail", "tender_details", "tender_timetable", "tender_model", "lot_add", "selection_add",
         "criterion_add", "price_item_add", "document_add", "tender_publish", "tender_cancel"]
WRITE_PAGES = PAGES[1:]


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _url(name, tender):
    return reverse(f"sourcing:{name}", args=[tender.organisation.slug, tender.pk])


def test_tender_list_permission_matrix(assert_page_access, organisation):
    assert_page_access(reverse("sourcing:tender_list", args=[organisation.slug]), Role.AUDITOR, Role.SUPPLIER_USER)


@pytest.mark.parametrize("name", PAGES)
def test_every_set_up_page_opens_for_officers_and_no_one_else_outside(name, assert_page_access, organisation):
    tender = _draft(organisation)
    refused = Role.SUPPLIER_USER if name == "tender_detail" else Role.AUDITOR
    assert_page_access(_url(name, tender), Role.PROCUREMENT_OFFICER, refused)


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_budget_holders_and_auditors_cannot_change_a_tender(name, login, user_with_role, organisation):
    tender = _draft(organisation)
    for role in (Role.BUDGET_HOLDER, Role.AUDITOR, Role.EVALUATOR):
        client = login(user_with_role(role, organisation))
        assert client.post(_url(name, tender), {"title": "Changed", "reason": "x"}).status_code == 403
    tender.refresh_from_db()
    assert tender.title == "Custody suite cleaning" and tender.status == TenderStatus.DRAFT


def test_another_organisations_tender_is_not_found(login, officer, other_organisation):
    tender = _draft(other_organisation)
    other_officer_page = reverse("sourcing:tender_detail", args=[tender.organisation.slug, tender.pk])
    assert login(officer).get(other_officer_page).status_code == 403
    own_address = f"/o/lancs/tenders/{tender.pk}/"
    assert login(officer).get(own_address).status_code == 404


def test_an_officer_sets_up_a_tender_from_the_pages(officer_client, organisation):
    response = officer_client.post(reverse("sourcing:tender_create", args=[organisation.slug]), {
        "title": "Body-worn video", "contract_type": "goods", "route": "own_tender",
        "estimated_value_gross": "£240,000"})
    tender = Tender.objects.get(title="Body-worn video")
    assert response.status_code == 302 and tender.reference.startswith("LANCS-T-")
    assert tender.estimated_value_gross == Decimal("240000.00") and tender.status == TenderStatus.DRAFT
    officer_client.post(_url("lot_add", tender), {"number": "1", "title": "Cameras"})
    officer_client.post(_url("criterion_add", tender), {"number": "Q1", "title": "Method", "weight": "38",
                                                         "max_mark": "5", "minimum_mark": "2"})
    officer_client.post(_url("criterion_add", tender), {"number": "Q2", "title": "Social value", "weight": "2",
                                                         "max_mark": "5", "is_social_value": "on"})
    officer_client.post(_url("price_item_add", tender), {"number": "P1", "description": "Camera", "unit": "each",
                                                          "quantity": "1,200"})
    officer_client.post(_url("document_add", tender), {
        "title": "Specification", "upload": SimpleUploadedFile("spec.txt", b"What we need")})
    deadline = timezone.localdate() + timedelta(days=30)
    officer_client.post(_url("tender_timetable", tender), {
        **_date("clarification_on", deadline - timedelta(days=10)), "clarification_time": "17:00",
        **_date("submission_on", deadline), "submission_time": "12:00",
        **_date("award_on", deadline + timedelta(days=14)),
        **_date("contract_starts_on", date(deadline.year + 1, 4, 1)),
        **_date("contract_ends_on", date(deadline.year + 4, 3, 31))})
    tender.refresh_from_db()
    assert tender.standstill_ends_on is not None and tender.standstill_ends_on > tender.award_on
    assert f"{timezone.localtime(tender.submission_deadline):%d/%m/%Y %H:%M}" == f"{deadline:%d/%m/%Y} 12:00"
    assert Lot.objects.filter(tender=tender).count() == 1 and PriceItem.objects.get(tender=tender).quantity == 1200
    page = officer_client.get(_url("tender_detail", tender)).content.decode()
    assert "Check and publish" in page
    response = officer_client.post(_url("tender_publish", tender))
    tender.refresh_from_db()
    assert response.status_code == 302 and tender.status == TenderStatus.PUBLISHED and tender.sealed_key
    assert AuditEvent.objects.filter(action="tender.published", subject_id=str(tender.pk)).exists()


def test_a_refused_model_says_exactly_what_to_change_and_nothing_is_published(officer_client, organisation):
    tender = _ready(organisation)
    Criterion.objects.filter(tender=tender, is_social_value=True).update(weight=Decimal("0.5"))
    response = officer_client.post(_url("tender_publish", tender))
    page = response.content.decode()
    assert response.status_code == 400
    assert "add 0.5% across the questions" in page
    assert "give social value questions at least 0.5% more weight" in page
    tender.refresh_from_db()
    assert tender.status == TenderStatus.DRAFT and not tender.sealed_key


def test_a_form_error_is_shown_in_the_summary_and_the_title(officer_client, organisation):
    tender = _draft(organisation)
    response = officer_client.post(_url("tender_model", tender), {"price_weight": "sixty", "quality_weight": "40"})
    page = response.content.decode()
    assert "<title>Error:" in page and "Enter the price weight as a number, like 40 or 2.5" in page
    assert "Choose the tie-break" in page


def test_a_published_tender_cannot_change(organisation, officer):
    tender = _ready(organisation)
    services.tender_publish(tender=tender, actor=officer, now=timezone.now())
    with pytest.raises(BusinessRuleViolation, match="SRC-15"):
        services.tender_update(tender=tender, actor=officer, part="model", price_weight=Decimal("50"))
    with pytest.raises(BusinessRuleViolation, match="SRC-15"):
        services.tender_part_add(tender=tender, actor=officer, model=Lot, number=1, title="Late lot")
    tender.refresh_from_db()
    assert tender.price_weight == Decimal("60.00") and not tender.lots.exists()


def test_publishing_twice_keeps_the_first_key_and_refuses_the_second(organisation, officer):
    tender = _ready(organisation)
    published = services.tender_publish(tender=tender, actor=officer, now=timezone.now())
    key = bytes(published.sealed_key)
    with pytest.raises(BusinessRuleViolation, match="SRC-15"):
        services.tender_publish(tender=tender, actor=officer, now=timezone.now())
    tender.refresh_from_db()
    assert bytes(tender.sealed_key) == key


def test_criteria_groups_weigh_the_sum_of_their_criteria(organisation):
    from procure.sourcing.selectors import tender_criteria_tree

    tender = _draft(organisation)
    group = CriterionFactory(tender=tender, number="Q1", title="Delivery", weight=Decimal("0"))
    CriterionFactory(tender=tender, number="Q1.1", parent=group, weight=Decimal("20"))
    CriterionFactory(tender=tender, number="Q1.2", parent=group, weight=Decimal("15"))
    rows = [(criterion.number, depth, weight) for criterion, depth, weight in tender_criteria_tree(tender=tender)]
    assert rows == [("Q1", 0, Decimal("35")), ("Q1.1", 1, Decimal("20")), ("Q1.2", 1, Decimal("15"))]


def test_an_approved_need_becomes_a_draft_tender(login, officer, organisation):
    from procure.sourcing.choices import RequestStatus
    from procure.sourcing.tests.factories import ProcurementRequestFactory

    need = ProcurementRequestFactory(organisation=organisation, status=RequestStatus.APPROVED)
    url = reverse("sourcing:tender_from_request", args=[organisation.slug, need.pk])
    response = login(officer).post(url)
    tender = Tender.objects.get(request=need)
    need.refresh_from_db()
    assert response.url == reverse("sourcing:tender_detail", args=[organisation.slug, tender.pk])
    assert (tender.title, tender.estimated_value_gross, tender.contract_type) == (
        need.title, need.estimated_value_gross, need.contract_type)
    assert need.status == RequestStatus.IN_TENDER


@pytest.mark.parametrize("status", ["draft", "awaiting_board", "rejected", "in_tender"])
def test_a_need_not_approved_cannot_be_tendered(status, login, officer, organisation):
    from procure.sourcing.tests.factories import ProcurementRequestFactory

    need = ProcurementRequestFactory(organisation=organisation, status=status)
    login(officer).post(reverse("sourcing:tender_from_request", args=[organisation.slug, need.pk]))
    need.refresh_from_db()
    assert need.status == status and not Tender.objects.exists()


def test_only_buyers_of_the_organisation_tender_a_need(client, login, user_with_role, organisation,
                                                       other_organisation):
    from procure.sourcing.tests.factories import ProcurementRequestFactory

    need = ProcurementRequestFactory(organisation=organisation, status="approved")
    url = reverse("sourcing:tender_from_request", args=[organisation.slug, need.pk])
    assert client.post(url).status_code == 302
    assert login(user_with_role(Role.BUDGET_HOLDER, organisation)).post(url).status_code == 403
    assert login(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation)).post(url).status_code == 403
    assert not Tender.objects.exists()
