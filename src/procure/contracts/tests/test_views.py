import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from procure.contracts.models import Contract, ContractExtension, Framework
from procure.contracts.tests.factories import ContractExtensionFactory, ContractFactory, FrameworkFactory
from procure.organisations.choices import Role
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

READ_PAGES = ["contracts:list", "contracts:detail"]
STAFF_PAGES = ["contracts:forward_plan", "contracts:framework_list"]
CATEGORY_PAGES = ["contracts:category_list", "contracts:category_detail", "contracts:cpv_list"]
CHANGE_PAGES = ["contracts:create", "contracts:edit", "contracts:delete", "contracts:extension_add",
                "contracts:import"]


def _url(name, organisation, contract=None, category_pk=None):
    if name == "contracts:category_detail":
        return reverse(name, args=[organisation.slug, category_pk])
    if name in ("contracts:detail", "contracts:edit", "contracts:delete", "contracts:extension_add"):
        return reverse(name, args=[organisation.slug, contract.pk])
    return reverse(name, args=[organisation.slug])


@pytest.fixture
def lifts():
    from procure.contracts.models import Category

    return Category.objects.get(scheme="proclass", code="191400")


@pytest.fixture
def login(client):
    def sign_in(user):
        client.force_login(user)
        return client
    return sign_in


@pytest.mark.parametrize("name", READ_PAGES + STAFF_PAGES + CATEGORY_PAGES + CHANGE_PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, organisation, contract, lifts, name):
    response = client.get(_url(name, organisation, contract, lifts.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("organisations:sign_in"))


@pytest.mark.parametrize("name", READ_PAGES + STAFF_PAGES + CATEGORY_PAGES + CHANGE_PAGES)
def test_people_without_a_role_here_are_refused(login, organisation, other_organisation, user_with_role,
                                               contract, lifts, name):
    client = login(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation))
    assert client.get(_url(name, organisation, contract, lifts.pk)).status_code == 403


@pytest.mark.parametrize("name", READ_PAGES + STAFF_PAGES + CATEGORY_PAGES + CHANGE_PAGES)
def test_officers_can_open_every_page(login, officer, organisation, contract, lifts, name):
    response = login(officer).get(_url(name, organisation, contract, lifts.pk))
    assert response.status_code == 200
    assert b"<h1" in response.content


@pytest.mark.parametrize("name", READ_PAGES + STAFF_PAGES + CATEGORY_PAGES)
def test_auditors_read_but_cannot_change(login, user_with_role, organisation, contract, lifts, name):
    client = login(user_with_role(Role.AUDITOR, organisation))
    assert client.get(_url(name, organisation, contract, lifts.pk)).status_code == 200


@pytest.mark.parametrize("name", CHANGE_PAGES)
def test_budget_holders_cannot_open_change_pages(login, user_with_role, organisation, contract, name):
    client = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert client.get(_url(name, organisation, contract)).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES + CATEGORY_PAGES + CHANGE_PAGES)
def test_supplier_users_cannot_open_staff_pages(login, supplier_user, organisation, contract, lifts, name):
    assert login(supplier_user).get(_url(name, organisation, contract, lifts.pk)).status_code == 403


def test_supplier_users_see_only_contracts_their_supplier_holds(login, supplier_user, organisation, contract,
                                                                other_contract):
    client = login(supplier_user)
    listing = client.get(reverse("contracts:list", args=[organisation.slug])).content.decode()
    assert "LC-2024-007" in listing and "LC-2023-001" not in listing
    assert "Ribble Cleaning Services Ltd" not in listing  # nor among the filter's choices
    assert client.get(_url("contracts:detail", organisation, contract)).status_code == 200
    assert client.get(_url("contracts:detail", organisation, other_contract)).status_code == 404


@pytest.mark.parametrize("name", ["contracts:detail", "contracts:edit", "contracts:delete",
                                  "contracts:extension_add"])
def test_another_organisations_contract_is_not_found(login, officer, organisation, other_organisation, name):
    elsewhere = ContractFactory(organisation=other_organisation)
    assert login(officer).get(_url(name, organisation, elsewhere)).status_code == 404


