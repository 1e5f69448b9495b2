from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.organisations.choices import Role
from procure.spend.choices import Coverage, ReviewAction, ReviewRule, ReviewStatus
from procure.spend.models import ProcedureThreshold, ReviewItem
from procure.spend.review.services import procedure_thresholds_install_defaults, review_items_generate
from procure.spend.tests.factories import SpendLineFactory
from procure.spend.tests.factories_review import ProcedureThresholdFactory, ReviewItemFactory
from procure.suppliers.tests.factories import SupplierFactory

AS_AT = date(2017, 3, 31)


def _page_urls(organisation) -> dict[str, str]:
    item = ReviewItemFactory(organisation=organisation)
    threshold = ProcedureThresholdFactory(organisation=organisation)
    slug = organisation.slug
    return {
        "spend:review_list": reverse("spend:review_list", args=[slug]),
        "spend:review_detail": reverse("spend:review_detail", args=[slug, item.pk]),
        "spend:review_edit": reverse("spend:review_edit", args=[slug, item.pk]),
        "spend:review_run": reverse("spend:review_run", args=[slug]),
        "spend:threshold_list": reverse("spend:threshold_list", args=[slug]),
        "spend:threshold_add": reverse("spend:threshold_add", args=[slug]),
        "spend:threshold_edit": reverse("spend:threshold_edit", args=[slug, threshold.pk]),
        "spend:threshold_end": reverse("spend:threshold_end", args=[slug, threshold.pk]),
        "spend:threshold_install": reverse("spend:threshold_install", args=[slug]),
    }


@pytest.mark.parametrize(("name", "allowed_role", "refused_role"), [
    ("spend:review_list", Role.BUDGET_HOLDER, Role.EVALUATOR),
    ("spend:review_detail", Role.AUDITOR, Role.SUPPLIER_USER),
    ("spend:review_edit", Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER),
    ("spend:review_run", Role.ADMINISTRATOR, Role.AUDITOR),
    ("spend:threshold_list", Role.BOARD_MEMBER, Role.EVALUATOR),
    ("spend:threshold_add", Role.PROCUREMENT_OFFICER, Role.AUDITOR),
    ("spend:threshold_edit", Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER),
    ("spend:threshold_end", Role.ADMINISTRATOR, Role.BOARD_MEMBER),
    ("spend:threshold_install", Role.PROCUREMENT_OFFICER, Role.SUPPLIER_USER),
])
def test_review_pages_permission_matrix(assert_page_access, organisation, name, allowed_role, refused_role):
    assert_page_access(_page_urls(organisation)[name], allowed_role, refused_role)


@pytest.fixture
def spend_to_review(organisation):
    procedure_thresholds_install_defaults(organisation=organisation, effective_from=date(2016, 4, 1))
    supplier = SupplierFactory(organisation=organisation, name="Garstang Glazing Ltd")
    contract = ContractFactory(organisation=organisation, reference="DC-2015-0007", suppliers=[supplier],
                               starts_on=date(2015, 1, 1), ends_on=date(2016, 6, 30))
    for amount, paid in (("6000.00", date(2016, 8, 1)), ("7000.00", AS_AT)):
        SpendLineFactory(organisation=organisation, supplier=supplier, amount=Decimal(amount),
                         payment_date=paid, coverage=Coverage.CONTRACT_ENDED, contract=contract)
    return supplier


def test_the_run_button_creates_items_as_at_the_latest_payment(officer_client, organisation, spend_to_review):
    response = officer_client.post(reverse("spend:review_run", args=["lancs"]), follow=True)
    page = response.content.decode()
    assert "Review run for the 12 months to 31/03/2017: 1 new item" in page
    assert "Garstang Glazing Ltd: paid after contract DC-2015-0007 ended on 30/06/2016" in page
    assert ReviewItem.objects.get(organisation=organisation).amount == Decimal("13000.00")


def test_running_as_at_a_chosen_date_reviews_the_twelve_months_to_it(officer_client, organisation,
                                                                     spend_to_review):
    officer_client.post(reverse("spend:review_run", args=["lancs"]),
                        {"as_at_day": "31", "as_at_month": "12", "as_at_year": "2016"})
    assert ReviewItem.objects.get(organisation=organisation).amount == Decimal("6000.00")


