from datetime import date

from django.db import transaction

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation
from procure.suppliers import rules
from procure.suppliers.choices import AliasKind, SupplierSize
from procure.suppliers.matching import normalise_company_number, normalise_name
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.selectors import supplier_names_taken

NAME_LENGTH = Supplier._meta.get_field("name").max_length
_TEXT_FIELDS = ("name", "companies_house_number", "charity_number", "vat_number", "address_line_1",
                "address_line_2", "town", "postcode")


def _prepare(supplier: Supplier) -> None:
    """Tidy and check a supplier's fields before it is saved (SUP-3, SUP-4, SUP-5)."""
    for name in _TEXT_FIELDS:
        setattr(supplier, name, (getattr(supplier, name) or "").strip())
    supplier.charity_number = supplier.charity_number.upper()
    supplier.vat_number = supplier.vat_number.replace(" ", "").upper()
    rules.check_legal_name(supplier.name)
    supplier.name = supplier.name[:NAME_LENGTH]
    supplier.normalised_name = normalise_name(supplier.name)[:NAME_LENGTH]
    supplier.companies_house_number = normalise_company_number(supplier.companies_house_number)
    rules.check_company_number(supplier.companies_house_number)
    supplier.postcode = rules.normalise_postcode(supplier.postcode)
    rules.check_postcode(supplier.postcode)
    supplier.postcode_district = rules.postcode_district(supplier.postcode)


def _check_company_number_free(supplier: Supplier) -> None:
    """SUP-1: One supplier per Companies House number in an organisation's register."""
    number = supplier.companies_house_number
    if not number:
        return
    holder = Supplier.objects.filter(organisation_id=supplier.organisation_id, companies_house_number=number)
    holder = holder.exclude(pk=supplier.pk).first() if supplier.pk else holder.first()
    if holder is not None:
        raise BusinessRuleViolation(
            code="SUP-1", message=f"{holder.name} already has company number {number} in the register")


@transaction.atomic
def supplier_create(*, organisation: Organisation, name: str, actor=None, size: str | None = None,
                    is_vcse: bool = False, classified_from: date | None = None, **fields) -> Supplier:
    """Add a supplier; with `size` (or `is_vcse`) also its first classification, holding from `classified_from`
    (by default from the start, so that older spend counts by it too)."""
    supplier = Supplier(organisation=organisation, name=name, **fields)
    _prepare(supplier)
    _check_company_number_free(supplier)
    supplier.save()
    audit_record(actor=actor, action="supplier.created", subject=supplier, after=snapshot(supplier),
                 organisation=organisation)
    if size not in (None, SupplierSize.UNKNOWN) or is_vcse:
        supplier_classify(supplier=supplier, valid_from=classified_from or rules.CLASSIFIED_FROM_THE_START,
                          size=size or SupplierSize.UNKNOWN, is_vcse=is_vcse, actor=actor)
    return supplier


@transaction.atomic
def supplier_update(*, supplier: Supplier, actor, **fields) -> Supplier:
    """Change a supplier's fields; nothing is saved or audited when nothing differs."""
    before = snapshot(supplier)
    for name, value in fields.items():
        setattr(supplier, name, value)
    _prepare(supplier)
    after = snapshot(supplier)
    if after == before:
        return supplier
    _check_company_number_free(supplier)
    supplier.save()
    audit_record(actor=actor, action="supplier.updated", subject=supplier, before=before, after=after,
                 organisation=supplier.organisation)
    return supplier


@transaction.atomic
def supplier_classify(*, supplier: Supplier, valid_from: date, size: str, is_vcse: bool,
                      actor) -> SupplierClassification:
    """Record the supplier's size band and VCSE status from a date (replacing one from the same date)."""
    if size not in SupplierSize.values:
        raise BusinessRuleViolation(code="SUP-8", message=f"'{size}' is not a size band")
    existing = SupplierClassification.objects.filter(supplier=supplier, valid_from=valid_from).first()
    if existing is not None and (existing.size, existing.is_vcse) == (size, is_vcse):
        return existing
    before = snapshot(supplier, many=("classifications",))
    classification, _ = SupplierClassification.objects.update_or_create(
        supplier=supplier, valid_from=valid_from, defaults={"size": size, "is_vcse": is_vcse})
    audit_record(actor=actor, action="supplier.classified", subject=supplier, before=before,
                 after=snapshot(supplier, many=("classifications",)), organisation=supplier.organisation)
    return classification


@transaction.atomic
def supplier_alias_add(*, supplier: Supplier, name: str, kind: str = AliasKind.ALIAS, actor=None) -> SupplierAlias:
    """Record another name of the supplier; adding one it already has returns that one.

    A name a person chose for this supplier when reviewing payees (`PAYEE_DECISION`) is always recorded: it
    settles which supplier a shared name means. Any other kind must differ from the supplier's legal name
    (SUP-6) and from every other supplier's names (SUP-7).
    """
    name = (name or "").strip()[:NAME_LENGTH]
    normalised = normalise_name(name)[:NAME_LENGTH]
    if not normalised:
        raise BusinessRuleViolation(code="SUP-6", message="Enter the other name the supplier is known by")
    existing = SupplierAlias.objects.filter(supplier=supplier, normalised_name=normalised).first()
    if existing is not None:
        if kind == AliasKind.PAYEE_DECISION and existing.kind != kind:
            _alias_confirm(existing, actor)
        return existing
    if kind != AliasKind.PAYEE_DECISION:
        _check_alias_is_new_name(supplier, name, normalised)
    alias = SupplierAlias.objects.create(supplier=supplier, name=name, normalised_name=normalised, kind=kind,
                                         created_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="supplier.alias_added", subject=supplier,
                 after={"alias": alias.name, "kind": kind}, organisation=supplier.organisation)
    return alias


def _check_alias_is_new_name(supplier: Supplier, name: str, normalised: str) -> None:
    if normalised == supplier.normalised_name:
        raise BusinessRuleViolation(code="SUP-6", message=f"'{name}' is already the supplier's legal name")
    other = supplier_names_taken(organisation=supplier.organisation, normalised=normalised,
                                 exclude_supplier_id=supplier.pk).first()
    if other is not None:
        raise BusinessRuleViolation(code="SUP-7", message=f"'{name}' is already a name of {other.name}")


def _alias_confirm(alias: SupplierAlias, actor) -> None:
    """A person confirmed a name the supplier already had: it now settles ties like any decision."""
    before = {"alias": alias.name, "kind": alias.kind}
    alias.kind = AliasKind.PAYEE_DECISION
    alias.save(update_fields=["kind", "updated_at"])
    audit_record(actor=actor, action="supplier.alias_confirmed", subject=alias.supplier, before=before,
                 after={"alias": alias.name, "kind": alias.kind}, organisation=alias.supplier.organisation)
