"""Writes of bidding: clarification questions and answers, sealed bids and their receipts, withdrawal, closing
at the deadline and the two-officer opening. Nothing here ever stores a bid's content in the clear."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from procure.core.audit import audit_record
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import User
from procure.sourcing import rules, sealing, selectors
from procure.sourcing.choices import BidStatus, TenderStatus
from procure.sourcing.models import Bid, BidDocument, Clarification, Lot, PriceItem, Tender, TenderOpening
from procure.suppliers.models import Supplier

PENNY = Decimal("0.01")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


# Clarifications

@transaction.atomic
def clarification_ask(*, tender: Tender, supplier: Supplier, actor: User, question: str,
                      now: datetime) -> Clarification:
    rules.check_clarification_window(status=tender.status, deadline=tender.clarification_deadline, now=now)
    if not question.strip():
        raise BusinessRuleViolation(code="SRC-51", message="Enter your question")
    clarification = Clarification.objects.create(tender=tender, supplier=supplier, asked_by=actor,
                                                 question=question.strip())
    audit_record(actor=actor, action="clarification.asked", subject=tender,
                 after={"clarification": clarification.pk}, organisation=tender.organisation)
    return clarification


@transaction.atomic
def clarification_answer(*, clarification: Clarification, actor: User, answer: str, now: datetime,
                         question: str = "") -> Clarification:
    """Publish the answer to every bidder, never naming the asker; the question may be reworded to take out
    anything that identifies them. Suppliers that have bid or asked are emailed."""
    if not answer.strip():
        raise BusinessRuleViolation(code="SRC-53", message="Enter the answer")
    tender = clarification.tender
    if tender.status != TenderStatus.PUBLISHED:
        raise BusinessRuleViolation(code="SRC-53", message="Answers can be published only while the tender is open")
    clarification.answer, clarification.answered_by, clarification.answered_at = answer.strip(), actor, now
    if question.strip():
        clarification.question = question.strip()
    clarification.save()
    audit_record(actor=actor, action="clarification.answered", subject=tender,
                 after={"clarification": clarification.pk, "question": clarification.question,
                        "answer": clarification.answer}, organisation=tender.organisation)
    suppliers = Supplier.objects.filter(pk__in=set(tender.clarifications.values_list("supplier", flat=True))
                                        | set(tender.bids.values_list("supplier", flat=True)))
    recipients = sorted({email for supplier in suppliers for email in selectors.supplier_emails(supplier=supplier)})
    if recipients:
        body = render_to_string("sourcing/email/clarification.txt",
                                {"tender": tender, "clarification": clarification})
        EmailMessage(f"Clarification published: {tender.reference} {tender.title}", body,
                     settings.DEFAULT_FROM_EMAIL, bcc=recipients).send()
    return clarification


# Bids

def _money(value, where: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except (InvalidOperation, ValueError):
        raise BusinessRuleViolation(code="SRC-54", message=f"{where}: enter a price in pounds, like 1250.00") from None
    if amount < 0 or amount != amount.quantize(PENNY):
        raise BusinessRuleViolation(code="SRC-54", message=f"{where}: enter a price of £0 or more, to the penny")
    return amount


def bid_content(*, tender: Tender, lot: Lot | None, selection: dict, quality: dict, prices: dict,
                social_value_offer: list[dict]) -> dict:
    """SRC-54: A complete bid: an answer to every selection and quality question and a rate for every item of
    the price schedule (of the lot, and those for every lot). Returns the content in its sealed form."""
    questions = list(tender.selection_questions.all())
    leaves = [c for c in selectors.tender_leaf_criteria(tender=tender) if c.lot_id in (None, getattr(lot, "pk", None))]
    items = list(PriceItem.objects.filter(tender=tender).filter(Q(lot__isnull=True) | Q(lot=lot) if lot else
                                                                Q(lot__isnull=True)).order_by("number", "id"))
    missing = [f"selection question {q.number}" for q in questions if not str(selection.get(str(q.pk), "")).strip()]
    missing += [f"quality question {c.number}" for c in leaves if not str(quality.get(str(c.pk), "")).strip()]
    missing += [f"price item {i.number}" for i in items if str(prices.get(str(i.pk), "")).strip() == ""]
    if missing:
        raise BusinessRuleViolation(code="SRC-54", message="Answer " + ", ".join(missing))
    rates = {str(i.pk): _money(prices[str(i.pk)], f"Price item {i.number}") for i in items}
    total = sum((rates[str(i.pk)] * i.quantity for i in items), Decimal("0")).quantize(PENNY)
    return {
        "selection": {str(q.pk): str(selection[str(q.pk)]).strip() for q in questions},
        "quality": {str(c.pk): str(quality[str(c.pk)]).strip() for c in leaves},
        "prices": {key: f"{rate:.2f}" for key, rate in rates.items()},
        "total_price": f"{total:.2f}",
        "social_value_offer": [dict(item) for item in social_value_offer],
    }


def receipt_hash(content: bytes, documents: list[tuple[str, int, str]]) -> str:
    """The SHA-256 on the receipt: of the bid's content and of each document's name, size and SHA-256."""
    manifest = sealing.content_bytes({"content": sealing.sha256_hex(content),
                                      "documents": [list(document) for document in documents]})
    return sealing.sha256_hex(content + manifest)


@transaction.atomic
def bid_submit(*, tender: Tender, supplier: Supplier, actor: User, content: dict, now: datetime,
               lot: Lot | None = None, documents: list[Upload] = ()) -> Bid:
    """Seal and record a bid; a resubmission replaces the supplier's live bid (its version goes up). The
    supplier's users are emailed the receipt."""
    tender = _locked(tender)
    rules.check_bid_window(status=tender.status, deadline=tender.submission_deadline, now=now)
    if tender.lots.exists() and lot is None:
        raise BusinessRuleViolation(code="SRC-55", message="Choose the lot you are bidding for")
    for document in documents:
        if len(document.data) > MAX_DOCUMENT_BYTES:
            raise BusinessRuleViolation(code="SRC-55", message=f"{document.name} is larger than 20 MB")
    live = Bid.objects.filter(tender=tender, lot=lot, supplier=supplier, status=BidStatus.SUBMITTED).first()
    version = (Bid.objects.filter(tender=tender, lot=lot, supplier=supplier).count()) + 1
    if live:
        live.status = BidStatus.SUPERSEDED
        live.save(update_fields=["status", "updated_at"])
    data = sealing.content_bytes(content)
    manifest = [(d.name, len(d.data), sealing.sha256_hex(d.data)) for d in documents]
    bid = Bid.objects.create(
        tender=tender, lot=lot, supplier=supplier, submitted_by=actor, version=version, submitted_at=now,
        receipt_number=f"{tender.reference}-{secrets.token_hex(4).upper()}",
        receipt_sha256=receipt_hash(data, manifest), sealed_content=sealing.seal(tender, data))
    for document, (name, size, digest) in zip(documents, manifest, strict=True):
        BidDocument.objects.create(bid=bid, sealed_name=sealing.seal(tender, name.encode()), size=size,
                                   sha256=digest, sealed_content=sealing.seal(tender, document.data))
    audit_record(actor=actor, action="bid.submitted" if version == 1 else "bid.resubmitted", subject=bid,
                 after={"receipt": bid.receipt_number, "sha256": bid.receipt_sha256, "version": version,
                        "supplier": str(supplier), "documents": len(manifest)}, organisation=tender.organisation)
    recipients = selectors.supplier_emails(supplier=supplier)
    if recipients:
        body = render_to_string("sourcing/email/receipt.txt", {"bid": bid, "tender": tender,
                                                                "documents": manifest})
        send_mail(f"Receipt {bid.receipt_number}: your bid for {tender.title}", body, settings.DEFAULT_FROM_EMAIL,
                  recipients)
    return bid