def test_register_list_query_count_does_not_grow_with_contracts(login, officer, organisation,
                                                                django_assert_max_num_queries):
    for _ in range(30):
        ContractFactory(organisation=organisation, suppliers=[SupplierFactory(organisation=organisation)])
    client = login(officer)
    url = reverse("contracts:list", args=[organisation.slug])
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.content.decode().count("/contracts/") >= 30
    assert "Contracts – 30 in all" in response.content.decode()


def test_register_filters_by_status_on_a_day_and_search(login, officer, organisation, supplier, contract):
    ContractFactory(organisation=organisation, reference="OLD-1", ends_on=date(2024, 12, 31))
    extended = ContractFactory(organisation=organisation, reference="EXT-1", ends_on=date(2025, 3, 31),
                               final_ends_on=date(2026, 3, 31))
    client = login(officer)
    url = reverse("contracts:list", args=[organisation.slug])
    page = client.get(url, {"status": "extended", "status_on": "01/06/2025"}).content.decode()
    assert extended.reference in page and "OLD-1" not in page and contract.reference not in page
    page = client.get(url, {"q": "pendle"}).content.decode()
    assert contract.reference in page and "EXT-1" not in page


def test_register_filters_by_route_value_and_ending_soon(login, officer, organisation):
    framework = FrameworkFactory(organisation=organisation, provider="YPO")
    ContractFactory(organisation=organisation, reference="FW-1", route="framework_call_off",
                    framework=framework, total_value_net=Decimal("5000.00"),
                    ends_on=timezone.localdate() + timedelta(days=40))
    ContractFactory(organisation=organisation, reference="OT-1", total_value_net=Decimal("90000.00"),
                    ends_on=timezone.localdate() + timedelta(days=900))
    client = login(officer)
    url = reverse("contracts:list", args=[organisation.slug])
    for query, shown, hidden in [({"route": "framework_call_off"}, "FW-1", "OT-1"),
                                 ({"framework_provider": "YPO"}, "FW-1", "OT-1"),
                                 ({"value_min": "10000"}, "OT-1", "FW-1"),
                                 ({"ending_within_months": "3"}, "FW-1", "OT-1")]:
        page = client.get(url, query).content.decode()
        assert shown in page and hidden not in page, query


def test_a_bad_filter_value_shows_a_message_not_an_error(login, officer, organisation, contract):
    response = login(officer).get(reverse("contracts:list", args=[organisation.slug]),
                                  {"status_on": "31/02/2025", "value_min": "lots"})
    assert response.status_code == 200
    assert "govuk-error-message" in response.content.decode()


