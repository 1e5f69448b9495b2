"""Writing the supplier register, frameworks and contracts, with one audit event per record.

The supplier and contract services write one record at a time, with several queries each: building the
demo's 1,500 suppliers and 320 contracts through them takes longer than all the rest of the build. So
suppliers and contracts are prepared the way those services prepare them (the same normalising functions
and contract rules) and inserted in bulk; the few frameworks go through framework_create.
"""

from django.contrib.auth import get_user_model

from procure.contracts import rules
from procure.contracts.models import Category, Contract, ContractExtension, Framework
from procure.contracts.services import framework_create
from procure.demo.generator.audit import audit_created
from procure.demo.generator.bodies import FRAMEWORKS
from procure.demo.generator.contracts import ContractPlan
from procure.demo.generator.suppliers import SupplierPlan
from procure.organisations.models import Department, Organisation
from procure.suppliers.choices import AliasKind, SupplierSource
from procure.suppliers.matching import normalise_company_number, normalise_name
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.rules import normalise_postcode, postcode_district

BATCH = 500
User = get_user_model()


def write_suppliers(demo: Organisation, plans: list[SupplierPlan]) -> list[Supplier]:
    suppliers = Supplier.objects.bulk_create([_supplier(demo, plan) for plan in plans], batch_size=BATCH)
    classifications = []
    aliases = []
    for plan, supplier in zip(plans, suppliers, strict=True):
        if not plan.is_public_body:
            classifications.append(SupplierClassification(
                supplier=supplier, valid_from=plan.classified_from, size=plan.size, is_vcse=plan.is_vcse))
        if plan.size_change:
            changed_on, size = plan.size_change
            classifications.append(SupplierClassification(
                supplier=supplier, valid_from=changed_on, size=size, is_vcse=plan.is_vcse))
        if plan.trading_name:
            aliases.append(SupplierAlias(supplier=supplier, name=plan.trading_name,
                                         normalised_name=normalise_name(plan.trading_name),
                                         kind=AliasKind.TRADING_NAME))
    SupplierClassification.objects.bulk_create(classifications, batch_size=BATCH)
    SupplierAlias.objects.bulk_create(aliases, batch_size=BATCH)
    by_supplier = {id(s): plan for s, plan in zip(suppliers, plans, strict=True)}
    audit_created(suppliers, action="supplier.created", organisation=demo,
                  extra=lambda supplier: _supplier_extra(by_supplier[id(supplier)]))
    return suppliers


def _supplier(demo: Organisation, plan: SupplierPlan) -> Supplier:
    postcode = normalise_postcode(plan.postcode)
    return Supplier(
        organisation=demo, name=plan.name, normalised_name=normalise_name(plan.name),
        companies_house_number=normalise_company_number(plan.companies_house_number),
        charity_number=plan.charity_number, vat_number=plan.vat_number, address_line_1=plan.address_line_1,
        address_line_2=plan.address_line_2, town=plan.town, postcode=postcode,
        postcode_district=postcode_district(postcode),
        is_living_wage_accredited=plan.living_wage_on is not None,
        living_wage_accredited_on=plan.living_wage_on, is_public_body=plan.is_public_body, is_verified=True,
        source=SupplierSource.DEMO,
    )


def _supplier_extra(plan: SupplierPlan) -> dict:
    classifications = [] if plan.is_public_body else [f"{plan.size} from {plan.classified_from.isoformat()}"]
    if plan.size_change:
        classifications.append(f"{plan.size_change[1]} from {plan.size_change[0].isoformat()}")
    return {"classifications": classifications, "is_vcse": plan.is_vcse,
            "aliases": [plan.trading_name] if plan.trading_name else []}


def write_frameworks(demo: Organisation, dates: dict) -> dict[str, Framework]:
    specs = {spec.key: spec for spec in FRAMEWORKS}
    return {key: framework_create(organisation=demo, actor=None, name=specs[key].name,
                                  provider=specs[key].provider, reference=specs[key].reference,
                                  is_public_buying_organisation=True, starts_on=first, ends_on=last)
            for key, (first, last) in dates.items()}


