import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from procure.contracts.tests.factories import ContractFactory
from procure.core.audit import audit_history
from procure.core.dates import FinancialYear
from procure.organisations.choices import Role
from procure.spend.choices import Coverage, SavingType
from procure.spend.models import Saving, SavingYear
from procure.spend.tests.factories import SpendLineFactory
from procure.spend.tests.savings_factories import SavingFactory, SavingYearFactory

pytestmark = pytest.mark.django_db

SAVING_FORM = {"title": "Fleet tyres call-off", "saving_type": "cashable", "baseline": "£80,000",
               "baseline_description": "2023/24 spend", "method": "Baseline less the framework price"}


def _url(name: str, organisation, *args) -> str:
    return reverse(f"spend:{name}", args=[organisation.slug, *args])


def _saving_urls(organisation) -> dict[str, str]:
    saving = SavingFactory(organisation=organisation)
    SavingYearFactory(saving=saving)
    urls = {name: _url(name, organisation) for name in ("saving_list", "saving_create")}
    for name in ("saving_detail", "saving_edit", "saving_year", "saving_approve"):
        urls[name] = _url(name, organisation, saving.pk)
    return urls


@pytest.mark.parametrize(("name", "allowed_role", "refused_role"), [
    ("saving_list", Role.BUDGET_HOLDER, Role.EVALUATOR),
    ("saving_list", Role.AUDITOR, Role.SUPPLIER_USER),
    ("saving_detail", Role.BUDGET_HOLDER, Role.EVALUATOR),
    ("saving_create", Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER),
    ("saving_edit", Role.ADMINISTRATOR, Role.AUDITOR),
    ("saving_year", Role.PROCUREMENT_OFFICER, Role.BOARD_MEMBER),
    ("saving_approve", Role.ADMINISTRATOR, Role.PROCUREMENT_OFFICER),
])
def test_savings_pages_permission_matrix(assert_page_access, organisation, name, allowed_role, refused_role):
    assert_page_access(_saving_urls(organisation)[name], allowed_role, refused_role)


def test_another_organisations_saving_is_not_found(client, officer, organisation, other_organisation):
    theirs = SavingFactory(organisation=other_organisation)
    client.force_login(officer)
    assert client.get(_url("saving_detail", organisation, theirs.pk)).status_code == 404
    assert client.post(_url("saving_edit", organisation, theirs.pk), SAVING_FORM).status_code == 404
    assert Saving.objects.get(pk=theirs.pk).title == theirs.title


def test_list_shows_the_years_totals_by_type_and_the_counting_rule(officer_client, organisation):
    this_year = FinancialYear.containing(timezone.localdate()).start_year
    cashable = SavingFactory(organisation=organisation, title="Cleaning retender", saving_type="cashable")
    SavingYearFactory(saving=cashable, financial_year=this_year, projected=Decimal("12000"),
                      realised=Decimal("11500.50"))
    avoided = SavingFactory(organisation=organisation, title="Energy hedge", saving_type="cost_avoidance")
    SavingYearFactory(saving=avoided, financial_year=this_year, projected=Decimal("3000"))
    page = officer_client.get(_url("saving_list", organisation)).content.decode()
    assert "Cleaning retender" in page and "Energy hedge" in page
    assert f"Savings in {FinancialYear(this_year).label} by type" in page
    assert "£11,500.50" in page and "£3,000.00" in page and "£14,500.50" in page
    assert "realised amount where one is recorded, else its projected amount" in page
    assert "Record a saving" in page


