import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.suppliers.choices import SupplierSize
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.tests.factories import (
    SupplierAliasFactory,
    SupplierClassificationFactory,
    SupplierFactory,
)

VALID = {"name": "Hyndburn Hire Ltd", "companies_house_number": "7654321", "postcode": "bb5 1aa", "town": "Accrington",
         "size": SupplierSize.MICRO}


def _url(name, organisation, *args):
    return reverse(f"suppliers:{name}", args=[organisation.slug, *args])


@pytest.mark.parametrize(("name", "needs_supplier"), [
    ("list", False), ("detail", True), ("create", False), ("edit", True), ("alias_add", True), ("classify", True),
    ("import", False),
])
def test_supplier_pages_permission_matrix(client, user_with_role, organisation, other_organisation, supplier,
                                          name, needs_supplier):
    url = _url(name, organisation, *([supplier.pk] if needs_supplier else []))
    reader_only = name in ("list", "detail")
    assert client.get(url).status_code == 302  # anonymous: to sign-in
    client.force_login(user_with_role(Role.EVALUATOR if not reader_only else Role.SUPPLIER_USER, other_organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR if not reader_only else Role.ADMINISTRATOR, other_organisation))
    assert client.get(url).status_code == 403  # permitted, but in another organisation
    if not reader_only:
        client.force_login(user_with_role(Role.AUDITOR, organisation))
        assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.BUDGET_HOLDER if reader_only else Role.PROCUREMENT_OFFICER, organisation))
    assert client.get(url).status_code == 200


def test_someone_without_a_supplier_permission_is_refused_the_register(client, organisation):
    from procure.organisations.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(_url("list", organisation)).status_code == 403


def test_supplier_user_sees_only_their_own_supplier(client, organisation, supplier, supplier_user):
    other = SupplierFactory(organisation=organisation, name="Someone Else Ltd")
    client.force_login(supplier_user)
    page = client.get(_url("list", organisation)).content.decode()
    assert supplier.name in page and other.name not in page
    assert client.get(_url("detail", organisation, supplier.pk)).status_code == 200
    assert client.get(_url("detail", organisation, other.pk)).status_code == 404
    export = client.get(_url("list", organisation) + "?_export=csv").content.decode()
    assert other.name not in export and supplier.name in export


def test_supplier_user_cannot_change_their_supplier(client, organisation, supplier, supplier_user):
    client.force_login(supplier_user)
    response = client.post(_url("edit", organisation, supplier.pk), {"name": "Renamed"})
    assert response.status_code == 403
    supplier.refresh_from_db()
    assert supplier.name == "Pendle Joinery Ltd"


def test_supplier_in_another_organisation_is_not_found(client, officer, organisation, other_organisation):
    elsewhere = SupplierFactory(organisation=other_organisation)
    client.force_login(officer)
    assert client.get(_url("detail", organisation, elsewhere.pk)).status_code == 404


def test_register_list_query_count_does_not_grow_with_suppliers(client, officer, organisation,
                                                                django_assert_max_num_queries):
    for number in range(30):
        supplier = SupplierFactory(organisation=organisation)
        SupplierClassificationFactory(supplier=supplier, size=SupplierSize.SMALL)
        if number % 3 == 0:
            SupplierAliasFactory(supplier=supplier)
    client.force_login(officer)
    with django_assert_max_num_queries(9):
        response = client.get(_url("list", organisation) + "?q=supplies&size=small&sort=current_size")
    assert response.status_code == 200
    assert response.content.decode().count('href="/o/lancs/suppliers/') >= 30


def test_register_search_finds_names_aliases_numbers_and_postcodes(client, officer, organisation):
    joinery = SupplierFactory(organisation=organisation, name="Pendle Joinery Ltd", companies_house_number="04166647",
                              charity_number="1123456", postcode="BB9 7AB")
    SupplierAliasFactory(supplier=joinery, name="Pendle Doors")
    SupplierFactory(organisation=organisation, name="Burnley Glass Ltd", postcode="BB11 1AA")
    client.force_login(officer)
    for query in ("joinery", "Pendle Doors", "4166647", "1123456", "bb97ab", "BB9 7"):
        page = client.get(_url("list", organisation), {"q": query}).content.decode()
        assert "Pendle Joinery Ltd" in page and "Burnley Glass" not in page, query


def test_register_filters_by_current_size_vcse_living_wage_and_missing_postcode(client, officer, organisation):
    small_vcse = SupplierFactory(organisation=organisation, name="Small Charity", is_living_wage_accredited=True)
    SupplierClassificationFactory(supplier=small_vcse, valid_from=date(2020, 1, 1), size=SupplierSize.LARGE)
    SupplierClassificationFactory(supplier=small_vcse, valid_from=date(2023, 1, 1), size=SupplierSize.SMALL,
                                  is_vcse=True)
    SupplierFactory(organisation=organisation, name="Unclassified Ltd", postcode="", postcode_district="")
    client.force_login(officer)

    def names(**filters):
        page = client.get(_url("list", organisation), filters).content.decode()
        return {name for name in ("Small Charity", "Unclassified Ltd") if name in page}

    assert names(size="small") == {"Small Charity"}
    assert names(size="large") == set()
    assert names(size="unknown") == {"Unclassified Ltd"}
    assert names(is_vcse="true") == {"Small Charity"}
    assert names(is_vcse="false") == {"Unclassified Ltd"}
    assert names(is_living_wage_accredited="true") == {"Small Charity"}
    assert names(has_no_postcode="true") == {"Unclassified Ltd"}


