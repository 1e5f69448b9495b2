from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation
from procure.suppliers.choices import AliasKind, SupplierSize, SupplierSource
from procure.suppliers.matching import MatchResult, Suggestion, normalise_company_number, normalise_name
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.rules import normalise_postcode, postcode_district
from procure.suppliers.selectors import supplier_name_index


def _prepare(supplier: Supplier) -> None:
    supplier.normalised_name = normalise_name(supplier.name)
    supplier.companies_house_number = normalise_company_number(supplier.companies_house_number)
    supplier.postcode = normalise_postcode(supplier.postcode)
    supplier.postcode_district = postcode_district(supplier.postcode)


@transaction.atomic
def supplier_create(*, organisation: Organisation, name: str, actor=None, size: str | None = None,
                    is_vcse: bool = False, classified_from: date | None = None, **fields) -> Supplier:
    """Add a supplier; with `size` (or `is_vcse`) also its first classification, holding from `classified_from`."""
    number = normalise_company_number(fields.get("companies_house_number", ""))
    if number and Supplier.objects.filter(organisation=organisation, companies_house_number=number).exists():
        raise BusinessRuleViolation(code="SUP-1", message=f"A supplier with company number {number} already exists")
    supplier = Supplier(organisation=organisation, name=name.strip(), **fields)
    _prepare(supplier)
    supplier.save()
    audit_record(actor=actor, action="supplier.created", subject=supplier, after=snapshot(supplier),
                 organisation=organisation)
    if size is not None or is_vcse:
        supplier_classify(supplier=supplier, valid_from=classified_from or date(2000, 1, 1),
                          size=size or SupplierSize.UNKNOWN, is_vcse=is_vcse, actor=actor)
    return supplier


@transaction.atomic
def supplier_update(*, supplier: Supplier, actor, **fields) -> Supplier:
    before = snapshot(supplier)
    for name, value in fields.items():
        setattr(supplier, name, value)
    _prepare(supplier)
    supplier.save()
    audit_record(actor=actor, action="supplier.updated", subject=supplier, before=before,
                 after=snapshot(supplier), organisation=supplier.organisation)
    return supplier


@transaction.atomic
def supplier_classify(*, supplier: Supplier, valid_from: date, size: str, is_vcse: bool, actor) -> SupplierClassification:
    """Record the supplier's size band and VCSE status from a date (replacing one from the same date)."""
    before = snapshot(supplier, many=("classifications",))
    classification, _ = SupplierClassification.objects.update_or_create(
        supplier=supplier, valid_from=valid_from, defaults={"size": size, "is_vcse": is_vcse})
    audit_record(actor=actor, action="supplier.classified", subject=supplier, before=before,
                 after=snapshot(supplier, many=("classifications",)), organisation=supplier.organisation)
    return classification


@transaction.atomic
def supplier_alias_add(*, supplier: Supplier, name: str, kind: str = AliasKind.ALIAS, actor=None) -> SupplierAlias:
    normalised = normalise_name(name)
    existing = SupplierAlias.objects.filter(supplier=supplier, normalised_name=normalised).first()
    if existing is not None:
        return existing
    alias = SupplierAlias.objects.create(supplier=supplier, name=name.strip(), normalised_name=normalised, kind=kind,
                                         created_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="supplier.alias_added", subject=supplier,
                 after={"alias": alias.name, "kind": kind}, organisation=supplier.organisation)
    return alias


@dataclass(frozen=True)
class PayeeInput:
    name: str
    company_number: str = ""


@dataclass
class PayeeResolution:
    """How one payee name was resolved at import."""

    name: str
    supplier_id: int | None
    method: str  # company_number, exact, fuzzy, review, new
    score: float = 0.0
    suggestions: list[Suggestion] = field(default_factory=list)


def payees_resolve(*, organisation: Organisation, payees: list[PayeeInput], actor=None,
                   create_missing: bool = True) -> dict[str, PayeeResolution]:
    """Resolve payee names to suppliers, keyed by payee name.

    Confident matches (company number, exact name or alias, close spelling with a clear lead) link; a
    close spelling is remembered as an alias. Uncertain names get ranked suggestions and no supplier, for
    a person to decide. Names like nothing in the register become new, unverified suppliers
    (when `create_missing`). Call inside the caller's transaction: an import that fails creates nothing.
    """
    index = supplier_name_index(organisation=organisation)
    auto_link = settings.PROCURE_PAYEE_AUTO_LINK_SCORE
    suggest = settings.PROCURE_PAYEE_SUGGEST_SCORE
    resolutions: dict[str, PayeeResolution] = {}
    for payee in payees:
        if payee.name in resolutions:
            continue
        result: MatchResult = index.match(payee.name, company_number=payee.company_number,
                                          auto_link=auto_link, suggest=suggest)
        method, supplier_id = result.method, result.supplier_id
        if method == "fuzzy":
            supplier = Supplier.objects.get(pk=supplier_id)
            supplier_alias_add(supplier=supplier, name=payee.name, kind=AliasKind.PAYEE_MATCH, actor=actor)
            index.add(normalise_name(payee.name), supplier.pk, supplier.name)
        elif method == "none" and create_missing:
            supplier = supplier_create(organisation=organisation, name=payee.name, actor=actor,
                                       source=SupplierSource.SPEND_FILE,
                                       companies_house_number=payee.company_number)
            method, supplier_id = "new", supplier.pk
            index.add(supplier.normalised_name, supplier.pk, supplier.name)
            if supplier.companies_house_number:
                index.company_numbers[supplier.companies_house_number] = supplier.pk
        resolutions[payee.name] = PayeeResolution(payee.name, supplier_id, method, result.score, result.suggestions)
    return resolutions
