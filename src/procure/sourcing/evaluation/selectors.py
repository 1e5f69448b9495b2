"""Reads of evaluation: who marks what, what they see, and the scores with all their arithmetic."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from procure.organisations.models import User
from procure.sourcing import selectors
from procure.sourcing.choices import BidStatus
from procure.sourcing.evaluation import scoring
from procure.sourcing.models import (
    Bid,
    Criterion,
    EvaluatorAssignment,
    Lot,
    Mark,
    ModeratedMark,
    Tender,
)


def assignments_of(*, user: User, organisation) -> QuerySet[EvaluatorAssignment]:
    return (EvaluatorAssignment.objects.filter(evaluator=user, tender__organisation=organisation)
            .select_related("tender", "lot", "criterion").order_by("-tender__created_at", "id"))


def assignment_criteria(*, assignment: EvaluatorAssignment) -> list[Criterion]:
    """The quality criteria an assignment covers (leaves only)."""
    leaves = selectors.tender_leaf_criteria(tender=assignment.tender)
    if assignment.criterion_id:
        return [c for c in leaves if c.pk == assignment.criterion_id]
    if assignment.lot_id:
        return [c for c in leaves if c.lot_id in (None, assignment.lot_id)]
    return leaves


def live_bids(*, tender: Tender, lot: Lot | None = None) -> QuerySet[Bid]:
    bids = Bid.objects.filter(tender=tender, status=BidStatus.SUBMITTED).select_related("supplier", "lot")
    if lot is not None:
        bids = bids.filter(lot=lot)
    return bids.order_by("receipt_number")


def assignment_bids(*, assignment: EvaluatorAssignment) -> QuerySet[Bid]:
    bids = live_bids(tender=assignment.tender)
    if assignment.lot_id:
        bids = bids.filter(lot_id=assignment.lot_id)
    elif assignment.criterion_id and assignment.criterion.lot_id:
        bids = bids.filter(lot_id=assignment.criterion.lot_id)
    return bids


def marks_of(*, assignment: EvaluatorAssignment, bid: Bid) -> dict[int, Mark]:
    return {mark.criterion_id: mark for mark in Mark.objects.filter(assignment=assignment, bid=bid)}


def assignment_progress(*, assignment: EvaluatorAssignment) -> tuple[int, int]:
    """(marks given, marks to give)."""
    needed = len(assignment_criteria(assignment=assignment)) * assignment_bids(assignment=assignment).count()
    return Mark.objects.filter(assignment=assignment, bid__status=BidStatus.SUBMITTED).count(), needed


@dataclass
class ModerationRow:
    bid: Bid
    criterion: Criterion
    marks: list[Mark]
    moderated: ModeratedMark | None


def moderation_rows(*, tender: Tender) -> list[ModerationRow]:
    """Every live bid against every criterion it is marked on, with every evaluator's mark side by side."""
    leaves = selectors.tender_leaf_criteria(tender=tender)
    marks: dict[tuple[int, int], list[Mark]] = {}
    for mark in (Mark.objects.filter(bid__tender=tender, bid__status=BidStatus.SUBMITTED)
                 .select_related("assignment__evaluator")):
        marks.setdefault((mark.bid_id, mark.criterion_id), []).append(mark)
    moderated = {(m.bid_id, m.criterion_id): m for m in ModeratedMark.objects.filter(bid__tender=tender)}
    rows = []
    for bid in live_bids(tender=tender):
        for criterion in leaves:
            if criterion.lot_id in (None, bid.lot_id):
                rows.append(ModerationRow(bid, criterion, marks.get((bid.pk, criterion.pk), []),
                                          moderated.get((bid.pk, criterion.pk))))
    return rows


@dataclass
class LotResults:
    lot: Lot | None
    model: scoring.Model
    criteria: list[Criterion]
    scores: list[scoring.BidScore]
    bids: dict[str, Bid]
    unmoderated: int  # criterion marks still to agree

    @property
    def ranked(self) -> list[tuple[scoring.BidScore, Bid]]:
        return [(score, self.bids[score.key]) for score in self.scores]

    @property
    def complete(self) -> bool:
        return self.unmoderated == 0 and bool(self.scores)


def evaluation_results(*, tender: Tender, actor: User | None, now: datetime) -> list[LotResults]:
    """Score every live bid of the tender from its moderated marks and its total price (read from the opened
    bid, and audited as such), lot by lot."""
    leaves = selectors.tender_leaf_criteria(tender=tender)
    moderated = {(m.bid_id, m.criterion_id): m.mark for m in ModeratedMark.objects.filter(bid__tender=tender)}
    lots: list[Lot | None] = list(tender.lots.all()) or [None]
    results = []
    for lot in lots:
        criteria = [c for c in leaves if c.lot_id in (None, getattr(lot, "pk", None))]
        model = scoring.Model(
            price_weight=tender.price_weight, price_formula=tender.price_formula, tie_break=tender.tie_break,
            abnormally_low_pct=tender.abnormally_low_pct,
            criteria=tuple(scoring.CriterionWeight(c.number, c.weight, c.max_mark, c.minimum_mark,
                                                   c.is_social_value) for c in criteria))
        bids = {bid.receipt_number: bid for bid in live_bids(tender=tender, lot=lot)}
        inputs, unmoderated = [], 0
        for bid in bids.values():
            content = selectors.bid_content_read(bid=bid, actor=actor, now=now, purpose="scoring")
            marks = {}
            for criterion in criteria:
                if (bid.pk, criterion.pk) in moderated:
                    marks[criterion.number] = moderated[(bid.pk, criterion.pk)]
                else:
                    unmoderated += 1
            inputs.append(scoring.BidInput(bid.receipt_number, Decimal(content["total_price"]), marks))
        results.append(LotResults(lot, model, criteria, scoring.score_bids(model, inputs), bids, unmoderated))
    return results


def evaluators_for(*, tender: Tender) -> QuerySet[EvaluatorAssignment]:
    return (EvaluatorAssignment.objects.filter(tender=tender)
            .select_related("evaluator", "lot", "criterion").order_by("evaluator__username", "id"))


def tender_marks_started(*, tender: Tender) -> bool:
    return Mark.objects.filter(Q(bid__tender=tender)).exists()