@transaction.atomic
def bid_withdraw(*, bid: Bid, actor: User, now: datetime) -> Bid:
    tender = _locked(bid.tender)
    rules.check_bid_window(status=tender.status, deadline=tender.submission_deadline, now=now)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.status != BidStatus.SUBMITTED:
        raise BusinessRuleViolation(code="SRC-56", message="This bid has already been withdrawn or replaced")
    bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, now
    bid.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=actor, action="bid.withdrawn", subject=bid, after={"receipt": bid.receipt_number},
                 organisation=tender.organisation)
    return bid


# Closing and the opening

@transaction.atomic
def tender_close_if_due(*, tender: Tender, now: datetime) -> Tender:
    """A published tender whose deadline has passed closes: it waits for its opening."""
    if tender.status != TenderStatus.PUBLISHED or not tender.submission_deadline or now < tender.submission_deadline:
        return tender
    tender = _locked(tender)
    if tender.status == TenderStatus.PUBLISHED:
        tender.status = TenderStatus.CLOSED
        tender.save(update_fields=["status", "updated_at"])
        audit_record(actor=None, action="tender.closed", subject=tender,
                     after={"bids": Bid.objects.filter(tender=tender, status=BidStatus.SUBMITTED).count()},
                     organisation=tender.organisation)
    return tender


@transaction.atomic
def tender_opening_confirm(*, tender: Tender, officer: User, now: datetime) -> Tender:
    """One officer's confirmation of the opening; the second different officer's opens the bids."""
    tender = _locked(tender)
    rules.check_opening(status=tender.status, deadline=tender.submission_deadline, now=now,
                        already_confirmed=TenderOpening.objects.filter(tender=tender, officer=officer).exists())
    if tender.status == TenderStatus.PUBLISHED:
        tender.status = TenderStatus.CLOSED
    TenderOpening.objects.create(tender=tender, officer=officer, confirmed_at=now)
    audit_record(actor=officer, action="tender.opening_confirmed", subject=tender,
                 after={"officers": selectors.tender_openers(tender=tender)}, organisation=tender.organisation)
    if selectors.tender_openers(tender=tender) >= rules.OFFICERS_NEEDED_TO_OPEN:
        tender.status, tender.opened_at = TenderStatus.OPENED, now
        audit_record(actor=officer, action="tender.opened", subject=tender,
                     after={"bids": Bid.objects.filter(tender=tender, status=BidStatus.SUBMITTED).count(),
                            "officers": list(TenderOpening.objects.filter(tender=tender)
                                             .values_list("officer__username", flat=True))},
                     organisation=tender.organisation)
    tender.save(update_fields=["status", "opened_at", "updated_at"])
    return tender
