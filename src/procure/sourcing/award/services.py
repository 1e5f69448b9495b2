"""Writes of the award: the proposal, its approval with the outcome letters and the standstill, and, after
the standstill, the contract in the register with the winner's social value offer as its commitments."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from procure.contracts.services import contract_create
from procure.core.audit import audit_record, snapshot
from procure.core.dates import standstill_end
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import User
from procure.social_value.services import commitments_attach
from procure.sourcing import rules, selectors
from procure.sourcing.choices import AwardStatus, RequestStatus, TenderStatus
from procure.sourcing.evaluation.selectors import LotResults, evaluation_results
from procure.sourcing.models import AwardDecision, Lot, OutcomeLetter, ProcurementRequest, Tender

AWARDABLE = (TenderStatus.EVALUATION, TenderStatus.AWARD_PROPOSED)


def _audit(award: AwardDecision, actor: User | None, action: str, after: dict, before: dict | None = None) -> None:
    audit_record(actor=actor, action=action, subject=award.tender, before=before,
                 after={"award": award.pk, "lot": str(award.lot) if award.lot else None, **after},
                 organisation=award.tender.organisation)


def _lot_results(tender: Tender, lot: Lot | None, actor: User | None, now: datetime) -> LotResults:
    for results in evaluation_results(tender=tender, actor=actor, now=now):
        if results.lot == lot:
            return results
    raise BusinessRuleViolation(code="SRC-67", message="That lot is not part of this tender")


@transaction.atomic
def award_propose(*, tender: Tender, actor: User, reasons: str, now: datetime, lot: Lot | None = None) -> AwardDecision:
    """SRC-67: Propose the award to the top-ranked bid, once every mark is moderated."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if tender.status not in AWARDABLE:
        raise BusinessRuleViolation(code="SRC-67", message="Only a tender in evaluation can be awarded")
    if not reasons.strip():
        raise BusinessRuleViolation(code="SRC-67", message="Give the reasons for the award")
    results = _lot_results(tender, lot, actor, now)
    if results.unmoderated:
        raise BusinessRuleViolation(code="SRC-67", message=(
            f"{results.unmoderated} mark(s) still to moderate before the award can be proposed"))
    ranked = [score for score in results.scores if score.rank == 1]
    if not ranked:
        raise BusinessRuleViolation(code="SRC-67", message="No bid is compliant: none can be awarded")
    if AwardDecision.objects.filter(tender=tender, lot=lot).exclude(status=AwardStatus.CANCELLED).exists():
        raise BusinessRuleViolation(code="SRC-67", message="An award is already proposed")
    award = AwardDecision.objects.create(tender=tender, lot=lot, bid=results.bids[ranked[0].key],
                                         reasons=reasons.strip(), proposed_by=actor, proposed_at=now)
    tender.status = TenderStatus.AWARD_PROPOSED
    tender.save(update_fields=["status", "updated_at"])
    _audit(award, actor, "award.proposed", {"bid": award.bid.receipt_number, "supplier": str(award.bid.supplier),
                                            "total": f"{ranked[0].shown_total}", "reasons": award.reasons})
    return award


def _letter(award: AwardDecision, results: LotResults, score, winner) -> tuple[str, str]:
    bid = results.bids[score.key]
    successful = bid.pk == award.bid_id
    subject = (f"{'Successful' if successful else 'Unsuccessful'} bid: {award.tender.reference} "
               f"{award.tender.title}")
    body = render_to_string("sourcing/award/letter.txt", {
        "award": award, "tender": award.tender, "bid": bid, "score": score, "winner": winner,
        "successful": successful, "criteria": results.criteria,
        "rows": list(zip(results.criteria, score.criteria, winner.criteria, strict=True)),
    })
    return subject, body


