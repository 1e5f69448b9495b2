from datetime import date
from decimal import Decimal

import pytest

from procure.contracts import rules, services
from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.contracts.models import Category, Contract, ContractExtension, Framework
from procure.contracts.tests.factories import ContractExtensionFactory, ContractFactory, FrameworkFactory
from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.organisations.tests.factories import DepartmentFactory
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


def _create(organisation, officer, suppliers, **fields):
    values = {"reference": "LC-2025-044", "title": "Officer and staff uniforms",
              "starts_on": date(2025, 6, 1), "ends_on": date(2029, 5, 31), **fields}
    return services.contract_create(organisation=organisation, actor=officer, suppliers=suppliers, **values)


def test_contract_create_records_suppliers_categories_and_an_audit_event(organisation, officer, supplier):
    uniforms = Category.objects.get(scheme="proclass", code="141300")
    contract = _create(organisation, officer, [supplier], categories=[uniforms],
                       total_value_net=Decimal("3200000.00"), total_value_gross=Decimal("3840000.00"))
    assert contract.final_ends_on == date(2029, 5, 31)
    assert list(contract.suppliers.all()) == [supplier]
    event = audit_history(contract).get()
    assert (event.action, event.actor, event.organisation) == ("contract.created", officer, organisation)
    assert event.after["suppliers"] == ["Pendle Joinery Ltd"]
    assert event.after["categories"] == ["Uniforms"]
    assert event.after["total_value_net"] == "3200000.00"


@pytest.mark.parametrize(("_case", "fields", "code"), [
    ("ends before it starts", {"ends_on": date(2025, 5, 31)}, "CON-3"),
    ("call-off without a framework", {"route": RouteToMarket.FRAMEWORK_CALL_OFF}, "CON-5"),
    ("gross below net", {"total_value_net": Decimal("10.00"), "total_value_gross": Decimal("9.99")}, "CON-6"),
    ("negative value", {"annual_value_net": Decimal("-1.00")}, "CON-7"),
])
def test_contract_create_refuses_a_broken_rule_and_writes_nothing(organisation, officer, supplier, _case,
                                                                 fields, code):
    with pytest.raises(BusinessRuleViolation, match=code):
        _create(organisation, officer, [supplier], **fields)
    assert not Contract.objects.exists()


def test_contract_create_needs_a_supplier_and_a_new_reference(organisation, officer, supplier, contract):
    with pytest.raises(BusinessRuleViolation, match="CON-8"):
        _create(organisation, officer, [])
    with pytest.raises(BusinessRuleViolation, match="CON-11"):
        _create(organisation, officer, [supplier], reference=contract.reference)
    assert Contract.objects.count() == 1


def test_contract_create_refuses_another_organisations_framework_and_supplier(organisation,
                                                                             other_organisation, officer,
                                                                             supplier):
    framework = FrameworkFactory(organisation=other_organisation)
    with pytest.raises(BusinessRuleViolation, match="CON-10"):
        _create(organisation, officer, [supplier], route=RouteToMarket.FRAMEWORK_CALL_OFF,
                framework=framework)
    with pytest.raises(BusinessRuleViolation, match="CON-10"):
        _create(organisation, officer, [SupplierFactory(organisation=other_organisation)])
    assert not Contract.objects.exists()


def test_contract_update_audits_fields_and_lists_before_and_after(organisation, officer, contract,
                                                                  other_supplier, other_organisation):
    department = DepartmentFactory(organisation=organisation, name="Estates")
    services.contract_update(contract=contract, actor=officer, title="Custody and front counter security",
                             department=department, suppliers=[contract.suppliers.get(), other_supplier],
                             participating_organisations=[other_organisation])
    event = audit_history(contract).first()
    assert event.action == "contract.updated"
    changes = {name: (before, after) for name, before, after in event.changes}
    assert changes["title"] == ("Custody suite security", "Custody and front counter security")
    assert changes["department"] == (None, "Estates")
    assert changes["suppliers"] == (["Pendle Joinery Ltd"],
                                    ["Pendle Joinery Ltd", "Ribble Cleaning Services Ltd"])
    assert changes["participating_organisations"] == ([], ["Other Constabulary"])


def test_contract_update_with_the_same_values_writes_no_audit_event(officer, contract):
    services.contract_update(contract=contract, actor=officer, title=contract.title,
                             suppliers=list(contract.suppliers.all()))
    assert not audit_history(contract).exists()


