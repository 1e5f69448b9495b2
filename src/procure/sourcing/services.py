"""Writes of the tender set-up: details, lots, documents, timetable, questionnaire, evaluation model, publication.

Every change is audited; nothing of the set-up changes once a tender is published (SRC-15).
"""

import hashlib
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from procure.core.audit import audit_record, snapshot
from procure.core.dates import standstill_end
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.sourcing import rules, sealing, selectors
from procure.sourcing.choices import RequestStatus, TenderStatus
from procure.sourcing.models import Criterion, Lot, ProcurementRequest, Tender, TenderDocument

TENDER_FIELDS = {
    "details": ("title", "description", "contract_type", "category", "department", "route",
                "estimated_value_gross", "owner"),
    "timetable": ("publish_on", "clarification_deadline", "submission_deadline", "evaluation_on", "award_on",
                  "contract_starts_on", "contract_ends_on"),
    "model": ("price_weight", "quality_weight", "social_value_policy", "price_formula", "tie_break",
              "abnormally_low_pct"),
}
SNAPSHOT_EXCLUDE = ("sealed_key",)


class TenderNotReady(BusinessRuleViolation):
    """A tender cannot be published: `problems` lists every change needed."""

    def __init__(self, problems: list[rules.Problem]) -> None:
        super().__init__(code="SRC-16", message=f"The tender is not ready to publish: {len(problems)} "
                                                "thing(s) to change")
        self.problems = problems


def _audit(tender: Tender, actor: User | None, action: str, before: dict | None, after: dict | None,
           subject: models.Model | None = None) -> None:
    audit_record(actor=actor, action=action, subject=subject or tender, before=before, after=after,
                 organisation=tender.organisation)


def _next_reference(organisation: Organisation, year: int) -> str:
    prefix = f"{organisation.slug.upper()}-T-{year}-"
    taken = Tender.objects.filter(organisation=organisation, reference__startswith=prefix).count()
    number = taken + 1
    while Tender.objects.filter(organisation=organisation, reference=f"{prefix}{number:03d}").exists():
        number += 1
    return f"{prefix}{number:03d}"


@transaction.atomic
def tender_create(*, organisation: Organisation, actor: User | None, title: str, reference: str = "",
                  **fields) -> Tender:
    """A draft tender. Without a reference one is given: SLUG-T-YEAR-NNN."""
    reference = reference.strip() or _next_reference(organisation, timezone.localdate().year)
    if Tender.objects.filter(organisation=organisation, reference=reference).exists():
        raise BusinessRuleViolation(code="SRC-17", message=f"A tender with the reference {reference} exists: "
                                                           "choose another")
    allowed = set(TENDER_FIELDS["details"]) | {"request"}
    tender = Tender.objects.create(organisation=organisation, reference=reference, title=title.strip(),
                                   owner=fields.pop("owner", None) or (actor if getattr(actor, "pk", None) else None),
                                   **{key: value for key, value in fields.items() if key in allowed})
    _audit(tender, actor, "tender.created", None, snapshot(tender, exclude=SNAPSHOT_EXCLUDE))
    return tender


def _locked(tender: Tender) -> Tender:
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    rules.check_tender_editable(tender.status)
    return tender


@transaction.atomic
def tender_update(*, tender: Tender, actor: User | None, part: str, **fields) -> Tender:
    """Change one part of the set-up (`part`: details, timetable or model). The end of standstill follows the
    planned award date (8 working days after it)."""
    tender = _locked(tender)
    before = snapshot(tender, exclude=SNAPSHOT_EXCLUDE)
    for name in TENDER_FIELDS[part]:
        if name in fields:
            setattr(tender, name, fields[name])
    if part == "timetable":
        tender.standstill_ends_on = standstill_end(tender.award_on) if tender.award_on else None
    after = snapshot(tender, exclude=SNAPSHOT_EXCLUDE)
    if after != before:
        tender.save()
        _audit(tender, actor, f"tender.{part}_changed", before, after)
    return tender


@transaction.atomic
def tender_part_add(*, tender: Tender, actor: User | None, model: type[models.Model], **fields) -> models.Model:
    """Add a lot, selection question, quality criterion or price schedule item to a draft tender."""
    tender = _locked(tender)
    if model is Criterion:
        _check_criterion(tender, fields)
    if model is Lot and Lot.objects.filter(tender=tender, number=fields.get("number")).exists():
        raise BusinessRuleViolation(code="SRC-18", message=f"There is already a lot {fields.get('number')}: "
                                                           "give this one another number")
    part = model.objects.create(tender=tender, **fields)
    _audit(tender, actor, f"tender.{model._meta.model_name}_added", None, snapshot(part), subject=tender)
    return part


