"""Writes to the contracts register. Every change is checked against the rules and audited."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from procure.contracts import rules
from procure.contracts.models import Category, Contract, ContractExtension, CpvCode, Framework
from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.suppliers.models import Supplier

RELATIONS = ("suppliers", "categories", "participating_organisations", "cpv_codes", "extensions")
EDITABLE_FIELDS = (
    "reference", "title", "description", "collaborative_bodies", "department", "owner", "route", "framework",
    "total_value_net", "total_value_gross", "annual_value_net", "annual_value_gross", "starts_on", "ends_on",
    "review_due_on", "is_managed_by_procurement",
)


def contract_snapshot(contract: Contract) -> dict:
    """The contract's fields and its relations, as the audit trail keeps them."""
    return snapshot(contract, many=RELATIONS)


def _check(contract: Contract, *, suppliers: Iterable[Supplier]) -> None:
    rules.check_contract_dates(starts_on=contract.starts_on, ends_on=contract.ends_on)
    rules.check_framework_named(route=contract.route, framework=contract.framework)
    rules.check_values_not_negative(
        total_value_net=contract.total_value_net, total_value_gross=contract.total_value_gross,
        annual_value_net=contract.annual_value_net, annual_value_gross=contract.annual_value_gross)
    rules.check_gross_not_below_net(net=contract.total_value_net, gross=contract.total_value_gross)
    rules.check_gross_not_below_net(net=contract.annual_value_net, gross=contract.annual_value_gross,
                                    what="annual value")
    rules.check_has_supplier(suppliers)
    rules.check_same_organisation(organisation_id=contract.organisation_id, related=contract.framework,
                                  what="framework")
    rules.check_same_organisation(organisation_id=contract.organisation_id, related=contract.department,
                                  what="department")
    for supplier in suppliers:
        rules.check_same_organisation(organisation_id=contract.organisation_id, related=supplier,
                                      what="supplier")
    duplicate = Contract.objects.filter(organisation_id=contract.organisation_id,
                                        reference=contract.reference)
    if duplicate.exclude(pk=contract.pk).exists():
        raise BusinessRuleViolation(code="CON-11",
                                    message=f"A contract with reference {contract.reference} already exists")


def _final_end(contract: Contract) -> date:
    exercised = contract.extensions.filter(is_exercised=True).values_list("ends_on",
                                                                          flat=True) if contract.pk else []
    return rules.contract_final_end(contract.ends_on, exercised)


def _set_relations(contract: Contract, relations: dict[str, Iterable | None]) -> None:
    for name, items in relations.items():
        if items is not None:
            getattr(contract, name).set(list(items))


@transaction.atomic
def contract_create(
    *, organisation: Organisation, actor: User | None, reference: str, title: str, starts_on: date,
    ends_on: date, suppliers: Iterable[Supplier], categories: Iterable[Category] = (),
    participating_organisations: Iterable[Organisation] = (), cpv_codes: Iterable[CpvCode] = (), **fields,
) -> Contract:
    """Add a contract to the register with its suppliers, categories and other parties."""
    suppliers = list(suppliers)
    contract = Contract(organisation=organisation, reference=reference.strip(), title=title.strip(),
                        starts_on=starts_on, ends_on=ends_on, **_only_editable(fields))
    _check(contract, suppliers=suppliers)
    contract.final_ends_on = contract.ends_on
    contract.save()
    _set_relations(contract, {"suppliers": suppliers, "categories": categories, "cpv_codes": cpv_codes,
                              "participating_organisations": participating_organisations})
    audit_record(actor=actor, action="contract.created", subject=contract, after=contract_snapshot(contract),
                 organisation=organisation)
    return contract


