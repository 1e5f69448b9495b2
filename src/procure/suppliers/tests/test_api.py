from datetime import date

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.suppliers.choices import SupplierSize
from procure.suppliers.models import Supplier
from procure.suppliers.tests.factories import SupplierAliasFactory, SupplierClassificationFactory, SupplierFactory


def _list(organisation):
    return reverse("api_supplier_list", args=[organisation.slug])


def _detail(organisation, supplier):
    return reverse("api_supplier_detail", args=[organisation.slug, supplier.pk])


@pytest.mark.parametrize("endpoint", ["list", "detail"])
def test_supplier_api_read_permission_matrix(client, user_with_role, organisation, other_organisation, supplier,
                                             endpoint):
    url = _list(organisation) if endpoint == "list" else _detail(organisation, supplier)
    assert client.get(url).status_code in (401, 403)
    client.force_login(user_with_role(Role.EVALUATOR, other_organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR, other_organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.get(url).status_code == 200


def test_supplier_api_write_permission_matrix(client, user_with_role, organisation, other_organisation, supplier):
    new = {"name": "Darwen Drains Ltd"}
    assert client.post(_list(organisation), new, content_type="application/json").status_code in (401, 403)
    for role, where in ((Role.AUDITOR, organisation), (Role.PROCUREMENT_OFFICER, other_organisation)):
        client.force_login(user_with_role(role, where))
        assert client.post(_list(organisation), new, content_type="application/json").status_code == 403
        assert client.patch(_detail(organisation, supplier), {"town": "Darwen"},
                            content_type="application/json").status_code == 403
    supplier.refresh_from_db()
    assert not Supplier.objects.filter(name="Darwen Drains Ltd").exists() and supplier.town == "Preston"


def test_supplier_user_reads_only_their_own_supplier_and_changes_nothing(client, organisation, supplier,
                                                                        supplier_user):
    other = SupplierFactory(organisation=organisation)
    client.force_login(supplier_user)
    assert [row["id"] for row in client.get(_list(organisation)).json()["results"]] == [supplier.pk]
    assert client.get(_detail(organisation, other)).status_code == 404
    assert client.patch(_detail(organisation, supplier), {"name": "Mine Now"},
                        content_type="application/json").status_code == 403
    supplier.refresh_from_db()
    assert supplier.name == "Pendle Joinery Ltd"


def test_supplier_api_lists_with_current_size_aliases_and_dates_as_strings(client, officer, organisation, supplier):
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2021, 4, 1), size=SupplierSize.MICRO)
    SupplierAliasFactory(supplier=supplier, name="Pendle Doors")
    client.force_login(officer)
    row = client.get(_list(organisation)).json()["results"][0]
    assert (row["name"], row["companies_house_number"], row["current_size"], row["current_is_vcse"]) == (
        "Pendle Joinery Ltd", "04166647", "micro", False)
    assert row["classifications"] == [{"valid_from": "2021-04-01", "size": "micro", "is_vcse": False}]
    assert row["aliases"] == [{"name": "Pendle Doors", "kind": "trading_name"}]


def test_supplier_api_filters_like_the_register(client, officer, organisation, supplier):
    SupplierFactory(organisation=organisation, name="Burnley Glass Ltd", postcode="", postcode_district="")
    client.force_login(officer)

    def names(**filters):
        return [row["name"] for row in client.get(_list(organisation), filters).json()["results"]]

    assert names(q="4166647") == ["Pendle Joinery Ltd"]
    assert names(has_no_postcode="true") == ["Burnley Glass Ltd"]
    assert names(size="unknown") == ["Burnley Glass Ltd", "Pendle Joinery Ltd"]


def test_supplier_api_list_query_count_does_not_grow(client, officer, organisation, django_assert_max_num_queries):
    for _ in range(25):
        supplier = SupplierFactory(organisation=organisation)
        SupplierClassificationFactory(supplier=supplier)
        SupplierAliasFactory(supplier=supplier)
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        response = client.get(_list(organisation))
    assert response.json()["count"] == 25


def test_officer_creates_a_supplier_through_the_api_and_it_is_audited(client, officer, organisation):
    client.force_login(officer)
    response = client.post(_list(organisation), {"name": "Darwen Drains Ltd", "companies_house_number": "1234567",
                                                 "postcode": "bb3 1aa", "size": "small", "is_vcse": True},
                           content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["companies_house_number"], body["postcode"], body["current_size"], body["current_is_vcse"]) == (
        "01234567", "BB3 1AA", "small", True)
    assert AuditEvent.objects.filter(action="supplier.created", actor=officer, subject_id=str(body["id"])).exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": ""}, "name", "Enter the supplier's legal name"),
    ({"name": "X", "postcode": "NOWHERE"}, "postcode", "Enter a real UK postcode, like PR4 5SB"),
    ({"name": "X", "companies_house_number": "04166647"}, "companies_house_number", "already has company number"),
])
def test_api_refuses_bad_suppliers_with_field_messages(client, officer, organisation, supplier, data, field, message):
    client.force_login(officer)
    response = client.post(_list(organisation), data, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert Supplier.objects.count() == 1


def test_officer_patches_a_supplier_and_the_change_is_audited(client, officer, organisation, supplier):
    client.force_login(officer)
    response = client.patch(_detail(organisation, supplier), {"town": "Colne", "postcode": "bb8 0aa"},
                            content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["town"], response.json()["postcode_district"]) == ("Colne", "BB8")
    event = AuditEvent.objects.get(action="supplier.updated")
    assert ("town", "Preston", "Colne") in event.changes and event.actor == officer


def test_put_is_not_offered(client, officer, organisation, supplier):
    client.force_login(officer)
    assert client.put(_detail(organisation, supplier), {"name": "X"},
                      content_type="application/json").status_code == 405


def test_openapi_schema_documents_the_supplier_endpoints(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/o/{org}/suppliers/"])
    assert {"get", "patch"} <= set(paths["/api/o/{org}/suppliers/{id}/"])
    parameters = {parameter["name"] for parameter in paths["/api/o/{org}/suppliers/"]["get"]["parameters"]}
    assert {"q", "size", "is_vcse", "has_no_postcode"} <= parameters
