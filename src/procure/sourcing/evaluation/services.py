"""Writes of evaluation: assigning evaluators, conflict declarations, independent marks, moderation."""

from datetime import datetime

from django.db import transaction

from procure.core.audit import audit_record
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import User
from procure.organisations.selectors import user_has_permission
from procure.sourcing import rules
from procure.sourcing.choices import TenderStatus
from procure.sourcing.evaluation import selectors
from procure.sourcing.models import (
    Bid,
    Criterion,
    EvaluatorAssignment,
    Lot,
    Mark,
    ModeratedMark,
    Tender,
)


def _audit(tender: Tender, actor: User | None, action: str, after: dict, before: dict | None = None,
           subject=None) -> None:
    audit_record(actor=actor, action=action, subject=subject or tender, before=before, after=after,
                 organisation=tender.organisation)


@transaction.atomic
def evaluator_assign(*, tender: Tender, evaluator: User, actor: User, lot: Lot | None = None,
                     criterion: Criterion | None = None) -> EvaluatorAssignment:
    """SRC-64: Evaluators are people who may mark in this organisation, assigned once per scope."""
    if tender.status in (TenderStatus.DRAFT, TenderStatus.CANCELLED, TenderStatus.CONTRACTED):
        raise BusinessRuleViolation(code="SRC-64", message="Evaluators are assigned once the tender is published")
    if not user_has_permission(evaluator, tender.organisation, "evaluation.mark"):
        raise BusinessRuleViolation(code="SRC-64", message=f"{evaluator} is not an evaluator in this organisation")
    if EvaluatorAssignment.objects.filter(tender=tender, evaluator=evaluator, lot=lot, criterion=criterion).exists():
        raise BusinessRuleViolation(code="SRC-64", message=f"{evaluator} is already assigned to that")
    assignment = EvaluatorAssignment.objects.create(tender=tender, evaluator=evaluator, lot=lot,
                                                    criterion=criterion, assigned_by=actor)
    _audit(tender, actor, "evaluation.evaluator_assigned", {"evaluator": evaluator.username,
                                                            "scope": str(assignment)})
    return assignment


@transaction.atomic
def evaluator_unassign(*, assignment: EvaluatorAssignment, actor: User) -> None:
    if assignment.marks.exists():
        raise BusinessRuleViolation(code="SRC-64", message="This evaluator has marked already: the marks are kept")
    _audit(assignment.tender, actor, "evaluation.evaluator_removed", {"evaluator": assignment.evaluator.username},
           before={"scope": str(assignment)})
    assignment.delete()


@transaction.atomic
def conflict_declare(*, assignment: EvaluatorAssignment, actor: User, has_conflict: bool, details: str,
                     now: datetime) -> EvaluatorAssignment:
    """The evaluator's own declaration, made once, before anything of the bids is shown."""
    if actor.pk != assignment.evaluator_id:
        raise BusinessRuleViolation(code="SRC-65", message="Only the evaluator can make their declaration")
    if assignment.has_conflict is not None:
        raise BusinessRuleViolation(code="SRC-65", message="You have already made your declaration")
    if has_conflict and not details.strip():
        raise BusinessRuleViolation(code="SRC-65", message="Describe the conflict of interest")
    assignment.has_conflict, assignment.conflict_details, assignment.declared_at = has_conflict, details.strip(), now
    assignment.save(update_fields=["has_conflict", "conflict_details", "declared_at", "updated_at"])
    _audit(assignment.tender, actor, "evaluation.conflict_declared",
           {"has_conflict": has_conflict, "details": details.strip()})
    return assignment


@transaction.atomic
def mark_record(*, assignment: EvaluatorAssignment, bid: Bid, criterion: Criterion, mark: int,
                justification: str, actor: User) -> Mark:
    tender = Tender.objects.select_for_update().get(pk=assignment.tender_id)
    if actor.pk != assignment.evaluator_id:
        raise BusinessRuleViolation(code="SRC-60", message="Only the assigned evaluator can mark")
    rules.check_can_mark(status=tender.status, has_conflict=assignment.has_conflict)
    if criterion.pk not in {c.pk for c in selectors.assignment_criteria(assignment=assignment)} or \
            not selectors.assignment_bids(assignment=assignment).filter(pk=bid.pk).exists():
        raise BusinessRuleViolation(code="SRC-60", message="That bid or question is not part of your evaluation")
    rules.check_mark(mark=mark, max_mark=criterion.max_mark, justification=justification)
    existing = Mark.objects.filter(assignment=assignment, bid=bid, criterion=criterion).first()
    before = {"mark": existing.mark, "justification": existing.justification} if existing else None
    if existing:
        existing.mark, existing.justification = mark, justification.strip()
        existing.save(update_fields=["mark", "justification", "updated_at"])
        saved = existing
    else:
        saved = Mark.objects.create(assignment=assignment, bid=bid, criterion=criterion, mark=mark,
                                    justification=justification.strip())
    if tender.status == TenderStatus.OPENED:
        tender.status = TenderStatus.EVALUATION
        tender.save(update_fields=["status", "updated_at"])
    _audit(tender, actor, "evaluation.mark_recorded", {"bid": bid.receipt_number, "criterion": criterion.number,
                                                       "mark": mark, "justification": justification.strip()},
           before=before, subject=bid)
    return saved


@transaction.atomic
def mark_moderate(*, bid: Bid, criterion: Criterion, mark: int, reason: str, actor: User) -> ModeratedMark:
    """Record the consensus mark and its reason: the mark that is scored."""
    tender = Tender.objects.select_for_update().get(pk=bid.tender_id)
    if tender.status not in rules.EVALUATION_STATUSES:
        raise BusinessRuleViolation(code="SRC-66", message="This tender is not in evaluation")
    if not Mark.objects.filter(bid=bid, criterion=criterion).exists():
        raise BusinessRuleViolation(code="SRC-66", message="Moderate once the evaluators have marked")
    rules.check_mark(mark=mark, max_mark=criterion.max_mark, justification=reason)
    existing = ModeratedMark.objects.filter(bid=bid, criterion=criterion).first()
    before = {"mark": existing.mark, "reason": existing.reason} if existing else None
    moderated, _ = ModeratedMark.objects.update_or_create(
        bid=bid, criterion=criterion, defaults={"mark": mark, "reason": reason.strip(), "moderated_by": actor})
    if tender.status == TenderStatus.OPENED:
        tender.status = TenderStatus.EVALUATION
        tender.save(update_fields=["status", "updated_at"])
    _audit(tender, actor, "evaluation.mark_moderated", {"bid": bid.receipt_number, "criterion": criterion.number,
                                                        "mark": mark, "reason": reason.strip()},
           before=before, subject=bid)
    return moderated