@transaction.atomic
def award_approve(*, award: AwardDecision, actor: User, now: datetime) -> AwardDecision:
    """SRC-62: Approve the award (not by its proposer): the award notice is today, the standstill ends 8
    working days later, and every bidder gets its outcome letter."""
    award = AwardDecision.objects.select_for_update().select_related("tender", "bid").get(pk=award.pk)
    if award.status != AwardStatus.PROPOSED:
        raise BusinessRuleViolation(code="SRC-62", message="This award is not waiting for approval")
    rules.check_award_approver(proposed_by_id=award.proposed_by_id, approver_id=actor.pk)
    before = snapshot(award)
    today = timezone.localdate(now)
    award.status, award.approved_by, award.approved_at = AwardStatus.APPROVED, actor, now
    award.award_notice_on, award.standstill_ends_on = today, standstill_end(today)
    award.save()
    tender = award.tender
    tender.status, tender.standstill_ends_on = TenderStatus.STANDSTILL, award.standstill_ends_on
    tender.save(update_fields=["status", "standstill_ends_on", "updated_at"])
    results = _lot_results(tender, award.lot, actor, now)
    winner = next(score for score in results.scores if results.bids[score.key].pk == award.bid_id)
    for score in results.scores:
        subject, body = _letter(award, results, score, winner)
        bid = results.bids[score.key]
        OutcomeLetter.objects.create(award=award, bid=bid, is_successful=bid.pk == award.bid_id, subject=subject,
                                     body=body, sent_at=now)
        recipients = selectors.supplier_emails(supplier=bid.supplier)
        if recipients:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    _audit(award, actor, "award.approved", {"award_notice_on": today, "standstill_ends_on": award.standstill_ends_on,
                                            "letters": len(results.scores)}, before=before)
    return award


@transaction.atomic
def award_conclude(*, award: AwardDecision, actor: User, now: datetime) -> AwardDecision:
    """SRC-63: After the standstill, make the contract: in the register with the tender's supplier, value,
    dates, route and category, and the winner's social value offer as its commitments."""
    award = AwardDecision.objects.select_for_update().select_related("tender", "bid__supplier").get(pk=award.pk)
    if award.status != AwardStatus.APPROVED:
        raise BusinessRuleViolation(code="SRC-63", message="Only an approved award in standstill can be concluded")
    rules.check_standstill_over(standstill_ends_on=award.standstill_ends_on, today=timezone.localdate(now))
    tender = award.tender
    if not (tender.contract_starts_on and tender.contract_ends_on):
        raise BusinessRuleViolation(code="SRC-63", message="Set the contract's start and end dates in the timetable")
    content = selectors.bid_content_read(bid=award.bid, actor=actor, now=now, purpose="contract")
    reference = tender.reference if not award.lot else f"{tender.reference}-L{award.lot.number}"
    contract = contract_create(
        organisation=tender.organisation, actor=actor, reference=reference,
        title=tender.title if not award.lot else f"{tender.title}: {award.lot.title}",
        description=tender.description, starts_on=tender.contract_starts_on, ends_on=tender.contract_ends_on,
        suppliers=[award.bid.supplier], categories=[tender.category] if tender.category else [],
        department=tender.department, owner=tender.owner, route=tender.route,
        total_value_net=Decimal(content["total_price"]))
    commitments_attach(contract=contract, offer=content.get("social_value_offer") or [], actor=actor)
    before = snapshot(award)
    award.status, award.contract, award.concluded_by, award.concluded_at = (AwardStatus.CONCLUDED, contract,
                                                                            actor, now)
    award.save()
    if not AwardDecision.objects.filter(tender=tender).exclude(
            status__in=(AwardStatus.CONCLUDED, AwardStatus.CANCELLED)).exists():
        tender.status = TenderStatus.CONTRACTED
        tender.save(update_fields=["status", "updated_at"])
        if tender.request_id:
            ProcurementRequest.objects.filter(pk=tender.request_id).update(status=RequestStatus.CONTRACTED)
            audit_record(actor=actor, action="procurement_request.contracted", subject=tender.request,
                         after={"contract": contract.reference}, organisation=tender.organisation)
    _audit(award, actor, "award.concluded", {"contract": contract.reference}, before=before)
    return award
