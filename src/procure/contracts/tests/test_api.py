from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from procure.contracts.models import Contract
from procure.contracts.tests.factories import ContractFactory, FrameworkFactory
from procure.core.audit import audit_history
from procure.organisations.choices import Role
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = ["api_contract_list", "api_contract_detail", "api_framework_list", "api_category_list",
                  "api_category_detail", "api_cpv_list"]


@pytest.fixture
def api():
    return APIClient()


def _url(name, organisation, contract=None, category_id=None):
    if name == "api_contract_detail":
        return reverse(name, args=[organisation.slug, contract.pk])
    if name == "api_category_detail":
        return reverse(name, args=[organisation.slug, category_id])
    return reverse(name, args=[organisation.slug])


@pytest.fixture
def category_id():
    from procure.contracts.models import Category

    return Category.objects.get(scheme="proclass", code="191400").pk


@pytest.mark.parametrize("name", READ_ENDPOINTS)
def test_anonymous_requests_are_refused(api, organisation, contract, category_id, name):
    assert api.get(_url(name, organisation, contract, category_id)).status_code in (401, 403)


@pytest.mark.parametrize("name", READ_ENDPOINTS)
def test_people_without_a_role_here_are_refused(api, organisation, other_organisation, user_with_role,
                                               contract, category_id, name):
    api.force_authenticate(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation))
    assert api.get(_url(name, organisation, contract, category_id)).status_code == 403


@pytest.mark.parametrize("name", READ_ENDPOINTS)
def test_staff_read_every_endpoint(api, organisation, user_with_role, contract, category_id, name):
    api.force_authenticate(user_with_role(Role.AUDITOR, organisation))
    assert api.get(_url(name, organisation, contract, category_id)).status_code == 200


def test_contract_list_gives_money_as_strings_and_the_status(api, officer, organisation, contract):
    api.force_authenticate(officer)
    body = api.get(_url("api_contract_list", organisation)).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["reference"], item["total_value_net"], item["total_value_gross"]) == (
        "LC-2024-007", "300000.00", "360000.00")
    assert item["status"] in ("live", "expired", "not_started", "extended")
    assert item["suppliers"][0]["name"] == "Pendle Joinery Ltd"


def test_contract_list_uses_the_register_filters(api, officer, organisation, contract):
    ContractFactory(organisation=organisation, reference="OLD-1", ends_on=date(2024, 12, 31))
    api.force_authenticate(officer)
    url = _url("api_contract_list", organisation)
    expired = api.get(url, {"status": "expired", "status_on": "2025-06-01"}).json()["results"]
    assert [(item["reference"], item["status"]) for item in expired] == [("OLD-1", "expired")]
    before = api.get(url, {"status_on": "2024-01-01"}).json()["results"]
    assert {item["status"] for item in before} == {"not_started"}
    searched = api.get(url, {"q": "pendle"}).json()["results"]
    assert [item["reference"] for item in searched] == ["LC-2024-007"]
    ordered = api.get(url, {"ordering": "-reference"}).json()["results"]
    assert [item["reference"] for item in ordered] == ["OLD-1", "LC-2024-007"]


def test_contract_list_query_count_is_fixed(api, officer, organisation, django_assert_max_num_queries):
    for _ in range(30):
        ContractFactory(organisation=organisation, suppliers=[SupplierFactory(organisation=organisation)])
    api.force_authenticate(officer)
    with django_assert_max_num_queries(13):
        assert len(api.get(_url("api_contract_list", organisation)).json()["results"]) == 30


def test_supplier_users_read_only_their_supplier_contracts(api, supplier_user, organisation, contract,
                                                           other_contract):
    api.force_authenticate(supplier_user)
    body = api.get(_url("api_contract_list", organisation)).json()
    assert [item["reference"] for item in body["results"]] == ["LC-2024-007"]
    assert api.get(_url("api_contract_detail", organisation, other_contract)).status_code == 404
    assert api.get(_url("api_framework_list", organisation)).status_code == 403


def _payload(supplier, **changes):
    payload = {"reference": "LC-2026-010", "title": "Vehicle recovery", "suppliers": [supplier.pk],
               "starts_on": "2026-04-01", "ends_on": "2029-03-31", "total_value_net": "120000.00",
               "total_value_gross": "144000.00", "cpv_codes": ["98351000-8"]}
    payload.update(changes)
    return payload