def _check_criterion(tender: Tender, fields: dict) -> None:
    """SRC-19: A criterion's group belongs to the same tender, and a minimum mark is within the scale."""
    parent = fields.get("parent")
    if parent is not None and parent.tender_id != tender.pk:
        raise BusinessRuleViolation(code="SRC-19", message="Choose a group from this tender")
    minimum, maximum = fields.get("minimum_mark"), fields.get("max_mark", 5)
    if minimum is not None and minimum > maximum:
        raise BusinessRuleViolation(code="SRC-19", message=f"The minimum mark cannot be above the top of the "
                                                           f"scale ({maximum})")


@transaction.atomic
def tender_part_remove(*, part: models.Model, actor: User | None) -> None:
    tender = _locked(part.tender)
    before = snapshot(part, exclude=("file",)) if not isinstance(part, TenderDocument) else {"title": part.title}
    part.delete()
    _audit(tender, actor, f"tender.{part._meta.model_name}_removed", before, None)


@transaction.atomic
def tender_document_add(*, tender: Tender, actor: User | None, title: str, upload: UploadedFile,
                        lot: Lot | None = None) -> TenderDocument:
    tender = _locked(tender)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = TenderDocument.objects.create(tender=tender, lot=lot, title=title.strip() or upload.name,
                                             file=upload, size=upload.size, sha256=digest.hexdigest())
    _audit(tender, actor, "tender.document_added", None,
           {"title": document.title, "size": document.size, "sha256": document.sha256}, subject=tender)
    return document


@transaction.atomic
def tender_publish(*, tender: Tender, actor: User | None, now: datetime) -> Tender:
    """Publish a checked tender: it takes bids from now until its deadline, sealed with its own new key."""
    tender = _locked(tender)
    problems = selectors.tender_readiness(tender=tender, now=now)
    if problems:
        raise TenderNotReady(problems)
    before = snapshot(tender, exclude=SNAPSHOT_EXCLUDE)
    sealing.tender_key_issue(tender)
    tender.status, tender.published_at = TenderStatus.PUBLISHED, now
    tender.publish_on = timezone.localdate(now)
    tender.save()
    _audit(tender, actor, "tender.published", before, snapshot(tender, exclude=SNAPSHOT_EXCLUDE))
    return tender


@transaction.atomic
def tender_cancel(*, tender: Tender, actor: User | None, reason: str) -> Tender:
    """SRC-21: A tender can be cancelled, with a reason, until its contract is made."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if tender.status in (TenderStatus.CONTRACTED, TenderStatus.CANCELLED):
        raise BusinessRuleViolation(code="SRC-21", message="This tender can no longer be cancelled")
    if not reason.strip():
        raise BusinessRuleViolation(code="SRC-21", message="Enter the reason for cancelling the tender")
    before = snapshot(tender, exclude=SNAPSHOT_EXCLUDE)
    tender.status = TenderStatus.CANCELLED
    tender.save(update_fields=["status", "updated_at"])
    _audit(tender, actor, "tender.cancelled", before, {**snapshot(tender, exclude=SNAPSHOT_EXCLUDE),
                                                       "reason": reason.strip()})
    return tender




@transaction.atomic
def tender_create_from_request(*, request: ProcurementRequest, actor: User | None) -> Tender:
    """SRC-22: An approved need becomes a draft tender carrying its title, description, type, category,
    department and value; the need is then being tendered."""
    request = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.APPROVED:
        raise BusinessRuleViolation(code="SRC-22", message=(
            f"Only an approved need can be tendered; this one is '{request.get_status_display().lower()}'"))
    tender = tender_create(organisation=request.organisation, actor=actor, title=request.title,
                           description="\n\n".join(part for part in (request.description, request.justification)
                                                   if part),
                           contract_type=request.contract_type, category=request.category,
                           department=request.department, estimated_value_gross=request.estimated_value_gross,
                           request=request)
    before = snapshot(request)
    request.status = RequestStatus.IN_TENDER
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="procurement_request.tendered", subject=request, before=before,
                 after={**snapshot(request), "tender": tender.reference}, organisation=request.organisation)
    return tender
