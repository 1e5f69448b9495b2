from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation
from procure.suppliers import rules
from procure.suppliers.choices import AliasKind, SupplierSource
from procure.suppliers.matching import MatchResult, Suggestion, SupplierNameIndex, normalise_company_number
from procure.suppliers.models import Supplier
from procure.suppliers.selectors import supplier_name_index
from procure.suppliers.services.register import supplier_alias_add, supplier_create


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


@transaction.atomic
def payees_resolve(*, organisation: Organisation, payees: list[PayeeInput], actor=None,
                   create_missing: bool = True, index: SupplierNameIndex | None = None,
                   ) -> dict[str, PayeeResolution]:
    """Resolve payee names to suppliers, keyed by payee name.

    Confident matches (company number, exact name or alias, close spelling with a clear lead) link; a
    close spelling is remembered as an alias. Uncertain names get ranked suggestions and no supplier, for
    a person to decide. Names like nothing in the register become new, unverified suppliers
    (when `create_missing`). Runs inside the caller's transaction: an import that fails creates nothing.
    `index`: the organisation's supplier_name_index, when the caller resolves payees in several calls (it
    is kept up to date with the aliases and suppliers made here).
    """
    index = index if index is not None else supplier_name_index(organisation=organisation)
    resolutions: dict[str, PayeeResolution] = {}
    for payee in payees:
        if payee.name in resolutions or not payee.name.strip():
            continue
        result: MatchResult = index.match(payee.name, company_number=payee.company_number,
                                          auto_link=settings.PROCURE_PAYEE_AUTO_LINK_SCORE,
                                          suggest=settings.PROCURE_PAYEE_SUGGEST_SCORE)
        resolution = PayeeResolution(payee.name, result.supplier_id, result.method, result.score, result.suggestions)
        if result.method == "fuzzy":
            _remember_spelling(index, payee, result.supplier_id, actor)
        elif result.method == "none" and create_missing:
            supplier = _supplier_from_payee(index, organisation, payee, actor)
            resolution.supplier_id, resolution.method = supplier.pk, "new"
        resolutions[payee.name] = resolution
    return resolutions


def _remember_spelling(index: SupplierNameIndex, payee: PayeeInput, supplier_id: int, actor) -> None:
    """A close spelling linked automatically becomes an alias, so the next file matches it exactly."""
    supplier = Supplier.objects.get(pk=supplier_id)
    try:
        alias = supplier_alias_add(supplier=supplier, name=payee.name, kind=AliasKind.PAYEE_MATCH, actor=actor)
    except BusinessRuleViolation:
        return
    index.add(alias.normalised_name, supplier.pk, supplier.name)


def _supplier_from_payee(index: SupplierNameIndex, organisation: Organisation, payee: PayeeInput,
                         actor) -> Supplier:
    number = normalise_company_number(payee.company_number)
    supplier = supplier_create(
        organisation=organisation, name=payee.name, actor=actor, source=SupplierSource.SPEND_FILE,
        companies_house_number=number if rules.is_valid_company_number(number) else "")
    index.add(supplier.normalised_name, supplier.pk, supplier.name)
    if supplier.companies_house_number:
        index.company_numbers[supplier.companies_house_number] = supplier.pk
    return supplier
