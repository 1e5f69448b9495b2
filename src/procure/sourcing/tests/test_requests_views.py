from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procure.contracts.choices import CategoryScheme
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.governance import services as board
from procure.governance.choices import Decision
from procure.governance.models import AgendaItem
from procure.governance.tests.factories import BoardMeetingFactory
from procure.organisations.choices import Role
from procure.sourcing.choices import RequestStatus
from procure.sourcing.models import ProcurementRequest, RouteBand, Tender
from procure.sourcing.requests import services
from procure.sourcing.tests.factories import ProcurementRequestFactory

pytestmark = pytest.mark.django_db


def _url(name, organisation, *args):
    return reverse(f"procurement_requests:{name}", args=[organisation.slug, *args])


def _board(name, organisation, *args):
    return reverse(f"governance:{name}", args=[organisation.slug, *args])


def _awaiting(organisation, value="150000.00", **fields):
    need = ProcurementRequestFactory(organisation=organisation, estimated_value_gross=Decimal(value), **fields)
    return services.procurement_request_submit(request=need, actor=need.raised_by, now=timezone.now())


def _form(**overrides):
    wanted = date.today() + timedelta(days=60)
    return {"title": "Drone batteries", "justification": "Flights are cut short", "contract_type": "goods",
            "estimated_value_gross": "£8,000", "budget_code": "OPS-12", "wanted_by_day": wanted.day,
            "wanted_by_month": wanted.month, "wanted_by_year": wanted.year, **overrides}


# The permission matrix of every page

@pytest.mark.parametrize(("name", "allowed", "refused"), [
    ("request_list", Role.BUDGET_HOLDER, Role.EVALUATOR),
    ("request_create", Role.BUDGET_HOLDER, Role.AUDITOR),
    ("route_bands", Role.AUDITOR, Role.SUPPLIER_USER),
])
def test_request_pages_permission_matrix(name, allowed, refused, assert_page_access, organisation):
    assert_page_access(_url(name, organisation), allowed, refused)


def test_request_detail_permission_matrix(assert_page_access, organisation):
    assert_page_access(_url("request_detail", organisation, _awaiting(organisation).pk), Role.BOARD_MEMBER,
                       Role.EVALUATOR)


@pytest.mark.parametrize("name", ["request_edit", "request_withdraw"])
def test_request_change_and_withdraw_pages_open_for_procurement(name, assert_page_access, organisation):
    need = ProcurementRequestFactory(organisation=organisation)
    assert_page_access(_url(name, organisation, need.pk), Role.PROCUREMENT_OFFICER, Role.AUDITOR)


def test_a_budget_holder_changes_only_the_needs_they_raised(login, user_with_role, organisation):
    need = ProcurementRequestFactory(organisation=organisation)
    other_holder = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert other_holder.get(_url("request_edit", organisation, need.pk)).status_code == 403
    assert other_holder.post(_url("request_submit", organisation, need.pk)).status_code == 403
    need.refresh_from_db()
    assert need.status == RequestStatus.DRAFT
    assert login(need.raised_by).get(_url("request_detail", organisation, need.pk)).status_code == 403  # no role


@pytest.mark.parametrize(("name", "allowed", "refused"), [
    ("meeting_list", Role.AUDITOR, Role.BUDGET_HOLDER),
    ("meeting_create", Role.PROCUREMENT_OFFICER, Role.BOARD_MEMBER),
    ("board_threshold", Role.PROCUREMENT_OFFICER, Role.BOARD_MEMBER),
])
def test_board_pages_permission_matrix(name, allowed, refused, assert_page_access, organisation):
    assert_page_access(_board(name, organisation), allowed, refused)


def test_meeting_page_permission_matrix(assert_page_access, organisation):
    meeting = BoardMeetingFactory(organisation=organisation)
    board.agenda_item_add(meeting=meeting, subject=_awaiting(organisation), actor=None)
    assert_page_access(_board("meeting_detail", organisation, meeting.pk), Role.BOARD_MEMBER, Role.EVALUATOR)


def test_decision_page_permission_matrix(assert_page_access, organisation):
    meeting = BoardMeetingFactory(organisation=organisation)
    item = board.agenda_item_add(meeting=meeting, subject=_awaiting(organisation), actor=None)
    assert_page_access(_board("agenda_item_decide", organisation, meeting.pk, item.pk), Role.BOARD_MEMBER,
                       Role.PROCUREMENT_OFFICER)


