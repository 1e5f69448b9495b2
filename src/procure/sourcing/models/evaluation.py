from django.conf import settings
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.sourcing.choices import AwardStatus


class EvaluatorAssignment(BaseModel):
    """An evaluator's part in a tender: every quality criterion, or those of one lot, or one criterion.

    Before seeing anything of the bids the evaluator declares any conflict of interest; a declared conflict
    stops them marking until procurement reassigns the work."""

    tender = models.ForeignKey("sourcing.Tender", on_delete=models.CASCADE, related_name="evaluators")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey("sourcing.Lot", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey("sourcing.Criterion", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(null=True, blank=True)
    has_conflict = models.BooleanField(null=True, help_text="Empty: not declared yet")
    conflict_details = models.TextField(blank=True)

    class Meta:
        ordering = ["tender", "evaluator__username", "id"]
        constraints = [models.UniqueConstraint(fields=["tender", "evaluator", "lot", "criterion"],
                                               name="one_assignment_per_scope", nulls_distinct=False)]

    def __str__(self) -> str:
        scope = self.criterion or self.lot or "every quality criterion"
        return f"{self.evaluator} on {scope}"


class Mark(BaseModel):
    """One evaluator's independent mark of one bid against one quality criterion."""

    assignment = models.ForeignKey(EvaluatorAssignment, on_delete=models.PROTECT, related_name="marks")
    bid = models.ForeignKey("sourcing.Bid", on_delete=models.PROTECT, related_name="marks")
    criterion = models.ForeignKey("sourcing.Criterion", on_delete=models.PROTECT, related_name="marks")
    mark = models.PositiveSmallIntegerField()
    justification = models.TextField()

    class Meta:
        ordering = ["bid", "criterion", "assignment"]
        constraints = [models.UniqueConstraint(fields=["assignment", "bid", "criterion"], name="one_mark_each")]


class ModeratedMark(BaseModel):
    """The consensus mark agreed at moderation, and why: the mark that is scored."""

    bid = models.ForeignKey("sourcing.Bid", on_delete=models.PROTECT, related_name="moderated_marks")
    criterion = models.ForeignKey("sourcing.Criterion", on_delete=models.PROTECT, related_name="moderated_marks")
    mark = models.PositiveSmallIntegerField()
    reason = models.TextField()
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["bid", "criterion"]
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="one_moderated_mark_each")]


class AwardDecision(BaseModel):
    """The decision to award a tender (or a lot) to its top-ranked bid, its approval and the standstill."""

    tender = models.ForeignKey("sourcing.Tender", on_delete=models.PROTECT, related_name="awards")
    lot = models.ForeignKey("sourcing.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bid = models.ForeignKey("sourcing.Bid", on_delete=models.PROTECT, related_name="awards")
    status = models.CharField(max_length=20, choices=AwardStatus.choices, default=AwardStatus.PROPOSED)
    reasons = models.TextField(help_text="Why this bid wins: shown in every outcome letter")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    award_notice_on = models.DateField(null=True, blank=True)
    standstill_ends_on = models.DateField(null=True, blank=True)
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["tender", "lot", "-proposed_at"]
        constraints = [models.UniqueConstraint(
            fields=["tender", "lot"], condition=~Q(status=AwardStatus.CANCELLED), name="one_live_award_per_lot",
            nulls_distinct=False)]

    def __str__(self) -> str:
        return f"Award of {self.tender.reference} to {self.bid.supplier}"


class OutcomeLetter(BaseModel):
    """What one bidder is told: its scores, the winner's, and the reasons. Kept as sent."""

    award = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="letters")
    bid = models.ForeignKey("sourcing.Bid", on_delete=models.PROTECT, related_name="letters")
    is_successful = models.BooleanField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["award", "-is_successful", "id"]