def test_register_exports_raw_values(client, officer, organisation, supplier):
    SupplierClassificationFactory(supplier=supplier, size=SupplierSize.MEDIUM)
    client.force_login(officer)
    response = client.get(_url("list", organisation), {"_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"].endswith('lancs-suppliers.csv"')
    assert rows[0]["Supplier ID"] == str(supplier.pk)
    assert (rows[0]["Legal name"], rows[0]["Company number"], rows[0]["Size band"]) == (
        "Pendle Joinery Ltd", "04166647", "medium")
    workbook = load_workbook(io.BytesIO(client.get(_url("list", organisation), {"_export": "xlsx"}).content))
    assert [cell.value for cell in workbook.active[2]][:2] == [supplier.pk, "Pendle Joinery Ltd"]


def test_detail_shows_fields_classification_history_aliases_and_audit(client, officer, organisation, supplier):
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2019, 4, 1), size=SupplierSize.MICRO)
    SupplierClassificationFactory(supplier=supplier, valid_from=date(2023, 4, 1), size=SupplierSize.SMALL,
                                  is_vcse=True)
    SupplierAliasFactory(supplier=supplier, name="Pendle Doors")
    client.force_login(officer)
    client.post(_url("edit", organisation, supplier.pk), {"name": supplier.name, "town": "Colne"})
    page = client.get(_url("detail", organisation, supplier.pk)).content.decode()
    for text in ("04166647", "Colne", "Small (fewer than 50 staff)", "1 April 2019", "Micro (fewer than 10 staff)",
                 "Pendle Doors", "Trading name", "supplier.updated", "History"):
        assert text in page, text


def test_supplier_users_do_not_see_the_audit_history(client, organisation, supplier, supplier_user):
    client.force_login(supplier_user)
    assert "History" not in client.get(_url("detail", organisation, supplier.pk)).content.decode()


def test_officer_adds_a_supplier(client, officer, organisation):
    client.force_login(officer)
    response = client.post(_url("create", organisation), VALID)
    supplier = Supplier.objects.get(name="Hyndburn Hire Ltd")
    assert response.url == _url("detail", organisation, supplier.pk)
    assert (supplier.companies_house_number, supplier.postcode) == ("07654321", "BB5 1AA")
    assert supplier.classifications.get().size == SupplierSize.MICRO
    assert AuditEvent.objects.filter(action="supplier.created", actor=officer).exists()


@pytest.mark.parametrize(("change", "message"), [
    ({"name": ""}, "Enter the supplier&#x27;s legal name"),
    ({"postcode": "NOT A POSTCODE"}, "Enter a real UK postcode, like PR4 5SB"),
    ({"companies_house_number": "ABC"}, "Enter a Companies House number of 8 characters"),
    ({"living_wage_accredited_on": "31/2/2024"}, "as a real date"),
])
def test_add_supplier_form_shows_errors_in_a_summary(client, officer, organisation, change, message):
    client.force_login(officer)
    page = client.post(_url("create", organisation), {**VALID, **change}).content.decode()
    assert "There is a problem" in page and message in page and "<title>Error:" in page
    assert not Supplier.objects.exists()


def test_a_taken_company_number_shows_beside_the_field(client, officer, organisation, supplier):
    client.force_login(officer)
    page = client.post(_url("create", organisation), {**VALID, "companies_house_number": "04166647"}).content.decode()
    assert "Pendle Joinery Ltd already has company number 04166647" in page
    assert Supplier.objects.count() == 1


def test_officer_adds_an_alias_and_a_dated_classification(client, officer, organisation, supplier):
    client.force_login(officer)
    client.post(_url("alias_add", organisation, supplier.pk), {"name": "Pendle Doors", "kind": "trading_name"})
    client.post(_url("classify", organisation, supplier.pk), {"size": "medium", "is_vcse": "on",
                                                             "valid_from": "1/4/2024"})
    assert SupplierAlias.objects.get(supplier=supplier).name == "Pendle Doors"
    classification = SupplierClassification.objects.get(supplier=supplier)
    assert (classification.valid_from, classification.size, classification.is_vcse) == (date(2024, 4, 1), "medium",
                                                                                        True)


def test_auditor_cannot_add_an_alias_and_nothing_changes(client, user_with_role, organisation, supplier):
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    response = client.post(_url("alias_add", organisation, supplier.pk), {"name": "X", "kind": "alias"})
    assert response.status_code == 403
    assert not SupplierAlias.objects.exists()


def test_upload_page_shows_the_report(client, officer, organisation):
    client.force_login(officer)
    good = SimpleUploadedFile("suppliers.csv", b"Supplier Name,Postcode\nChorley Cleaning Ltd,PR7 1AA\n")
    page = client.post(_url("import", organisation), {"file": good}).content.decode()
    assert "suppliers.csv imported" in page and Supplier.objects.filter(name="Chorley Cleaning Ltd").exists()
    bad = SimpleUploadedFile("bad.csv", b"Supplier Name,Postcode\nChorley Cleaning Ltd,PR7 1AA\nX,NOPE\n")
    page = client.post(_url("import", organisation), {"file": bad}).content.decode()
    assert "bad.csv was not imported" in page and "Line 3: &#x27;NOPE&#x27; is not a UK postcode" in page
    assert "<title>Error:" in page


@pytest.mark.parametrize(("upload", "message"), [
    (None, "Select a supplier file to import"),
    (SimpleUploadedFile("notes.txt", b"hello"), "must be a CSV or Excel (XLSX) file"),
    (SimpleUploadedFile("broken.xlsx", b"\x00\x01 not a zip"), "could not be read as an Excel (XLSX) workbook"),
])
def test_bad_uploads_never_crash_the_page(client, officer, organisation, upload, message):
    client.force_login(officer)
    response = client.post(_url("import", organisation), {"file": upload} if upload else {})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Supplier.objects.exists()