def test_register_exports_values_as_plain_numbers(login, officer, organisation, contract):
    client = login(officer)
    url = reverse("contracts:list", args=[organisation.slug])
    csv_text = client.get(url, {"_export": "csv"}).content.decode()
    assert "LC-2024-007" in csv_text and "300000.00" in csv_text and "£" not in csv_text
    assert "Own tender" in csv_text and "2024-04-01" in csv_text
    workbook = load_workbook(io.BytesIO(client.get(url, {"_export": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[1][rows[0].index("Total value (net)")] == 300000


def test_detail_page_shows_parties_values_dates_extensions_and_history(login, officer, organisation, contract,
                                                                       lifts):
    contract.categories.add(lifts)
    ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    page = login(officer).get(_url("contracts:detail", organisation, contract)).content.decode()
    supplier_page = reverse("suppliers:detail", args=[organisation.slug, contract.suppliers.get().pk])
    for text in ("Custody suite security", "Pendle Joinery Ltd", "£300,000.00", "£360,000.00",
                 "31 March 2027", "31 March 2028", "No (an option)", "Facilities &amp; Management Services",
                 "History", supplier_page):
        assert text in page, text


def _contract_form(supplier, **changes):
    data = {"reference": "LC-2026-001", "title": "Vehicle recovery", "suppliers": [supplier.pk],
            "route": "own_tender", "starts_on_day": "1", "starts_on_month": "4", "starts_on_year": "2026",
            "ends_on_day": "31", "ends_on_month": "3", "ends_on_year": "2029", "total_value_net": "£120,000",
            "total_value_gross": "144000", "is_managed_by_procurement": "on", "cpv_codes": "98351000-8"}
    data.update(changes)
    return data


def test_officer_adds_a_contract(login, officer, organisation, supplier):
    url = reverse("contracts:create", args=[organisation.slug])
    response = login(officer).post(url, _contract_form(supplier))
    contract = Contract.objects.get(reference="LC-2026-001")
    assert response.status_code == 302 and response.url == _url("contracts:detail", organisation, contract)
    assert (contract.ends_on, contract.total_value_net) == (date(2029, 3, 31), Decimal("120000.00"))
    assert contract.cpv_codes.get().code == "98351000-8"


@pytest.mark.parametrize(("_case", "changes", "message"), [
    ("no end date", {"ends_on_day": "", "ends_on_month": "", "ends_on_year": ""},
     "Enter the contract end date"),
    ("no month", {"ends_on_month": ""}, "The contract end date must include a month"),
    ("not a date", {"ends_on_day": "31", "ends_on_month": "2"}, "The contract end date must be a real date"),
    ("no supplier", {"suppliers": []}, "Choose at least one supplier"),
    ("bad amount", {"total_value_net": "lots"}, "Enter the total value net of VAT as an amount"),
    ("ends before start", {"ends_on_year": "2025"}, "The contract end date must be the same as or after"),
    ("call-off without framework", {"route": "framework_call_off"}, "Choose the framework this contract is"),
    ("gross below net", {"total_value_gross": "100"}, "including VAT must be the same as or more"),
    ("unknown CPV", {"cpv_codes": "12345678"}, "12345678 is not a CPV 2008 code"),
])
def test_contract_form_says_what_to_do(login, officer, organisation, supplier, _case, changes, message):
    response = login(officer).post(reverse("contracts:create", args=[organisation.slug]),
                                   _contract_form(supplier, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    assert not Contract.objects.exists()


def test_officer_changes_a_contract(login, officer, organisation, contract, supplier):
    client = login(officer)
    form = client.get(_url("contracts:edit", organisation, contract)).content.decode()
    assert 'value="LC-2024-007"' in form and 'name="ends_on_year"' in form and 'value="2027"' in form
    data = _contract_form(supplier, reference=contract.reference, title="Custody and front counter security")
    response = client.post(_url("contracts:edit", organisation, contract), data)
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Custody and front counter security"


def test_refused_change_changes_nothing(login, user_with_role, organisation, contract, supplier):
    client = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    response = client.post(_url("contracts:edit", organisation, contract),
                           _contract_form(supplier, reference=contract.reference, title="Hijacked"))
    assert response.status_code == 403
    contract.refresh_from_db()
    assert contract.title == "Custody suite security"
    assert client.post(_url("contracts:delete", organisation, contract)).status_code == 403
    assert Contract.objects.filter(pk=contract.pk).exists()


def test_officer_deletes_a_contract(login, officer, organisation, contract):
    response = login(officer).post(_url("contracts:delete", organisation, contract))
    assert response.status_code == 302
    assert not Contract.objects.filter(pk=contract.pk).exists()


def test_officer_adds_and_exercises_an_extension(login, officer, organisation, contract):
    client = login(officer)
    url = _url("contracts:extension_add", organisation, contract)
    refused = client.post(url, {"ends_on_day": "1", "ends_on_month": "1", "ends_on_year": "2027"})
    assert "The extension must end after the contract&#x27;s current end date, 31/03/2027" in (
        refused.content.decode())
    client.post(url, {"ends_on_day": "31", "ends_on_month": "3", "ends_on_year": "2028"})
    option = ContractExtension.objects.get(contract=contract)
    exercise = reverse("contracts:extension_exercise", args=[organisation.slug, contract.pk, option.pk])
    assert client.get(exercise).status_code == 405
    client.post(exercise)
    contract.refresh_from_db()
    assert contract.final_ends_on == date(2028, 3, 31)
    page = client.get(_url("contracts:detail", organisation, contract)).content.decode()
    assert "Ends (counting exercised extensions)" in page and "31 March 2028" in page


def test_budget_holder_cannot_exercise_an_extension(login, user_with_role, organisation, contract):
    option = ContractExtensionFactory(contract=contract, ends_on=date(2028, 3, 31))
    client = login(user_with_role(Role.BUDGET_HOLDER, organisation))
    url = reverse("contracts:extension_exercise", args=[organisation.slug, contract.pk, option.pk])
    assert client.post(url).status_code == 403
    option.refresh_from_db()
    assert not option.is_exercised


def test_forward_plan_groups_contracts_by_month(login, officer, organisation):
    today = timezone.localdate()
    ContractFactory(organisation=organisation, reference="SOON-1", ends_on=today + timedelta(days=20),
                    annual_value_net=Decimal("1000.00"))
    ContractFactory(organisation=organisation, reference="FAR-1", ends_on=today + timedelta(days=800))
    page = login(officer).get(reverse("contracts:forward_plan", args=[organisation.slug])).content.decode()
    assert "SOON-1" in page and "FAR-1" not in page
    assert f"Ending in {(today + timedelta(days=20)):%B %Y}" in page and "£1,000.00 a year" in page


def test_frameworks_page_records_a_framework(login, officer, organisation, user_with_role):
    url = reverse("contracts:framework_list", args=[organisation.slug])
    response = login(officer).post(url, {"name": "Supply of Energy 2",
                                         "provider": "Crown Commercial Service"})
    assert response.status_code == 302
    assert Framework.objects.get().provider == "Crown Commercial Service"
    missing = login(officer).post(url, {"name": "", "provider": ""}).content.decode()
    assert "Enter the framework&#x27;s name" in missing
    auditor = login(user_with_role(Role.AUDITOR, organisation))
    assert auditor.post(url, {"name": "X", "provider": "Y"}).status_code == 403
    assert Framework.objects.count() == 1


def test_category_pages_search_and_show_contracts(login, officer, organisation, contract, lifts):
    contract.categories.add(lifts.children.get(name="Repair & Maintenance"))
    client = login(officer)
    found = client.get(reverse("contracts:category_list", args=[organisation.slug]), {"q": "lifts"})
    assert "Facilities &amp; Management Services &gt; Lifts" in found.content.decode()
    detail = reverse("contracts:category_detail", args=[organisation.slug, lifts.pk])
    page = client.get(detail).content.decode()
    assert "New Installation" in page and "LC-2024-007" in page


def test_cpv_page_searches_codes(login, officer, organisation):
    page = login(officer).get(reverse("contracts:cpv_list", args=[organisation.slug]), {"q": "7971"}).content
    assert b"79710000-4" in page and b"Security services" in page


def test_import_page_reports_success_and_problems(login, officer, organisation, supplier):
    client = login(officer)
    url = reverse("contracts:import", args=[organisation.slug])
    header = "Reference,Title,Supplier name,Start date,End date\n"
    good = io.BytesIO((header + "LC-1,Joinery,Pendle Joinery Ltd,01/04/2025,31/03/2026\n").encode())
    good.name = "register.csv"
    page = client.post(url, {"file": good}).content.decode()
    assert "register.csv imported" in page and Contract.objects.count() == 1
    bad = io.BytesIO((header + "LC-2,Joinery,,01/04/2025,31/03/2026\n").encode())
    bad.name = "register.csv"
    page = client.post(url, {"file": bad}).content.decode()
    assert "<title>Error:" in page and "Line 2: Supplier name is empty" in page
    wrong = io.BytesIO(b"%PDF-1.4")
    wrong.name = "register.pdf"
    refused = client.post(url, {"file": wrong}).content.decode()
    assert "The file must be a CSV or an Excel (.xlsx) file" in refused
    assert Contract.objects.count() == 1


def test_date_errors_link_to_the_day_box(login, officer, organisation, supplier):
    response = login(officer).post(reverse("contracts:create", args=[organisation.slug]),
                                   _contract_form(supplier, ends_on_month=""))
    page = response.content.decode()
    assert 'href="#id_ends_on_0"' in page and 'id="id_ends_on_0" name="ends_on_day"' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">End date</legend>' in page