def write_contracts(demo: Organisation, plans: list[ContractPlan], *, suppliers: list[Supplier],
                    categories: dict[str, Category], departments: dict[str, Department],
                    frameworks: dict[str, Framework], partners: dict[str, Organisation],
                    officer: User, budget_holder: User) -> list[Contract]:
    """In bulk, checked by the contracts rules first, with the audit event contract_create would write."""
    records = [_contract(demo, plan, departments, frameworks, officer, budget_holder) for plan in plans]
    for plan, record in zip(plans, records, strict=True):
        _check(plan, record)
    contracts = Contract.objects.bulk_create(records, batch_size=BATCH)
    links = list(zip(plans, contracts, strict=True))
    Contract.suppliers.through.objects.bulk_create([
        Contract.suppliers.through(contract_id=c.pk, supplier_id=suppliers[s.index].pk)
        for plan, c in links for s in plan.suppliers], batch_size=BATCH)
    Contract.categories.through.objects.bulk_create([
        Contract.categories.through(contract_id=c.pk, category_id=categories[code].pk)
        for plan, c in links for code in plan.category_codes], batch_size=BATCH)
    Contract.participating_organisations.through.objects.bulk_create([
        Contract.participating_organisations.through(contract_id=c.pk, organisation_id=partners[slug].pk)
        for plan, c in links for slug in plan.partner_slugs], batch_size=BATCH)
    extensions = ContractExtension.objects.bulk_create([
        ContractExtension(contract=c, ends_on=e.ends_on, is_exercised=e.exercised_on is not None,
                          exercised_on=e.exercised_on, exercised_by=officer if e.exercised_on else None)
        for plan, c in links for e in plan.extensions], batch_size=BATCH)
    relations = _relations(links, suppliers, categories, partners, extensions)
    audit_created(contracts, action="contract.created", organisation=demo, extra=lambda c: relations[c.pk])
    return contracts


def _contract(demo, plan: ContractPlan, departments, frameworks, officer, budget_holder) -> Contract:
    return Contract(
        organisation=demo, reference=plan.reference, title=plan.title, description=plan.description,
        collaborative_bodies=plan.collaborative_bodies, department=departments[plan.department],
        owner=officer if plan.is_managed_by_procurement else budget_holder, route=plan.route,
        framework=frameworks.get(plan.framework_key), starts_on=plan.starts_on, ends_on=plan.ends_on,
        final_ends_on=rules.contract_final_end(plan.ends_on,
                                               [e.ends_on for e in plan.extensions if e.exercised_on]),
        is_managed_by_procurement=plan.is_managed_by_procurement, **plan.values())


def _check(plan: ContractPlan, contract: Contract) -> None:
    """The rules contract_create and the extension services apply, on the planned contract."""
    rules.check_contract_dates(starts_on=contract.starts_on, ends_on=contract.ends_on)
    rules.check_framework_named(route=contract.route, framework=contract.framework)
    rules.check_values_not_negative(total_value_net=contract.total_value_net,
                                    annual_value_net=contract.annual_value_net)
    rules.check_gross_not_below_net(net=contract.total_value_net, gross=contract.total_value_gross)
    rules.check_has_supplier(plan.suppliers)
    current_end = contract.ends_on
    for extension in plan.extensions:
        rules.check_extension_ends_after_current_end(
            extension_ends_on=extension.ends_on, current_end=current_end)
        current_end = extension.ends_on if extension.exercised_on else current_end


def _relations(links, suppliers, categories, partners, extensions) -> dict[int, dict]:
    """The contract's relations as the contracts services' snapshot lists them (sorted names)."""
    by_contract: dict[int, list[str]] = {}
    for extension in extensions:
        by_contract.setdefault(extension.contract_id, []).append(str(extension))
    return {contract.pk: {
        "suppliers": sorted(str(suppliers[s.index]) for s in plan.suppliers),
        "categories": sorted(str(categories[code]) for code in plan.category_codes),
        "participating_organisations": sorted(str(partners[slug]) for slug in plan.partner_slugs),
        "cpv_codes": [],
        "extensions": sorted(by_contract.get(contract.pk, [])),
    } for plan, contract in links}
