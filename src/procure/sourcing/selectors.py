"""Reads of sourcing records shared by every stage. Reading a bid's content is also recorded: it is the one
read that the audit trail keeps, because no bid may be read before its opening."""

import json
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from procure.core.audit import audit_record
from procure.organisations.models import Organisation, User
from procure.sourcing import rules, sealing
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Bid, BidDocument, Criterion, Lot, PriceItem, Tender, TenderDocument, TenderOpening


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


# The tender set-up

def tender_list(*, organisation: Organisation, search: str = "", status: str = "") -> QuerySet[Tender]:
    tenders = Tender.objects.filter(organisation=organisation).select_related("category", "department")
    if search.strip():
        tenders = tenders.filter(Q(title__icontains=search.strip()) | Q(reference__icontains=search.strip()))
    if status:
        tenders = tenders.filter(status=status)
    return tenders.order_by("-created_at", "-id")


def tender_get(*, organisation: Organisation, tender_id: int) -> Tender | None:
    return (Tender.objects.filter(organisation=organisation, pk=tender_id)
            .select_related("category", "department", "owner", "request").first())


def tender_leaf_criteria(*, tender: Tender) -> list[Criterion]:
    """The criteria that are marked: those without sub-criteria."""
    criteria = list(Criterion.objects.filter(tender=tender).select_related("lot"))
    parents = {criterion.parent_id for criterion in criteria if criterion.parent_id}
    return [criterion for criterion in criteria if criterion.pk not in parents]


def tender_criteria_tree(*, tender: Tender) -> list[tuple[Criterion, int, Decimal]]:
    """Every criterion in reading order with its depth and its weight (a group's is the sum of its leaves)."""
    criteria = list(Criterion.objects.filter(tender=tender).select_related("lot"))
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)

    def weight(criterion: Criterion) -> Decimal:
        below = children.get(criterion.pk)
        return sum((weight(child) for child in below), Decimal("0")) if below else criterion.weight

    rows: list[tuple[Criterion, int, Decimal]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for criterion in children.get(parent_id, []):
            rows.append((criterion, depth, weight(criterion)))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return rows


def tender_model_spec(*, tender: Tender) -> rules.ModelSpec:
    lots = {lot.pk: lot.number for lot in Lot.objects.filter(tender=tender)}
    criteria = tuple(rules.CriterionSpec(c.number, c.weight, c.is_social_value, lots.get(c.lot_id))
                     for c in tender_leaf_criteria(tender=tender))
    price_items: dict[int | None, int] = {}
    for lot_id in PriceItem.objects.filter(tender=tender).values_list("lot_id", flat=True):
        key = lots.get(lot_id) if lot_id else None
        price_items[key] = price_items.get(key, 0) + 1
    return rules.ModelSpec(price_weight=tender.price_weight, quality_weight=tender.quality_weight,
                           policy=tender.social_value_policy, criteria=criteria,
                           lots=tuple(sorted(lots.values())), price_items_by_lot=price_items)


def tender_timetable(*, tender: Tender) -> rules.Timetable:
    return rules.Timetable(**{name: getattr(tender, name) for name in rules.Timetable.__dataclass_fields__})


def tender_readiness(*, tender: Tender, now: datetime) -> list[rules.Problem]:
    """Everything that stops the tender being published, each saying what to change (empty: ready)."""
    problems = rules.check_timetable(tender_timetable(tender=tender), now=now)
    problems += rules.check_evaluation_model(tender_model_spec(tender=tender))
    if not TenderDocument.objects.filter(tender=tender).exists():
        problems.append(rules.Problem("SRC-16", "documents",
                                      "Add the tender documents bidders need (at least the specification)"))
    if not tender.title.strip():
        problems.append(rules.Problem("SRC-16", "details", "Enter the tender's title"))
    return problems


def supplier_emails(*, supplier) -> list[str]:
    """Where a supplier's users are written to: their email addresses, those that have one."""
    return [email for email in supplier.users.values_list("user__email", flat=True) if email]


# The public portal: what anyone may see of a tender

PUBLIC_STATUSES = (TenderStatus.PUBLISHED, TenderStatus.CLOSED, TenderStatus.OPENED, TenderStatus.EVALUATION,
                   TenderStatus.AWARD_PROPOSED, TenderStatus.STANDSTILL, TenderStatus.CONTRACTED)


def open_opportunities(*, organisation: Organisation, now: datetime, search: str = "") -> QuerySet[Tender]:
    """Published tenders still taking bids, soonest deadline first."""
    tenders = Tender.objects.filter(organisation=organisation, status=TenderStatus.PUBLISHED,
                                    submission_deadline__gt=now).select_related("category")
    if search.strip():
        tenders = tenders.filter(Q(title__icontains=search.strip()) | Q(reference__icontains=search.strip())
                                 | Q(description__icontains=search.strip()))
    return tenders.order_by("submission_deadline", "reference")


def public_tender_get(*, organisation: Organisation, tender_id: int) -> Tender | None:
    """A tender as the public sees it: never a draft or a cancelled one."""
    return Tender.objects.filter(organisation=organisation, pk=tender_id, status__in=PUBLIC_STATUSES).first()
