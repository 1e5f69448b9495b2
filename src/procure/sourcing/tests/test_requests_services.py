from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from procure.contracts.tests.factories import CategoryFactory, ContractFactory, FrameworkFactory
from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.governance import selectors as board_selectors
from procure.governance import services as board
from procure.governance.choices import Decision
from procure.governance.tests.factories import BoardMeetingFactory
from procure.organisations.choices import Role
from procure.sourcing.choices import ContractType, RequestStatus, SuggestedRoute
from procure.sourcing.models import RouteBand
from procure.sourcing.requests import selectors, services
from procure.sourcing.tests.factories import ProcurementRequestFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _submitted(organisation, value="150000.00", **fields):
    need = ProcurementRequestFactory(organisation=organisation, estimated_value_gross=D(value), **fields)
    return services.procurement_request_submit(request=need, actor=need.raised_by, now=timezone.now())


def test_raising_a_need_gives_a_draft_with_a_reference(organisation, user_with_role):
    holder = user_with_role(Role.BUDGET_HOLDER, organisation)
    need = services.procurement_request_create(
        organisation=organisation, actor=holder, title="Drone batteries", justification="Flights are cut short",
        contract_type=ContractType.GOODS, estimated_value_gross=D("8000.00"), budget_code="OPS-12",
        wanted_by=date.today() + timedelta(days=30))
    assert need.status == RequestStatus.DRAFT and need.raised_by == holder
    assert need.reference == f"LANCS-R-{timezone.localdate().year}-001"
    assert audit_history(need).first().action == "procurement_request.raised"


def test_a_need_above_the_board_threshold_waits_for_the_board(organisation):
    need = _submitted(organisation, "150000.00")
    assert need.status == RequestStatus.AWAITING_BOARD and need.needs_board_approval
    assert need.suggested_route == SuggestedRoute.TENDER
    assert "£150,000.00 falls in our contract procedure rules' band" in need.suggested_route_reason


def test_a_need_at_or_below_the_board_threshold_is_approved_on_submission(organisation):
    need = _submitted(organisation, "100000.00")
    assert need.status == RequestStatus.APPROVED and not need.needs_board_approval


def test_the_board_threshold_is_configurable_per_organisation(organisation):
    board.board_threshold_set(organisation=organisation, value_gross=D("250000"), effective_from=date(2026, 1, 1),
                              actor=None)
    assert _submitted(organisation, "200000.00").status == RequestStatus.APPROVED


def test_a_need_is_submitted_once(organisation):
    need = _submitted(organisation)
    with pytest.raises(BusinessRuleViolation, match="SRC-33"):
        services.procurement_request_submit(request=need, actor=need.raised_by, now=timezone.now())


def test_a_live_contract_in_the_category_is_suggested_first_and_can_meet_the_need(organisation, officer):
    category = CategoryFactory()
    contract = ContractFactory(organisation=organisation, categories=[category], ends_on=date.today() + timedelta(90))
    FrameworkFactory(organisation=organisation)
    need = _submitted(organisation, "30000.00", category=category)
    assert need.suggested_route == SuggestedRoute.EXISTING_CONTRACT
    assert contract.reference in need.suggested_route_reason
    need = services.procurement_request_meet_from_contract(request=need, contract=contract, actor=officer,
                                                           today=date.today())
    assert need.status == RequestStatus.MET_FROM_EXISTING and need.met_by_contract == contract


def test_a_framework_contracts_in_the_category_are_called_off_from_comes_before_a_new_tender(organisation):
    category = CategoryFactory()
    framework = FrameworkFactory(organisation=organisation)
    ContractFactory(organisation=organisation, categories=[category], framework=framework,
                    starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))
    existing = selectors.existing_arrangements(organisation=organisation, category=category, day=date.today())
    assert existing.contracts == [] and existing.frameworks == [framework]
    assert _submitted(organisation, "60000", category=category).suggested_route == SuggestedRoute.FRAMEWORK_CALL_OFF


def test_an_expired_contract_cannot_meet_a_need(organisation, officer):
    contract = ContractFactory(organisation=organisation, starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))
    need = _submitted(organisation)
    with pytest.raises(BusinessRuleViolation, match="live today"):
        services.procurement_request_meet_from_contract(request=need, contract=contract, actor=officer,
                                                        today=date.today())
    need.refresh_from_db()
    assert need.status == RequestStatus.AWAITING_BOARD


