from django.conf import settings
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.sourcing.choices import BidStatus


class Clarification(BaseModel):
    """A bidder's question and the buyer's answer, published to every bidder without naming the asker."""

    tender = models.ForeignKey("sourcing.Tender", on_delete=models.CASCADE, related_name="clarifications")
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", help_text="Who asked: never shown to other bidders")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["tender", "created_at", "id"]

    def __str__(self) -> str:
        return self.question[:80]


class Bid(BaseModel):
    """One submission by a supplier for a tender (or one of its lots). Its content is sealed: encrypted with
    the tender's key and unreadable until the tender has been opened."""

    tender = models.ForeignKey("sourcing.Tender", on_delete=models.PROTECT, related_name="bids")
    lot = models.ForeignKey("sourcing.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="bids")
    supplier = models.ForeignKey("suppliers.Supplier", on_delete=models.PROTECT, related_name="bids")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED)
    version = models.PositiveSmallIntegerField(default=1)
    submitted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    receipt_number = models.CharField(max_length=40, unique=True)
    receipt_sha256 = models.CharField(max_length=64, help_text="SHA-256 of everything received, for the receipt")
    sealed_content = models.BinaryField(editable=False,
                                        help_text="Answers, prices and social value offer, encrypted")

    class Meta:
        ordering = ["tender", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "lot", "supplier"],
                                    condition=Q(status=BidStatus.SUBMITTED, lot__isnull=False),
                                    name="one_live_bid_per_supplier_and_lot"),
            models.UniqueConstraint(fields=["tender", "supplier"],
                                    condition=Q(status=BidStatus.SUBMITTED, lot__isnull=True),
                                    name="one_live_bid_per_supplier"),
        ]

    def __str__(self) -> str:
        return f"Bid {self.receipt_number}"


class BidDocument(BaseModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents")
    sealed_name = models.BinaryField(editable=False, help_text="The file's name, encrypted")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    sealed_content = models.BinaryField(editable=False)

    class Meta:
        ordering = ["bid", "id"]


class TenderOpening(BaseModel):
    """One authorised officer's confirmation of the opening. Bids are readable once two different officers
    have confirmed after the deadline."""

    tender = models.ForeignKey("sourcing.Tender", on_delete=models.CASCADE, related_name="openings")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["tender", "confirmed_at"]
        constraints = [models.UniqueConstraint(fields=["tender", "officer"], name="one_opening_per_officer")]
