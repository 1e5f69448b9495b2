"""Sourcing's nouns, one module per stage: requests, tenders (set-up), bids (portal and sealing), evaluation,
award. Everything is importable from `procure.sourcing.models`."""

from procure.sourcing.models.bids import Bid, BidDocument, Clarification, TenderOpening
from procure.sourcing.models.evaluation import (
    AwardDecision,
    EvaluatorAssignment,
    Mark,
    ModeratedMark,
    OutcomeLetter,
)
from procure.sourcing.models.requests import ProcurementActThreshold, ProcurementRequest, RouteBand
from procure.sourcing.models.tenders import (
    Criterion,
    Lot,
    PriceItem,
    SelectionQuestion,
    Tender,
    TenderDocument,
)

__all__ = [
    "AwardDecision", "EvaluatorAssignment", "Mark", "ModeratedMark", "OutcomeLetter",
    "Bid", "BidDocument", "Clarification", "Criterion", "Lot", "PriceItem", "ProcurementActThreshold",
    "ProcurementRequest", "RouteBand", "SelectionQuestion", "Tender", "TenderDocument", "TenderOpening",
]