def test_refused_posts_change_nothing(login, user_with_role, organisation):
    need = _awaiting(organisation)
    meeting = BoardMeetingFactory(organisation=organisation)
    item = board.agenda_item_add(meeting=meeting, subject=need, actor=None)
    holder = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    contract = ContractFactory(organisation=organisation)
    assert holder.post(_url("request_meet", organisation, need.pk), {"contract": contract.pk}).status_code == 403
    officer = login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    assert officer.post(_board("agenda_item_decide", organisation, meeting.pk, item.pk),
                        {"decision": "approve"}).status_code == 403
    member = login(user_with_role(Role.BOARD_MEMBER, organisation))
    assert member.post(_board("agenda_add", organisation, meeting.pk), {"subject": "all"}).status_code == 403
    assert member.post(_board("agenda_item_remove", organisation, meeting.pk, item.pk)).status_code == 403
    assert member.post(_url("route_bands", organisation), {"from_value_gross": "0"}).status_code == 403
    need.refresh_from_db()
    item.refresh_from_db()
    assert need.status == RequestStatus.AWAITING_BOARD and item.decision == "" and AgendaItem.objects.count() == 1
    assert not RouteBand.objects.filter(organisation=organisation).exists()


def test_another_organisations_need_is_not_found(officer_client, other_organisation):
    need = ProcurementRequestFactory(organisation=other_organisation)
    assert officer_client.get(f"/o/lancs/requests/{need.pk}/").status_code == 404


# Journeys

def test_a_budget_holder_raises_a_need_sees_what_exists_and_submits_it(login, user_with_role, organisation):
    holder = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    category = CategoryFactory(scheme=CategoryScheme.PROCLASS)
    ContractFactory(organisation=organisation, categories=[category], title="Drone supply and support")
    response = holder.post(_url("request_create", organisation), _form(category=category.pk))
    need = ProcurementRequest.objects.get()
    assert response.status_code == 302 and need.status == RequestStatus.DRAFT
    page = holder.get(_url("request_detail", organisation, need.pk)).content.decode()
    assert "Drone supply and support" in page and "If submitted today" in page and "Submit the need" in page
    holder.post(_url("request_submit", organisation, need.pk))
    need.refresh_from_db()
    assert need.status == RequestStatus.APPROVED and need.suggested_route == "existing_contract"


def test_bad_input_shows_errors_not_a_crash(login, user_with_role, organisation):
    holder = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    response = holder.post(_url("request_create", organisation),
                           _form(title="", estimated_value_gross="lots", wanted_by_day="31", wanted_by_month="2"))
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in page
    for message in ("Enter what is needed", "Enter the estimated whole-life value including VAT as an amount",
                    "The date it is wanted by must be a real date"):
        assert message in page
    assert not ProcurementRequest.objects.exists()


def test_the_register_filters_and_exports(officer_client, organisation):
    _awaiting(organisation, title="Custody cleaning")
    ProcurementRequestFactory(organisation=organisation, title="Fleet tyres")
    page = officer_client.get(_url("request_list", organisation), {"status": "awaiting_board"}).content.decode()
    assert "Custody cleaning" in page and "Fleet tyres" not in page
    export = officer_client.get(_url("request_list", organisation), {"_export": "csv", "search": "tyres"})
    assert export.status_code == 200 and b"Fleet tyres" in b"".join(export.streaming_content
                                                                   if export.streaming else [export.content])


def test_an_officer_meets_a_need_from_an_existing_contract(officer_client, organisation):
    need = _awaiting(organisation)
    contract = ContractFactory(organisation=organisation)
    response = officer_client.post(_url("request_meet", organisation, need.pk), {"contract": contract.pk},
                                   follow=True)
    need.refresh_from_db()
    assert need.status == RequestStatus.MET_FROM_EXISTING
    assert "nothing new is bought" in response.content.decode()


