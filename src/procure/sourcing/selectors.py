"""Reads of sourcing records shared by every stage. Reading a bid's content is also recorded: it is the one
read that the audit trail keeps, because no bid may be read before its opening."""

import json
from datetime import datetime

from procure.core.audit import audit_record
from procure.organisations.models import User
from procure.sourcing import rules, sealing
from procure.sourcing.models import Bid, BidDocument, Tender, TenderOpening


def tender_openers(*, tender: Tender) -> int:
    """How many different officers have confirmed the opening."""
    return TenderOpening.objects.filter(tender=tender).values("officer").distinct().count()


def tender_check_bids_readable(*, tender: Tender, now: datetime) -> None:
    rules.check_bids_readable(status=tender.status, deadline=tender.submission_deadline,
                              openers=tender_openers(tender=tender), now=now)


def bid_content_read(*, bid: Bid, actor: User | None, now: datetime, purpose: str = "") -> dict:
    """A bid's answers, prices and social value offer, once its tender is opened (SRC-20); the read is audited.

    Content: {"selection": {question id: answer}, "quality": {criterion id: answer},
    "prices": {price item id: unit rate}, "total_price": "0.00", "social_value_offer": [{measure_id,
    description, target, unit, due_on}]} (ids as strings, money as strings).
    """
    tender = bid.tender
    tender_check_bids_readable(tender=tender, now=now)
    content = json.loads(sealing.unseal(tender, bid.sealed_content))
    audit_record(actor=actor, action="bid.read", subject=bid, after={"purpose": purpose} if purpose else None,
                 organisation=tender.organisation)
    return content


def bid_document_read(*, document: BidDocument, actor: User | None, now: datetime) -> tuple[str, bytes]:
    """A bid document's name and bytes, once the tender is opened; the read is audited."""
    tender = document.bid.tender
    tender_check_bids_readable(tender=tender, now=now)
    name = sealing.unseal(tender, document.sealed_name).decode()
    data = sealing.unseal(tender, document.sealed_content)
    audit_record(actor=actor, action="bid_document.read", subject=document.bid, after={"document": name},
                 organisation=tender.organisation)
    return name, data