def test_contract_update_refused_leaves_the_contract_as_it_was(officer, contract):
    with pytest.raises(BusinessRuleViolation, match="CON-3"):
        services.contract_update(contract=contract, actor=officer, ends_on=date(2020, 1, 1), title="Changed")
    contract.refresh_from_db()
    assert (contract.title, contract.ends_on) == ("Custody suite security", date(2027, 3, 31))


def test_contract_update_refuses_fields_it_does_not_own(officer, contract):
    with pytest.raises(TypeError, match="final_ends_on"):
        services.contract_update(contract=contract, actor=officer, final_ends_on=date(2030, 1, 1))


def test_exercising_an_extension_moves_the_final_end_and_the_status(officer, contract):
    option = services.contract_extension_add(contract=contract, ends_on=date(2028, 3, 31), actor=officer)
    contract.refresh_from_db()
    assert contract.final_ends_on == date(2027, 3, 31)
    assert rules.contract_status(contract, on=date(2027, 6, 1)) == ContractStatus.EXPIRED
    services.contract_extension_exercise(extension=option, actor=officer, exercised_on=date(2027, 1, 10))
    contract.refresh_from_db()
    option.refresh_from_db()
    assert contract.final_ends_on == date(2028, 3, 31)
    assert (option.is_exercised, option.exercised_on) == (True, date(2027, 1, 10))
    assert option.exercised_by == officer
    assert rules.contract_status(contract, on=date(2027, 6, 1)) == ContractStatus.EXTENDED
    assert [event.action for event in audit_history(contract)] == ["contract.extension_exercised",
                                                                   "contract.extension_added"]


def test_an_extension_must_end_after_the_current_end(officer, contract):
    with pytest.raises(BusinessRuleViolation, match="CON-4"):
        services.contract_extension_add(contract=contract, ends_on=date(2027, 3, 31), actor=officer)
    assert not ContractExtension.objects.exists()


def test_an_extension_is_exercised_once_and_never_backwards(officer, contract):
    first = ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    second = ContractExtensionFactory(contract=contract, ends_on=date(2029, 3, 31))
    services.contract_extension_exercise(extension=second, actor=officer, exercised_on=date(2027, 1, 1))
    with pytest.raises(BusinessRuleViolation, match="CON-9"):
        services.contract_extension_exercise(extension=second, actor=officer, exercised_on=date(2027, 1, 2))
    with pytest.raises(BusinessRuleViolation, match="CON-4"):
        services.contract_extension_exercise(extension=first, actor=officer, exercised_on=date(2027, 1, 2))
    first.refresh_from_db()
    assert not first.is_exercised


def test_changing_the_end_date_keeps_exercised_extensions(officer, contract):
    option = ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    services.contract_extension_exercise(extension=option, actor=officer, exercised_on=date(2027, 1, 1))
    services.contract_update(contract=contract, actor=officer, ends_on=date(2027, 6, 30))
    contract.refresh_from_db()
    assert contract.final_ends_on == date(2028, 3, 31)


def test_contract_delete_keeps_what_it_was_in_the_audit_trail(officer, contract):
    ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    pk = contract.pk
    services.contract_delete(contract=contract, actor=officer)
    assert not Contract.objects.filter(pk=pk).exists()
    assert not ContractExtension.objects.exists()
    contract.pk = pk
    event = audit_history(contract).get()
    assert event.action == "contract.deleted"
    assert event.before["reference"] == "LC-2024-007"
    assert event.before["extensions"] == ["Extension to 31/03/2028 (option)"]


def test_a_withdrawn_option_is_audited_and_an_exercised_one_cannot_be(officer, contract):
    option = ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    services.contract_extension_remove(extension=option, actor=officer)
    assert audit_history(contract).first().action == "contract.extension_removed"
    exercised = ContractExtensionFactory(contract=contract, ends_on=date(2029, 3, 31), is_exercised=True)
    with pytest.raises(BusinessRuleViolation, match="CON-13"):
        services.contract_extension_remove(extension=exercised, actor=officer)
    assert ContractExtension.objects.filter(pk=exercised.pk).exists()


def test_framework_create_is_audited_and_not_recorded_twice(organisation, officer):
    framework = services.framework_create(organisation=organisation, actor=officer, name="Supply of Energy 2",
                                          provider="Crown Commercial Service", reference="RM6011")
    assert audit_history(framework).get().action == "framework.created"
    with pytest.raises(BusinessRuleViolation, match="CON-14"):
        services.framework_create(organisation=organisation, actor=officer, name="supply of energy 2",
                                  provider="CROWN COMMERCIAL SERVICE")
    assert Framework.objects.count() == 1


def test_factory_contract_is_consistent(contract):
    assert contract.final_ends_on == contract.ends_on
    assert ContractFactory().suppliers.count() == 1