def test_the_board_approves_with_conditions_and_the_need_shows_it(organisation, officer, user_with_role):
    member = user_with_role(Role.BOARD_MEMBER, organisation)
    need = _submitted(organisation)
    meeting = BoardMeetingFactory(organisation=organisation)
    [item] = board.agenda_add_pending(meeting=meeting, actor=officer)
    assert item.title == str(need) and "£150,000.00 including VAT" in item.summary
    board.agenda_item_decide(item=item, actor=member, decision=Decision.APPROVE_WITH_CONDITIONS,
                             conditions="Include a social value criterion of 10%", minutes="Agreed unanimously",
                             now=timezone.now())
    need.refresh_from_db()
    assert need.status == RequestStatus.APPROVED
    assert need.approval_conditions == "Include a social value criterion of 10%"
    timeline = selectors.request_timeline(request=need)
    board_entry = next(entry for entry in timeline if entry.what.startswith("Board:"))
    assert board_entry.what.startswith("Board: Approve with conditions")
    assert "Minutes: Agreed unanimously" in board_entry.detail
    assert [entry.what for entry in timeline if not entry.what.startswith("Board:")] == [
        "Put on the board's agenda", "Submitted"]


@pytest.mark.parametrize(("decision", "status"), [(Decision.APPROVE, RequestStatus.APPROVED),
                                                  (Decision.DEFER, RequestStatus.DEFERRED),
                                                  (Decision.REJECT, RequestStatus.REJECTED)])
def test_each_board_decision_sets_the_need_status(decision, status, organisation, user_with_role):
    member = user_with_role(Role.BOARD_MEMBER, organisation)
    need = _submitted(organisation)
    item = board.agenda_item_add(meeting=BoardMeetingFactory(organisation=organisation), subject=need, actor=None)
    board.agenda_item_decide(item=item, actor=member, decision=decision, reason="Not value for money",
                             now=timezone.now())
    need.refresh_from_db()
    assert need.status == status


def test_a_deferred_need_goes_on_a_later_agenda(organisation, user_with_role):
    member = user_with_role(Role.BOARD_MEMBER, organisation)
    need = _submitted(organisation)
    item = board.agenda_item_add(meeting=BoardMeetingFactory(organisation=organisation), subject=need, actor=None)
    board.agenda_item_decide(item=item, actor=member, decision=Decision.DEFER, now=timezone.now())
    later = BoardMeetingFactory(organisation=organisation)
    assert board_selectors.pending_subjects(organisation=organisation, meeting=later) == [need]


def test_a_need_already_met_cannot_be_decided_and_nothing_is_recorded(organisation, officer, user_with_role):
    member = user_with_role(Role.BOARD_MEMBER, organisation)
    need = _submitted(organisation)
    item = board.agenda_item_add(meeting=BoardMeetingFactory(organisation=organisation), subject=need, actor=None)
    services.procurement_request_meet_from_contract(request=need, contract=ContractFactory(organisation=organisation),
                                                    actor=officer, today=date.today())
    with pytest.raises(BusinessRuleViolation, match="SRC-36"):
        board.agenda_item_decide(item=item, actor=member, decision=Decision.APPROVE, now=timezone.now())
    item.refresh_from_db()
    assert item.decision == ""


def test_only_pending_needs_go_on_an_agenda_and_only_once(organisation):
    need = _submitted(organisation)
    meeting = BoardMeetingFactory(organisation=organisation)
    board.agenda_item_add(meeting=meeting, subject=need, actor=None)
    with pytest.raises(BusinessRuleViolation, match="already on the meeting's agenda"):
        board.agenda_item_add(meeting=meeting, subject=need, actor=None)
    with pytest.raises(BusinessRuleViolation, match="not waiting"):
        board.agenda_item_add(meeting=meeting, subject=_submitted(organisation, "500.00"), actor=None)


def test_bands_can_be_changed_and_overlaps_are_refused(organisation, officer):
    services.route_band_add(organisation=organisation, actor=officer, from_value_gross=D("0"),
                            to_value_gross=D("25000"), route=SuggestedRoute.QUOTES, description="three quotes",
                            effective_from=date(2026, 4, 1))
    with pytest.raises(BusinessRuleViolation, match="SRC-31"):
        services.route_band_add(organisation=organisation, actor=officer, from_value_gross=D("20000"),
                                to_value_gross=None, route=SuggestedRoute.TENDER, description="tender",
                                effective_from=date(2026, 4, 1))
    assert RouteBand.objects.filter(organisation=organisation).count() == 4  # three suggested + one
    band = services.route_band_add(organisation=organisation, actor=officer, from_value_gross=D("25000"),
                                   to_value_gross=None, route=SuggestedRoute.TENDER, description="tender",
                                   effective_from=date(2026, 4, 1))
    assert _submitted(organisation, "20000").suggested_route_reason.endswith("three quotes")
    services.route_band_remove(band=band, actor=officer)
    assert "No contract procedure rule covers £30,000.00" in _submitted(organisation, "30000").suggested_route_reason


def test_a_withdrawn_need_needs_a_reason(organisation):
    need = _submitted(organisation)
    with pytest.raises(BusinessRuleViolation, match="Enter the reason"):
        services.procurement_request_withdraw(request=need, actor=need.raised_by, reason=" ")
    assert services.procurement_request_withdraw(request=need, actor=need.raised_by,
                                                 reason="Budget cut").status == RequestStatus.WITHDRAWN