def test_running_without_thresholds_says_what_to_do(officer_client, organisation):
    SpendLineFactory(organisation=organisation, coverage=Coverage.NO_CONTRACT, payment_date=AS_AT)
    response = officer_client.post(reverse("spend:review_run", args=["lancs"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "add the thresholds (or install the defaults) before running the review" in page


def test_a_refused_run_changes_nothing(client, user_with_role, organisation, spend_to_review):
    client.force_login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert client.post(reverse("spend:review_run", args=["lancs"])).status_code == 403
    assert not ReviewItem.objects.filter(organisation=organisation).exists()


def test_the_detail_shows_the_lines_behind_the_item_with_their_reasons(officer_client, organisation,
                                                                       spend_to_review):
    review_items_generate(organisation=organisation, as_at=AS_AT)
    item = ReviewItem.objects.get(organisation=organisation)
    page = officer_client.get(reverse("spend:review_detail", args=["lancs", item.pk])).content.decode()
    assert "£13,000.00" in page and "£7,000.00" in page and "£6,000.00" in page
    assert "Contract DC-2015-0007 ended on 30/06/2016" in page


def test_the_edit_form_refuses_an_exemption_without_a_reason(officer_client, organisation):
    item = ReviewItemFactory(organisation=organisation)
    response = officer_client.post(reverse("spend:review_edit", args=["lancs", item.pk]),
                                   {"action": ReviewAction.EXEMPT, "status": ReviewStatus.OPEN})
    page = response.content.decode()
    assert "<title>Error:" in page and "Enter the reason for the exemption" in page
    item.refresh_from_db()
    assert item.action == ReviewAction.UNDECIDED


def test_the_edit_form_saves_a_persons_decision(officer_client, organisation, officer):
    item = ReviewItemFactory(organisation=organisation)
    response = officer_client.post(reverse("spend:review_edit", args=["lancs", item.pk]), {
        "owner": officer.pk, "action": ReviewAction.FRAMEWORK_CALL_OFF, "target_on_day": "30",
        "target_on_month": "9", "target_on_year": "2017", "status": ReviewStatus.IN_PROGRESS})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.owner, item.action, item.target_on, item.status) == (
        officer, ReviewAction.FRAMEWORK_CALL_OFF, date(2017, 9, 30), ReviewStatus.IN_PROGRESS)


def test_a_refused_edit_changes_nothing(client, user_with_role, organisation):
    item = ReviewItemFactory(organisation=organisation)
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    response = client.post(reverse("spend:review_edit", args=["lancs", item.pk]),
                           {"action": ReviewAction.TENDER, "status": ReviewStatus.IN_PROGRESS})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ReviewStatus.OPEN


@pytest.mark.parametrize(("query", "expected"), [
    ("rule=paid_after_end", {"Ended"}),
    ("status=in_progress", {"Owned"}),
    ("action=tender", {"Owned"}),
    ("owner=null", {"Big", "Ended"}),
])
def test_the_list_filters_by_rule_status_owner_and_action(officer_client, organisation, officer, query,
                                                          expected):
    ReviewItemFactory(organisation=organisation, summary="Big", amount=Decimal("90000.00"))
    ReviewItemFactory(organisation=organisation, summary="Ended", rule=ReviewRule.PAID_AFTER_END)
    ReviewItemFactory(organisation=organisation, summary="Owned", owner=officer, action=ReviewAction.TENDER,
                      status=ReviewStatus.IN_PROGRESS)
    response = officer_client.get(reverse("spend:review_list", args=["lancs"]) + "?" + query)
    assert {item.summary for item in response.context["table"].page.object_list.data} == expected


def test_the_list_is_sorted_by_amount_and_exports(officer_client, organisation):
    for amount in ("500.00", "90000.00", "12000.00"):
        ReviewItemFactory(organisation=organisation, summary=f"Item of {amount}", amount=Decimal(amount))
    response = officer_client.get(reverse("spend:review_list", args=["lancs"]))
    assert [row.record.amount for row in response.context["table"].page.object_list] == [
        Decimal("90000.00"), Decimal("12000.00"), Decimal("500.00")]
    export = officer_client.get(reverse("spend:review_list", args=["lancs"]) + "?_export=csv")
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("Item,Rule,Spend in 12 months") and "90000.00" in lines[1]
    workbook = officer_client.get(reverse("spend:review_list", args=["lancs"]) + "?_export=xlsx")
    assert workbook.status_code == 200


def test_review_list_query_count_is_pinned(officer_client, organisation, officer,
                                           django_assert_max_num_queries):
    for number in range(30):
        ReviewItemFactory(organisation=organisation, owner=officer, category=CategoryFactory(),
                          supplier=SupplierFactory(organisation=organisation), amount=Decimal(1000 + number))
    # session, user, organisation, roles, 2 counts, progress, navigation twice, owners, items
    with django_assert_max_num_queries(11):
        response = officer_client.get(reverse("spend:review_list", args=["lancs"]))
    assert response.status_code == 200


def test_review_detail_query_count_is_pinned(officer_client, organisation, spend_to_review,
                                            django_assert_max_num_queries):
    for day in range(1, 13):
        SpendLineFactory(organisation=organisation, supplier=spend_to_review, amount=Decimal("100.00"),
                         payment_date=date(2016, 9, day), coverage=Coverage.CONTRACT_ENDED,
                         contract=spend_to_review.contracts.get())
    review_items_generate(organisation=organisation, as_at=AS_AT)
    item = ReviewItem.objects.get(organisation=organisation)
    # session, user, organisation, roles, item, 2 counts, navigation twice, imports, lines, history
    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("spend:review_detail", args=["lancs", item.pk]))
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 14


def test_threshold_list_query_count_is_pinned(officer_client, organisation, django_assert_max_num_queries):
    for starts in (date(2016, 4, 1), date(2020, 4, 1), date.today() + timedelta(days=365)):
        for value in ("0.00", "10000.00", "50000.00"):
            ProcedureThresholdFactory(organisation=organisation, from_value=Decimal(value),
                                      effective_from=starts)
    # session, user, organisation, roles, 2 counts, any thresholds, navigation twice, rows
    with django_assert_max_num_queries(10):
        response = officer_client.get(reverse("spend:threshold_list", args=["lancs"]))
    statuses = [row.get_cell("standing") for row in response.context["table"].page.object_list]
    assert statuses == ["Starts later"] * 3 + ["In force"] * 3 + ["Replaced"] * 3


def test_thresholds_are_installed_added_and_ended_through_the_pages(officer_client, organisation):
    slug = organisation.slug
    officer_client.post(reverse("spend:threshold_install", args=[slug]),
                        {"effective_from_day": "1", "effective_from_month": "4",
                         "effective_from_year": "2016"})
    assert ProcedureThreshold.objects.filter(organisation=organisation).count() == 7
    national = ProcedureThreshold.objects.filter(organisation=organisation, from_value=Decimal("173100.00"))
    assert national.exists()
    response = officer_client.post(reverse("spend:threshold_add", args=[slug]), {
        "name": "Review threshold", "from_value": "£25,000", "route": "Reviewed by procurement",
        "effective_from_day": "1", "effective_from_month": "4", "effective_from_year": "2016"})
    assert response.status_code == 302
    row = ProcedureThreshold.objects.get(organisation=organisation, name="Review threshold",
                                         effective_from=date(2016, 4, 1))
    assert row.from_value == Decimal("25000.00")
    officer_client.post(reverse("spend:threshold_end", args=[slug, row.pk]),
                        {"ends_from_day": "1", "ends_from_month": "4", "ends_from_year": "2016"})
    assert not ProcedureThreshold.objects.filter(organisation=organisation, name="Review threshold").exists()


def test_a_refused_threshold_change_changes_nothing(client, user_with_role, organisation):
    row = ProcedureThresholdFactory(organisation=organisation, name="Three quotes",
                                    from_value=Decimal("10000.00"))
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    data = {"name": "Three quotes", "from_value": "1", "route": "Quotes", "effective_from_day": "1",
            "effective_from_month": "4", "effective_from_year": "2016"}
    for url in (reverse("spend:threshold_edit", args=[organisation.slug, row.pk]),
                reverse("spend:threshold_add", args=[organisation.slug])):
        assert client.post(url, data).status_code == 403
    assert list(ProcedureThreshold.objects.values_list("name", "from_value")) == [
        ("Three quotes", Decimal("10000.00"))]


def test_the_threshold_form_says_what_to_do(officer_client, organisation):
    response = officer_client.post(reverse("spend:threshold_add", args=[organisation.slug]),
                                   {"name": "", "from_value": "lots", "route": "Quotes"})
    page = response.content.decode()
    assert "Enter the name of the threshold" in page
    assert "Enter the value the threshold starts from as an amount" in page
    assert "Enter the date this applies from" in page
    assert not ProcedureThreshold.objects.exists()