@transaction.atomic
def contract_update(
    *, contract: Contract, actor: User | None, suppliers: Iterable[Supplier] | None = None,
    categories: Iterable[Category] | None = None, cpv_codes: Iterable[CpvCode] | None = None,
    participating_organisations: Iterable[Organisation] | None = None, **fields,
) -> Contract:
    """Change a contract's fields and (when given) replace its lists of suppliers, categories and parties.

    Nothing is written, and nothing audited, when the values given are the ones the contract already has.
    """
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    before = contract_snapshot(contract)
    for name, value in _only_editable(fields).items():
        setattr(contract, name, value)
    suppliers = list(suppliers) if suppliers is not None else None
    _check(contract, suppliers=suppliers if suppliers is not None else contract.suppliers.all())
    contract.final_ends_on = _final_end(contract)
    contract.save()
    _set_relations(contract, {"suppliers": suppliers, "categories": categories, "cpv_codes": cpv_codes,
                              "participating_organisations": participating_organisations})
    after = contract_snapshot(contract)
    if after != before:
        audit_record(actor=actor, action="contract.updated", subject=contract, before=before, after=after,
                     organisation=contract.organisation)
    return contract


@transaction.atomic
def contract_delete(*, contract: Contract, actor: User | None) -> None:
    """Remove a contract and its extension options; the audit trail keeps what it was."""
    audit_record(actor=actor, action="contract.deleted", subject=contract, before=contract_snapshot(contract),
                 organisation=contract.organisation)
    contract.delete()


@transaction.atomic
def contract_extension_add(*, contract: Contract, ends_on: date, actor: User | None) -> ContractExtension:
    """Record an option to extend the contract to a later date (not yet exercised)."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    rules.check_extension_ends_after_current_end(extension_ends_on=ends_on,
                                                 current_end=contract.final_ends_on)
    if contract.extensions.filter(ends_on=ends_on).exists():
        raise BusinessRuleViolation(code="CON-12",
                                    message=f"There is already an extension option to {ends_on:%d/%m/%Y}")
    before = contract_snapshot(contract)
    extension = ContractExtension.objects.create(contract=contract, ends_on=ends_on)
    audit_record(actor=actor, action="contract.extension_added", subject=contract, before=before,
                 after=contract_snapshot(contract), organisation=contract.organisation)
    return extension


@transaction.atomic
def contract_extension_exercise(*, extension: ContractExtension, actor: User | None,
                                exercised_on: date) -> ContractExtension:
    """Exercise an extension option: the contract's final end date moves to the extension's end."""
    contract = Contract.objects.select_for_update().get(pk=extension.contract_id)
    extension = ContractExtension.objects.get(pk=extension.pk)
    rules.check_extension_not_exercised(is_exercised=extension.is_exercised)
    rules.check_extension_ends_after_current_end(extension_ends_on=extension.ends_on,
                                                 current_end=contract.final_ends_on)
    before = contract_snapshot(contract)
    extension.is_exercised = True
    extension.exercised_on = exercised_on
    extension.exercised_by = actor if getattr(actor, "pk", None) else None
    extension.save()
    contract.final_ends_on = _final_end(contract)
    contract.save(update_fields=["final_ends_on", "updated_at"])
    audit_record(actor=actor, action="contract.extension_exercised", subject=contract, before=before,
                 after=contract_snapshot(contract), organisation=contract.organisation)
    return extension


@transaction.atomic
def contract_extension_remove(*, extension: ContractExtension, actor: User | None) -> None:
    """Withdraw an extension option that has not been exercised."""
    contract = Contract.objects.select_for_update().get(pk=extension.contract_id)
    if extension.is_exercised:
        raise BusinessRuleViolation(code="CON-13", message="An exercised extension cannot be removed")
    before = contract_snapshot(contract)
    extension.delete()
    audit_record(actor=actor, action="contract.extension_removed", subject=contract, before=before,
                 after=contract_snapshot(contract), organisation=contract.organisation)


@transaction.atomic
def framework_create(*, organisation: Organisation, actor: User | None, name: str, provider: str,
                     **fields) -> Framework:
    """Record a framework agreement that contracts can be called off from."""
    if Framework.objects.filter(organisation=organisation, name__iexact=name.strip(),
                                provider__iexact=provider.strip()).exists():
        raise BusinessRuleViolation(code="CON-14", message=f"{provider}: {name} is already recorded")
    framework = Framework.objects.create(organisation=organisation, name=name.strip(),
                                         provider=provider.strip(),
                                         **fields)
    audit_record(actor=actor, action="framework.created", subject=framework, after=snapshot(framework),
                 organisation=organisation)
    return framework


def _only_editable(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not a field a contract service can set: {', '.join(sorted(unknown))}")
    return fields
