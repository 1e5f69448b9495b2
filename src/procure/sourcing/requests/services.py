"""Writes of procurement requests and the contract procedure rules, every one audited.

A need is raised as a draft and submitted; on submission its route is suggested (SRC-30) and, above the
board threshold, it waits for the Strategic Procurement Board (SRC-32). At or below the threshold it is
approved on submission: the contract procedure rules delegate it to the budget holder by the suggested route,
and procurement can still meet it from an existing contract (SRC-35).
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procure.contracts.models import Contract
from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.governance import selectors as board_selectors
from procure.governance.choices import Decision
from procure.governance.models import AgendaItem
from procure.organisations.models import Organisation, User
from procure.sourcing.choices import RequestStatus
from procure.sourcing.models import ProcurementRequest, RouteBand
from procure.sourcing.requests import rules, selectors
from procure.sourcing.requests.defaults import DEFAULT_BANDS

REQUEST_FIELDS = ("title", "description", "justification", "contract_type", "estimated_value_gross",
                  "budget_code", "department", "category", "wanted_by")


def _audit(request: ProcurementRequest, actor: User | None, action: str, before: dict | None,
           after: dict | None) -> None:
    audit_record(actor=actor, action=action, subject=request, before=before, after=after,
                 organisation=request.organisation)


def _next_reference(organisation: Organisation, year: int) -> str:
    prefix = f"{organisation.slug.upper()}-R-{year}-"
    number = ProcurementRequest.objects.filter(organisation=organisation, reference__startswith=prefix).count() + 1
    while ProcurementRequest.objects.filter(organisation=organisation, reference=f"{prefix}{number:03d}").exists():
        number += 1
    return f"{prefix}{number:03d}"


@transaction.atomic
def procurement_request_create(*, organisation: Organisation, actor: User, **fields) -> ProcurementRequest:
    """A draft need, raised by `actor`, with a reference like SLUG-R-YEAR-NNN."""
    request = ProcurementRequest.objects.create(
        organisation=organisation, reference=_next_reference(organisation, timezone.localdate().year),
        raised_by=actor, **{name: fields[name] for name in REQUEST_FIELDS if name in fields})
    _audit(request, actor, "procurement_request.raised", None, snapshot(request))
    return request


@transaction.atomic
def procurement_request_update(*, request: ProcurementRequest, actor: User, **fields) -> ProcurementRequest:
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    rules.check_editable(request.status)
    before = snapshot(request)
    for name in REQUEST_FIELDS:
        if name in fields:
            setattr(request, name, fields[name])
    after = snapshot(request)
    if after != before:
        request.save()
        _audit(request, actor, "procurement_request.changed", before, after)
    return request


@transaction.atomic
def procurement_request_submit(*, request: ProcurementRequest, actor: User, now: datetime) -> ProcurementRequest:
    """SRC-33: Submit a draft need: its route is suggested from the rules in force today, and it goes to the
    board above the board threshold (SRC-32) or is approved at or below it."""
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    rules.check_submittable(request.status)
    before = snapshot(request)
    today = timezone.localdate(now)
    suggestion = selectors.route_suggestion(request=request, day=today)
    threshold = board_selectors.board_threshold_on(organisation=request.organisation, day=today)
    request.suggested_route, request.suggested_route_reason = suggestion.route, suggestion.reason
    request.needs_board_approval = rules.needs_board(request.estimated_value_gross, threshold)
    request.status = RequestStatus.AWAITING_BOARD if request.needs_board_approval else RequestStatus.APPROVED
    request.submitted_at = now
    request.save()
    _audit(request, actor, "procurement_request.submitted", before,
           {**snapshot(request), "reason": suggestion.reason, "board_threshold": threshold})
    return request


@transaction.atomic
def procurement_request_meet_from_contract(*, request: ProcurementRequest, contract: Contract, actor: User,
                                           today: date) -> ProcurementRequest:
    """SRC-35: An officer records that an existing live contract meets the need: nothing new is bought."""
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    live = selectors.contract_live_for(organisation=request.organisation, contract_id=contract.pk, day=today)
    rules.check_can_be_met(request.status, contract_is_live=live is not None)
    before = snapshot(request)
    request.status, request.met_by_contract = RequestStatus.MET_FROM_EXISTING, contract
    request.save(update_fields=["status", "met_by_contract", "updated_at"])
    _audit(request, actor, "procurement_request.met_from_existing", before,
           {**snapshot(request), "contract": str(contract)})
    return request


@transaction.atomic
def procurement_request_withdraw(*, request: ProcurementRequest, actor: User, reason: str) -> ProcurementRequest:
    """SRC-37: Withdraw a need, with a reason, until it is tendered or met."""
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    rules.check_withdrawable(request.status)
    if not reason.strip():
        raise BusinessRuleViolation(code="SRC-37", message="Enter the reason for withdrawing the need")
    before = snapshot(request)
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    _audit(request, actor, "procurement_request.withdrawn", before, {**snapshot(request), "reason": reason.strip()})
    return request


DECISION_STATUS = {
    Decision.APPROVE: RequestStatus.APPROVED,
    Decision.APPROVE_WITH_CONDITIONS: RequestStatus.APPROVED,
    Decision.DEFER: RequestStatus.DEFERRED,
    Decision.REJECT: RequestStatus.REJECTED,
}


@transaction.atomic
def procurement_request_board_decided(request: ProcurementRequest, item: AgendaItem, actor: User | None) -> None:
    """SRC-36: The board's decision sets the need's status: approved (with any conditions recorded), deferred
    to a later meeting, or rejected."""
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    rules.check_board_decidable(request.status)
    before = snapshot(request)
    request.status = DECISION_STATUS[Decision(item.decision)]
    if item.decision == Decision.APPROVE_WITH_CONDITIONS:
        request.approval_conditions = item.conditions
    request.save(update_fields=["status", "approval_conditions", "updated_at"])
    _audit(request, actor, "procurement_request.board_decided", before,
           {**snapshot(request), "decision": item.get_decision_display(), "meeting": str(item.meeting),
            "conditions": item.conditions, "reason": item.reason})


# The contract procedure rules

def _band_specs(bands) -> list[rules.Band]:
    return [rules.Band(b.from_value_gross, b.to_value_gross, b.route, b.description, b.effective_from)
            for b in bands]


@transaction.atomic
def route_bands_install_defaults(*, organisation: Organisation, actor: User | None) -> list[RouteBand]:
    """Give an organisation the suggested police-force bands, unless it has bands of its own."""
    if RouteBand.objects.filter(organisation=organisation).exists():
        return []
    bands = [RouteBand.objects.create(organisation=organisation, from_value_gross=band.from_value,
                                      to_value_gross=band.to_value, route=band.route,
                                      description=band.description, effective_from=band.effective_from)
             for band in DEFAULT_BANDS]
    for band in bands:
        audit_record(actor=actor, action="route_band.added", subject=band, after=snapshot(band),
                     organisation=organisation)
    return bands


@transaction.atomic
def route_band_add(*, organisation: Organisation, actor: User | None, from_value_gross: Decimal,
                   to_value_gross: Decimal | None, route: str, description: str,
                   effective_from: date) -> RouteBand:
    """SRC-31: Add a band to the rules in force from `effective_from`; bands of one date do not overlap."""
    route_bands_install_defaults(organisation=organisation, actor=actor)
    existing = list(RouteBand.objects.select_for_update().filter(organisation=organisation))
    new = RouteBand(organisation=organisation, from_value_gross=from_value_gross, to_value_gross=to_value_gross,
                    route=route, description=description.strip(), effective_from=effective_from)
    if not new.description:
        raise BusinessRuleViolation(code="SRC-31", message="Enter what the buyer does in this band")
    rules.check_bands(_band_specs([*existing, new]))
    new.save()
    audit_record(actor=actor, action="route_band.added", subject=new, after=snapshot(new),
                 organisation=organisation)
    return new


@transaction.atomic
def route_band_remove(*, band: RouteBand, actor: User | None) -> None:
    before = snapshot(band)
    audit_record(actor=actor, action="route_band.removed", subject=band, before=before,
                 organisation=band.organisation)
    band.delete()