def test_officer_adds_a_contract_through_the_service(api, officer, organisation, supplier):
    api.force_authenticate(officer)
    response = api.post(_url("api_contract_list", organisation), _payload(supplier), format="json")
    assert response.status_code == 201
    assert response.json()["total_value_net"] == "120000.00"
    contract = Contract.objects.get(reference="LC-2026-010")
    assert audit_history(contract).get().action == "contract.created"


def test_a_broken_rule_is_a_400_naming_the_field(api, officer, organisation, supplier):
    api.force_authenticate(officer)
    response = api.post(_url("api_contract_list", organisation),
                        _payload(supplier, route="framework_call_off"), format="json")
    assert response.status_code == 400
    assert response.json() == {"framework": ["CON-5: Choose the framework this contract is called off from"]}
    assert not Contract.objects.exists()


def test_another_organisations_supplier_or_framework_is_refused(api, officer, organisation,
                                                               other_organisation, supplier):
    api.force_authenticate(officer)
    foreign = SupplierFactory(organisation=other_organisation)
    framework = FrameworkFactory(organisation=other_organisation)
    response = api.post(_url("api_contract_list", organisation),
                        _payload(foreign, route="framework_call_off", framework=framework.pk), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"suppliers", "framework"}
    assert not Contract.objects.exists()


def test_officer_changes_a_contract_with_patch(api, officer, organisation, contract):
    api.force_authenticate(officer)
    response = api.patch(_url("api_contract_detail", organisation, contract),
                         {"title": "Custody and front counter security", "annual_value_net": "110000.50"},
                         format="json")
    assert response.status_code == 200
    contract.refresh_from_db()
    assert (contract.title, contract.annual_value_net) == ("Custody and front counter security",
                                                           Decimal("110000.50"))
    assert audit_history(contract).get().action == "contract.updated"


@pytest.mark.parametrize("role", [Role.BUDGET_HOLDER, Role.AUDITOR, Role.SUPPLIER_USER])
def test_people_who_may_not_change_contracts_are_refused(api, user_with_role, organisation, contract,
                                                         supplier, role):
    api.force_authenticate(user_with_role(role, organisation))
    assert api.patch(_url("api_contract_detail", organisation, contract), {"title": "Hijacked"},
                     format="json").status_code == 403
    added = api.post(_url("api_contract_list", organisation), _payload(supplier), format="json")
    assert added.status_code == 403
    contract.refresh_from_db()
    assert contract.title == "Custody suite security"
    assert Contract.objects.count() == 1


def test_put_and_delete_are_not_offered(api, officer, organisation, contract):
    api.force_authenticate(officer)
    url = _url("api_contract_detail", organisation, contract)
    assert api.put(url, {}, format="json").status_code == 405
    assert api.delete(url).status_code == 405


def test_a_contract_another_organisation_takes_part_in_is_read_but_not_changed(api, user_with_role, contract,
                                                                               other_organisation):
    contract.participating_organisations.add(other_organisation)
    api.force_authenticate(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation))
    url = _url("api_contract_detail", other_organisation, contract)
    assert api.get(url).status_code == 200
    assert api.patch(url, {"title": "Hijacked"}, format="json").status_code == 404


def test_categories_and_cpv_codes_are_searchable(api, officer, organisation):
    api.force_authenticate(officer)
    categories = api.get(_url("api_category_list", organisation), {"q": "lifts"}).json()["results"]
    assert {item["code"] for item in categories} == {"191400", "191410", "191411", "191499"}
    codes = api.get(_url("api_cpv_list", organisation), {"q": "7971"}).json()["results"]
    assert codes[0] == {"code": "79710000-4", "description": "Security services", "significant_digits": 4}


def test_the_schema_documents_the_contract_endpoints(api, officer):
    api.force_authenticate(officer)
    schema = api.get(reverse("api_schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/o/{org}/contracts/" in paths and "/api/o/{org}/cpv-codes/" in paths
    assert set(paths["/api/o/{org}/contracts/{id}/"]) >= {"get", "patch"}
    money = schema["components"]["schemas"]["Contract"]["properties"]["total_value_net"]
    assert money["type"] == "string"