def test_the_board_builds_an_agenda_and_decides_and_the_need_shows_it(login, user_with_role, organisation):
    officer_user = user_with_role(Role.PROCUREMENT_OFFICER, organisation)
    officer = login(officer_user)
    first, second = _awaiting(organisation), _awaiting(organisation, title="Firearms range refit")
    officer.post(_board("meeting_create", organisation), {"title": "Board", "meets_on": "14/01/2027"})
    meeting = organisation.board_meetings.get()
    officer.post(_board("agenda_add", organisation, meeting.pk), {"subject": "all"})
    assert meeting.items.count() == 2
    member = login(user_with_role(Role.BOARD_MEMBER, organisation))
    item = meeting.items.get(subject_id=first.pk)
    refused = member.post(_board("agenda_item_decide", organisation, meeting.pk, item.pk),
                          {"decision": "approve_with_conditions"})
    assert "Enter the conditions of the approval" in refused.content.decode()
    member.post(_board("agenda_item_decide", organisation, meeting.pk, item.pk),
                {"decision": "approve_with_conditions", "conditions": "Use a Bluelight framework",
                 "minutes": "Discussed the timetable"})
    rejected = meeting.items.get(subject_id=second.pk)
    member.post(_board("agenda_item_decide", organisation, meeting.pk, rejected.pk),
                {"decision": "reject", "reason": "No budget this year"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (RequestStatus.APPROVED, RequestStatus.REJECTED)
    officer = login(officer_user)
    page = officer.get(_url("request_detail", organisation, first.pk)).content.decode()
    assert "Board: Approve with conditions" in page and "Minutes: Discussed the timetable" in page
    assert "Approved on conditions: Use a Bluelight framework" in page and "Set up a tender" in page
    officer.post(reverse("sourcing:tender_from_request", args=[organisation.slug, first.pk]))
    assert Tender.objects.get().request == first


def test_the_set_up_a_tender_button_is_only_for_tender_managers(login, user_with_role, organisation):
    need = _awaiting(organisation, "5000.00")
    holder = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert "Set up a tender" not in holder.get(_url("request_detail", organisation, need.pk)).content.decode()


def test_an_officer_adds_a_band_and_overlaps_show_as_errors(officer_client, organisation):
    form = {"from_value_gross": "0", "to_value_gross": "25000", "route": "quotes", "description": "three quotes",
            "effective_from_day": "1", "effective_from_month": "4", "effective_from_year": "2027"}
    assert officer_client.post(_url("route_bands", organisation), form).status_code == 302
    response = officer_client.post(_url("route_bands", organisation), {**form, "from_value_gross": "20000"})
    assert "overlaps the band from £0.00" in response.content.decode()
    assert RouteBand.objects.filter(organisation=organisation).count() == 4


def test_the_board_threshold_is_set_from_its_page(officer_client, organisation):
    officer_client.post(_board("board_threshold", organisation), {"value_gross": "£250,000",
                                                                  "effective_from": "01/01/2026"})
    assert _awaiting(organisation, "200000").status == RequestStatus.APPROVED


def test_a_decided_item_cannot_be_decided_again(login, user_with_role, organisation):
    meeting = BoardMeetingFactory(organisation=organisation)
    item = board.agenda_item_add(meeting=meeting, subject=_awaiting(organisation), actor=None)
    member = user_with_role(Role.BOARD_MEMBER, organisation)
    board.agenda_item_decide(item=item, actor=member, decision=Decision.DEFER, now=timezone.now())
    response = login(member).post(_board("agenda_item_decide", organisation, meeting.pk, item.pk),
                                  {"decision": "approve"})
    assert "already decided" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == Decision.DEFER


def test_the_register_reads_a_page_in_a_fixed_number_of_queries(officer_client, organisation,
                                                                 django_assert_max_num_queries):
    for _ in range(30):
        _awaiting(organisation)
    with django_assert_max_num_queries(9):
        assert officer_client.get(_url("request_list", organisation)).status_code == 200


def test_the_meeting_list_reads_in_a_fixed_number_of_queries(officer_client, organisation,
                                                             django_assert_max_num_queries):
    for _ in range(10):
        board.agenda_item_add(meeting=BoardMeetingFactory(organisation=organisation), subject=_awaiting(organisation),
                              actor=None)
    with django_assert_max_num_queries(8):
        assert officer_client.get(_board("meeting_list", organisation)).status_code == 200


def test_the_requests_api_permission_matrix_and_content(client, organisation, other_organisation, user_with_role):
    from rest_framework.test import APIClient

    api = APIClient()
    need = _awaiting(organisation, title="Fleet tyres")
    for url in (reverse("api_request_list", args=[organisation.slug]),
                reverse("api_request_detail", args=[organisation.slug, need.pk])):
        assert api.get(url).status_code in (401, 403)
        api.force_authenticate(user_with_role(Role.EVALUATOR, organisation))
        assert api.get(url).status_code == 403
        api.force_authenticate(user_with_role(Role.BUDGET_HOLDER, other_organisation))
        assert api.get(url).status_code == 403
        api.force_authenticate(user_with_role(Role.BUDGET_HOLDER, organisation))
        assert api.get(url).status_code == 200
        assert api.post(url, {"title": "x"}).status_code in (403, 405)
        api.force_authenticate(None)
    api.force_authenticate(user_with_role(Role.AUDITOR, organisation))
    row = api.get(reverse("api_request_list", args=[organisation.slug])).json()["results"][0]
    assert (row["title"], row["status"], row["estimated_value_gross"]) == ("Fleet tyres", "awaiting_board",
                                                                           "150000.00")


def test_meeting_minutes_page_permission_matrix(assert_page_access, organisation):
    meeting = BoardMeetingFactory(organisation=organisation)
    assert_page_access(_board("meeting_minutes", organisation, meeting.pk), Role.BOARD_MEMBER, Role.AUDITOR)


def test_minutes_mark_the_meeting_held(officer_client, organisation):
    meeting = BoardMeetingFactory(organisation=organisation)
    refused = officer_client.post(_board("meeting_minutes", organisation, meeting.pk), {"minutes": " "})
    assert "Enter the minutes of the meeting" in refused.content.decode()
    officer_client.post(_board("meeting_minutes", organisation, meeting.pk), {"minutes": "Present: the Chief "
                                                                                        "Finance Officer"})
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.minutes.startswith("Present")
    assert "Present: the Chief Finance Officer" in officer_client.get(
        _board("meeting_detail", organisation, meeting.pk)).content.decode()