def test_list_filters_by_type_year_and_approval(officer_client, organisation):
    SavingFactory(organisation=organisation, title="Approved cashable", saving_type="cashable",
                  is_finance_approved=True)
    SavingYearFactory(saving=Saving.objects.get(title="Approved cashable"), financial_year=2023)
    SavingYearFactory(saving=SavingFactory(organisation=organisation, title="Pending avoidance",
                                           saving_type="cost_avoidance"), financial_year=2024,
                      projected=Decimal("777"))
    url = _url("saving_list", organisation)

    def titles(query: str) -> set[str]:
        page = officer_client.get(url + query).content.decode()
        return {title for title in ("Approved cashable", "Pending avoidance") if title in page}

    assert titles("?saving_type=cost_avoidance") == {"Pending avoidance"}
    assert titles("?is_finance_approved=true") == {"Approved cashable"}
    assert titles("?financial_year=2023") == {"Approved cashable"}
    page = officer_client.get(url + "?financial_year=2024").content.decode()
    assert "Projected (2024/25)" in page and "Savings in 2024/25 by type" in page and "£777.00" in page


def test_list_downloads_as_csv_and_xlsx(officer_client, organisation):
    saving = SavingFactory(organisation=organisation, title="Custody meals", baseline=Decimal("50000"))
    SavingYearFactory(saving=saving, financial_year=2024, projected=Decimal("4200.00"))
    url = _url("saving_list", organisation)
    csv_text = officer_client.get(url + "?_export=csv").content.decode()
    assert "Custody meals" in csv_text and "Cashable" in csv_text and "4200.00" in csv_text
    workbook = openpyxl.load_workbook(io.BytesIO(officer_client.get(url + "?_export=xlsx").content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Saving" and rows[1][0] == "Custody meals"


def test_list_query_count_is_pinned(officer_client, organisation, django_assert_max_num_queries):
    for number in range(30):
        saving = SavingFactory(organisation=organisation, contract=ContractFactory(organisation=organisation))
        SavingYearFactory(saving=saving, financial_year=2024, projected=Decimal(number))
    with django_assert_max_num_queries(10):
        response = officer_client.get(_url("saving_list", organisation) + "?financial_year=2024")
    assert response.content.decode().count(f'href="/o/{organisation.slug}/savings/') >= 30


def test_detail_shows_years_method_and_history(officer_client, organisation, django_assert_max_num_queries):
    contract = ContractFactory(organisation=organisation, reference="LC-2024-7")
    saving = SavingFactory(organisation=organisation, contract=contract, method="Old rate less new rate")
    SavingYearFactory(saving=saving, financial_year=2024, projected=Decimal("9000"), realised=Decimal("8700"),
                      realised_from_spend=True)
    SavingYearFactory(saving=saving, financial_year=2025, projected=Decimal("9500"))
    edit = _url("saving_edit", organisation, saving.pk)
    officer_client.post(edit, {**SAVING_FORM, "contract": contract.pk})
    with django_assert_max_num_queries(8):
        page = officer_client.get(_url("saving_detail", organisation, saving.pk)).content.decode()
    assert "LC-2024-7" in page and "Baseline less the framework price" in page
    assert "Measured against spend lines" in page and "Not yet known" in page
    assert "£8,700.00" in page and "(realised)" in page and "(projected)" in page
    assert "baseline minus the year&#x27;s spend lines covered by the saving&#x27;s contract" in page
    assert "saving.updated" in page


def test_create_records_a_saving_and_goes_to_it(officer_client, organisation):
    response = officer_client.post(_url("saving_create", organisation), SAVING_FORM)
    saving = Saving.objects.get()
    assert response.status_code == 302 and response.url == _url("saving_detail", organisation, saving.pk)
    assert (saving.baseline, saving.saving_type, saving.organisation) == (Decimal("80000.00"), "cashable",
                                                                          organisation)


def test_create_shows_errors_that_say_what_to_do(officer_client, organisation):
    page = officer_client.post(_url("saving_create", organisation),
                               {**SAVING_FORM, "baseline": "lots", "method": ""}).content.decode()
    assert "<title>Error: " in page and "There is a problem" in page
    assert "Enter the baseline as an amount, like 125000 or 125,000.00" in page
    assert "Enter how the saving is worked out" in page
    assert not Saving.objects.exists()


def test_a_budget_holder_cannot_change_a_saving(client, user_with_role, organisation):
    saving = SavingFactory(organisation=organisation, title="Untouched")
    client.force_login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert client.post(_url("saving_edit", organisation, saving.pk), SAVING_FORM).status_code == 403
    assert client.post(_url("saving_year", organisation, saving.pk),
                       {"financial_year": "2024/25", "projected": "10"}).status_code == 403
    assert Saving.objects.get(pk=saving.pk).title == "Untouched" and not SavingYear.objects.exists()


def test_year_form_adds_a_year_and_refuses_a_bad_one(officer_client, organisation):
    saving = SavingFactory(organisation=organisation)
    url = _url("saving_year", organisation, saving.pk)
    page = officer_client.post(url, {"financial_year": "2024/26", "projected": "10"}).content.decode()
    assert "Enter the financial year like 2024/25" in page and not SavingYear.objects.exists()
    response = officer_client.post(url, {"financial_year": "2024/25", "projected": "12,000", "realised": ""})
    assert response.status_code == 302
    assert SavingYear.objects.filter(saving=saving, financial_year=2024, projected=Decimal("12000.00"),
                                     realised=None).exists()
    page = officer_client.get(url + "?year=2024").content.decode()
    assert 'value="12000.00"' in page and 'value="2024/25"' in page


def test_an_administrator_approves_and_an_officer_cannot(client, user_with_role, organisation):
    saving = SavingFactory(organisation=organisation)
    SavingYearFactory(saving=saving)
    url = _url("saving_approve", organisation, saving.pk)
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    assert client.post(url).status_code == 403
    assert not Saving.objects.get(pk=saving.pk).is_finance_approved
    administrator = user_with_role(Role.ADMINISTRATOR, organisation)
    client.force_login(administrator)
    assert client.post(url).status_code == 302
    saving.refresh_from_db()
    assert (saving.is_finance_approved, saving.approved_by, saving.approved_on) == (
        True, administrator, timezone.localdate())


def test_approving_a_saving_without_years_shows_what_to_do(client, user_with_role, organisation):
    saving = SavingFactory(organisation=organisation)
    client.force_login(user_with_role(Role.ADMINISTRATOR, organisation))
    page = client.post(_url("saving_approve", organisation, saving.pk)).content.decode()
    assert "<title>Error: " in page and "Add at least one year&#x27;s projected saving first" in page
    assert not Saving.objects.get(pk=saving.pk).is_finance_approved


def test_measure_against_spend_from_the_page(client, user_with_role, organisation):
    contract = ContractFactory(organisation=organisation)
    saving = SavingFactory(organisation=organisation, contract=contract, baseline=Decimal("60000"))
    SpendLineFactory(organisation=organisation, contract=contract, coverage=Coverage.COVERED,
                     amount=Decimal("55500.00"), payment_date=date(2023, 6, 1))
    url = _url("saving_realise", organisation, saving.pk, 2023)
    assert client.post(url).status_code == 302  # anonymous: to sign in
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.post(url).status_code == 403
    assert not SavingYear.objects.exists()
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    page = client.post(url, follow=True).content.decode()
    assert "measured against spend: £4,500.00" in page
    assert SavingYear.objects.get(saving=saving, financial_year=2023).realised == Decimal("4500.00")
    assert audit_history(saving).first().action == "saving.realised_from_spend"


def test_measure_against_spend_explains_a_refusal(officer_client, organisation):
    saving = SavingFactory(organisation=organisation, contract=ContractFactory(organisation=organisation))
    page = officer_client.post(_url("saving_realise", organisation, saving.pk, 2023), follow=True)
    assert "No spend lines in 2023/24 are on this contract" in page.content.decode()
    assert not SavingYear.objects.exists()


def test_saving_type_labels_read_as_words(officer_client, organisation):
    SavingFactory(organisation=organisation, saving_type=SavingType.NON_CASHABLE)
    assert "Non-cashable" in officer_client.get(_url("saving_list", organisation)).content.decode()
