"""Deciding a payee name the import could not match with confidence."""

from django.db import transaction
from django.utils import timezone

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.spend.choices import PayeeReviewStatus
from procure.spend.coverage.services import coverage_after_payee_linked
from procure.spend.models import PayeeReview, SpendLine
from procure.spend.rules import check_review_open
from procure.suppliers.choices import AliasKind, SupplierSource
from procure.suppliers.models import Supplier
from procure.suppliers.services import supplier_alias_add, supplier_create


@transaction.atomic
def payee_review_decide(*, review: PayeeReview, actor, supplier: Supplier | None = None,
                        new_supplier_name: str = "") -> PayeeReview:
    """Link a payee name to a supplier (or to a new one named `new_supplier_name`).

    The name becomes the supplier's alias, so later imports link it without asking; every line of the
    organisation with that payee and no supplier is linked now.
    """
    review = PayeeReview.objects.select_for_update().select_related("organisation").get(pk=review.pk)
    check_review_open(review.status)
    if (supplier is None) == (not new_supplier_name.strip()):
        raise BusinessRuleViolation(code="SPD-6", message="Choose a supplier, or give the name of a new supplier")
    if supplier is not None and supplier.organisation_id != review.organisation_id:
        raise BusinessRuleViolation(code="SPD-6", message="Choose one of this organisation's suppliers")
    before = snapshot(review)
    status = PayeeReviewStatus.LINKED
    if supplier is None:
        supplier = supplier_create(organisation=review.organisation, name=new_supplier_name, actor=actor,
                                   source=SupplierSource.SPEND_FILE)
        status = PayeeReviewStatus.NEW_SUPPLIER
    supplier_alias_add(supplier=supplier, name=review.payee_name, kind=AliasKind.PAYEE_DECISION, actor=actor)
    linked = SpendLine.objects.filter(organisation=review.organisation, payee_normalised=review.payee_normalised,
                                      supplier__isnull=True).update(supplier=supplier)
    coverage_after_payee_linked(organisation=review.organisation, supplier_id=supplier.pk,
                                payee_normalised=review.payee_normalised)
    review.status, review.supplier = status, supplier
    review.decided_by, review.decided_at = (actor if getattr(actor, "pk", None) else None), timezone.now()
    review.save()
    audit_record(actor=actor, action="payee_review.decided", subject=review, before=before,
                 after={**snapshot(review), "lines_linked": linked}, organisation=review.organisation)
    return review
