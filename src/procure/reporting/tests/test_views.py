import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from procure.contracts.choices import CategoryScheme
from procure.contracts.models import Category
from procure.contracts.tests.factories import CategoryFactory
from procure.core.dates import FinancialYear
from procure.organisations.choices import Role
from procure.organisations.tests.factories import DepartmentFactory
from procure.spend.coverage.services import coverage_rebuild
from procure.spend.tests.factories import SpendLineFactory
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory

YEAR = "year=2024"


def _urls(slug: str) -> dict[str, str]:
    return {
        "dashboard": reverse("reporting:dashboard", args=[slug]),
        "drilldown": reverse("reporting:drilldown", args=[slug]) + "?measure=contracted&" + YEAR,
        "export": reverse("reporting:export", args=[slug]),
        "suggestions": reverse("reporting:supplier_suggestions", args=[slug]) + "?supplier_name=pendle",
    }


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _dashboard(client, query: str = YEAR) -> str:
    return _page(client, reverse("reporting:dashboard", args=["lancs"]) + "?" + query)


def _drilldown_ids(client, query: str) -> set[int]:
    response = client.get(reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&{query}")
    assert response.status_code == 200
    return {line.pk for line in response.context["table"].data}


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("name", ["dashboard", "drilldown", "export", "suggestions"])
def test_dashboard_pages_permission_matrix(client, user_with_role, organisation, other_organisation, hand_made, name):
    url = _urls("lancs")[name]
    assert client.get(url).status_code == 302
    client.force_login(user_with_role(Role.EVALUATOR, organisation))
    assert client.get(url).status_code == 403
    supplier_user = user_with_role(Role.SUPPLIER_USER, organisation)
    SupplierUserFactory(user=supplier_user, supplier=hand_made.joinery)
    client.force_login(supplier_user)
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.BUDGET_HOLDER, organisation))
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(Role.AUDITOR, other_organisation))
    assert client.get(url).status_code == 403


def test_dashboard_shows_the_hand_made_figures(officer_client, hand_made):
    page = _dashboard(officer_client)
    assert "Spend dashboard 2024/25" in page
    assert "£2,000.00" in page  # 600 + 400 + 250 + 750; the pension and last year's line are not in it
    assert "87.50%" in page  # compliance: 1,750 of 2,000 on contract
    assert "£250.00" in page  # to review
    assert "Figures as at 31 March 2025" in page  # the year has ended: as at its last day


def test_dashboard_lists_the_exclusions_beside_the_total(officer_client, hand_made):
    page = _dashboard(officer_client)
    aside = page[page.index('id="exclusions-title"'):page.index("</aside>")]
    assert "£1,000.00" in aside
    assert "Pension" in aside


def test_dashboard_without_any_spend_opens_on_this_year_and_says_so(officer_client, organisation):
    page = _page(officer_client, reverse("reporting:dashboard", args=["lancs"]))
    assert f"Spend dashboard {FinancialYear.containing(timezone.localdate()).label}" in page
    assert "no spend recorded" in page and page.count('role="img"') == 4
    assert "Nothing was excluded" in page


def test_every_figure_links_to_its_lines(officer_client, hand_made):
    page = _dashboard(officer_client)
    kpis = page[page.index('id="kpi-block"'):page.index("</table>", page.index('id="kpi-block"'))]
    for measure in ("total", "contracted", "to_review", "local_county", "local_region", "local_unknown", "sme",
                    "vcse", "collaborative", "non_ict", "collaborative_non_ict"):
        assert f"measure={measure}" in kpis


def test_contracts_managed_links_to_the_register_showing_them(officer_client, hand_made):
    page = _dashboard(officer_client)
    row = re.search(r"Contracts managed by procurement.*?</tr>", page, re.S).group(0)
    href = re.search(r'<td[^>]*><a class="govuk-link" href="([^"]+)">2<', row).group(1).replace("&amp;", "&")
    assert "status=live" in href and "status_on=31%2F03%2F2025" in href and "managed_by_procurement=true" in href
    assert "status=extended" in row
    shown = {contract.reference for contract in officer_client.get(href).context["table"].data}
    assert shown == {"LC-2024-001", "BL-2024-002"}


def test_every_chart_has_a_summary_and_a_table_beside_it(officer_client, hand_made):
    page = _dashboard(officer_client)
    charts = re.findall(r'<svg class="procure-chart" id="([\w-]+)"[^>]*role="img" aria-label="([^"]+)"', page)
    assert [chart_id for chart_id, _ in charts] == ["chart-monthly", "chart-category", "chart-local",
                                                   "chart-collaborative"]
    sections = page.split('<section class="procure-chart-panel"')[1:]
    assert len(sections) == 4
    for section in sections:
        assert "<table" in section and "<caption" in section and "<svg" in section
    monthly = sections[0]
    assert "May 2024" in monthly and "£600.00" in monthly and "March 2025" in monthly and "£750.00" in monthly
    assert "Highest month March 2025 at £750.00" in dict(charts)["chart-monthly"]


def test_local_chart_splits_county_rest_of_region_elsewhere_and_unknown(officer_client, hand_made):
    page = _dashboard(officer_client)
    local = page.split('<section class="procure-chart-panel"')[3]
    table = local[local.index("<table"):]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)(?:<span[^>]*>[^<]*</span>)?</th>\s*<td[^>]*>(?:<a[^>]*>)?'
                      r"([^<]+)", table)
    assert rows == [("Lancashire", "£1,000.00"), ("Rest of North West", "£250.00"), ("Elsewhere", "£0.00"),
                    ("Unknown (no usable postcode)", "£750.00")]


def test_collaborative_chart_places_the_figure_against_the_trajectory(officer_client, hand_made):
    page = _dashboard(officer_client)
    section = page.split('<section class="procure-chart-panel"')[4]
    assert "After 18 months: 50–60%" in section and "After three years: 75–80%" in section
    assert "In the end: 80%" in section
    assert "37.50%" in section  # the diesel, £750 of £2,000, is the only collaborative spend


@pytest.mark.parametrize(("query", "expected"), [
    ("measure=total", {"door", "window", "cleaning", "diesel"}),
    ("measure=contracted", {"door", "window", "diesel"}),
    ("measure=to_review", {"cleaning"}),
    ("measure=excluded", {"pension"}),
    ("measure=collaborative", {"diesel"}),
    ("measure=local_county", {"door", "window"}),
    ("measure=local_rest_of_region", {"cleaning"}),
    ("measure=local_elsewhere", set()),
    ("measure=local_unknown", {"diesel"}),
    ("measure=month&key=2", {"door"}),
    ("measure=month&key=12", {"diesel"}),
])
def test_drilldown_returns_exactly_the_lines_behind_the_figure(officer_client, hand_made, query, expected):
    assert _drilldown_ids(officer_client, query) == hand_made.ids(*expected)


def test_drilldown_by_category_department_and_supplier(officer_client, hand_made):
    assert _drilldown_ids(officer_client, f"measure=category&key={hand_made.fuel_category.pk}") == hand_made.ids(
        "diesel")
    assert _drilldown_ids(officer_client, f"measure=department&key={hand_made.estates.pk}") == hand_made.ids(
        "door", "window", "cleaning")
    assert _drilldown_ids(officer_client, f"measure=supplier&key={hand_made.joinery.pk}") == hand_made.ids(
        "door", "window")


def test_drilldown_without_a_key_shows_the_lines_without_one(officer_client, hand_made):
    response = officer_client.get(reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=category")
    assert response.context["title"] == "Spend without a category"
    assert {row.record.pk for row in response.context["table"].paginated_rows} == set()
    assert _drilldown_ids(officer_client, "measure=excluded") == hand_made.ids("pension")


def test_drilldown_keeps_the_dashboard_filters(officer_client, hand_made):
    query = f"measure=contracted&department={hand_made.fleet.pk}"
    assert _drilldown_ids(officer_client, query) == hand_made.ids("diesel")


def test_drilldown_shows_the_count_total_reason_and_links(officer_client, hand_made):
    page = _page(officer_client, reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=total")
    assert "4 lines totalling" in page and "£2,000.00" in page
    assert reverse("suppliers:detail", args=["lancs", hand_made.joinery.pk]) in page
    assert reverse("contracts:detail", args=["lancs", hand_made.contracts["joinery"].pk]) in page
    assert "Contract LC-2024-001 covers it: live from 01/04/2024 to 31/03/2027" in page
    assert "No contract with Ribble Cleaning Ltd" in page


def test_drilldown_is_sortable_and_paginated(officer_client, hand_made, settings):
    url = reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=total&sort=amount"
    response = officer_client.get(url)
    amounts = [row.record.amount for row in response.context["table"].page.object_list]
    assert amounts == sorted(amounts)
    assert 'aria-sort="ascending"' in response.content.decode()


@pytest.mark.parametrize("query", ["measure=nonsense", "measure=month&key=13", "measure=category&key=abc",
                                   "measure=month", "measure=total&key=3"])
def test_drilldown_refuses_an_address_it_cannot_answer(officer_client, hand_made, query):
    url = reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&{query}"
    assert officer_client.get(url).status_code == 404


def test_drilldown_downloads_its_lines_as_csv(officer_client, hand_made):
    url = reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=contracted&_export=csv"
    response = officer_client.get(url)
    text = _body(response).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Paid,Payee,Supplier")
    assert len(lines) == 4 and "600.00" in text and "750.00" in text and "250.00" not in text
    assert "LC-2024-001" in text


def test_drilldown_downloads_its_lines_as_xlsx(officer_client, hand_made):
    url = reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=to_review&_export=xlsx"
    workbook = load_workbook(BytesIO(_body(officer_client.get(url))))
    rows = list(workbook["Lines"].iter_rows(values_only=True))
    assert rows[0][0] == "Paid" and len(rows) == 2
    assert rows[1][1] == "Ribble Cleaning Ltd" and float(rows[1][7]) == 250.0


def test_export_holds_the_figures_breakdowns_and_lines(officer_client, hand_made):
    response = officer_client.get(reverse("reporting:export", args=["lancs"]) + "?" + YEAR)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(_body(response)))
    assert workbook.sheetnames == ["KPIs", "By category", "By department", "By supplier", "Local", "Monthly",
                                   "Lines"]
    figures = {row[0]: row[1:] for row in workbook["KPIs"].iter_rows(values_only=True) if row and row[0]}
    assert float(figures["Total procurable spend"][0]) == 2000.0
    assert figures["Contracted spend (compliance)"][1] == pytest.approx(0.875)
    assert float(figures["All non-procurable spend"][0]) == 1000.0
    months = list(workbook["Monthly"].iter_rows(values_only=True))
    assert len(months) == 13 and months[2][0] == "May 2024" and float(months[2][1]) == 600.0
    lines = list(workbook["Lines"].iter_rows(values_only=True))
    assert len(lines) == 1 + 5  # heading, four procurable lines, the pension
    assert sum(float(row[7]) for row in lines[1:]) == 3000.0


def test_dashboard_filters_narrow_the_figures(officer_client, hand_made):
    page = _dashboard(officer_client, f"{YEAR}&department={hand_made.fleet.pk}")
    assert "Showing only:</strong> Department: Fleet" in page
    assert "100.00%" in page  # the diesel alone: all of it on contract


def test_dashboard_opens_on_the_latest_year_with_spend(officer_client, hand_made):
    page = _page(officer_client, reverse("reporting:dashboard", args=["lancs"]))
    # today lies after 2024/25 and there is no spend since, so the dashboard opens on 2024/25
    assert "Spend dashboard 2024/25" in page


def test_category_filter_offers_the_categories_above_those_used_and_takes_in_what_is_under_them(
        officer_client, hand_made, organisation):
    leaf = Category.objects.filter(scheme=CategoryScheme.PROCLASS, level=3).select_related("parent__parent").first()
    line = SpendLineFactory(organisation=organisation, category=leaf, payment_date=date(2024, 8, 1),
                            amount=Decimal("40.00"))
    coverage_rebuild(organisation=organisation)
    response = officer_client.get(reverse("reporting:dashboard", args=["lancs"]) + "?" + YEAR)
    offered = dict(response.context["form"].fields["category"].choices)
    assert {leaf.pk, leaf.parent.pk, leaf.parent.parent.pk, hand_made.fuel_category.pk} <= set(offered)
    assert offered[leaf.parent.pk] == leaf.parent.path
    assert _drilldown_ids(officer_client, f"measure=total&category={leaf.parent.parent.pk}") == {line.pk}


def test_wrong_filter_values_are_named_not_crashed_on(officer_client, hand_made):
    page = _dashboard(officer_client, "year=abc&department=99999")
    assert "There is a problem" in page and "<title>Error:" in page
    assert "Select a financial year from the list" in page and "Select a department from the list" in page


def test_supplier_is_chosen_by_typing_part_of_its_name(officer_client, hand_made):
    page = _dashboard(officer_client, f"{YEAR}&supplier_name=pendle")
    assert "Showing only:</strong> Supplier: Pendle Joinery Ltd" in page
    assert "100.00%" in page


def test_supplier_text_matching_several_offers_them_as_links_without_javascript(officer_client, hand_made,
                                                                               organisation):
    SupplierFactory(organisation=organisation, name="Ribble Valley Fencing Ltd")
    page = _dashboard(officer_client, f"{YEAR}&supplier_name=ribble")
    assert "Choose one of the suppliers whose name contains ‘ribble’" in page
    assert f"supplier={hand_made.cleaner.pk}" in page
    assert "Ribble Valley Fencing Ltd" in page
    assert "Showing only" not in page


def test_supplier_text_matching_nothing_says_what_to_do(officer_client, hand_made):
    page = _dashboard(officer_client, f"{YEAR}&supplier_name=zzzz")
    assert "No supplier&#x27;s name contains ‘zzzz’. Check the spelling, or enter fewer letters" in page


def test_supplier_suggestions_are_links_that_apply_the_filter(officer_client, hand_made):
    url = reverse("reporting:supplier_suggestions", args=["lancs"]) + f"?supplier_name=pendle&{YEAR}&department="
    page = _page(officer_client, url)
    assert "1 supplier matches" in page
    assert f"supplier={hand_made.joinery.pk}" in page and "year=2024" in page and "department=" not in page
    assert "<html" not in page


def test_supplier_suggestions_only_offer_the_organisations_suppliers(officer_client, hand_made, other_organisation):
    SupplierFactory(organisation=other_organisation, name="Pendle Plumbing Ltd")
    page = _page(officer_client, reverse("reporting:supplier_suggestions", args=["lancs"]) + "?supplier_name=pendle")
    assert "Pendle Joinery Ltd" in page and "Pendle Plumbing" not in page


def test_supplier_box_asks_htmx_for_suggestions(officer_client, hand_made):
    page = _dashboard(officer_client)
    assert f'hx-get="{reverse("reporting:supplier_suggestions", args=["lancs"])}"' in page
    assert 'hx-target="#supplier-suggestions"' in page and 'id="supplier-suggestions" aria-live="polite"' in page


def test_dashboard_query_count_is_pinned(officer_client, organisation, hand_made, django_assert_max_num_queries):
    for number in range(30):
        SpendLineFactory(organisation=organisation, supplier=SupplierFactory(organisation=organisation),
                         category=CategoryFactory(), department=DepartmentFactory(organisation=organisation),
                         payment_date=date(2024, 4 + number % 9, 1))
    coverage_rebuild(organisation=organisation)
    # 4 for the session, user, organisation and roles; 2 for the state of the data; 3 for the years and the
    # filters' choices; 14 for the KPI block; 1 each for review progress, the place names and the navigation
    with django_assert_max_num_queries(25):
        page = _dashboard(officer_client)
    assert page.count('<section class="procure-chart-panel"') == 4
    # served again from the cache while nothing changes: the session, user, organisation, roles, the state of
    # the data and the navigation
    main = re.compile(r'<main.*</main>', re.S)
    with django_assert_max_num_queries(7):
        assert main.search(_dashboard(officer_client))[0] == main.search(page)[0]


def test_drilldown_query_count_is_pinned(officer_client, organisation, hand_made, django_assert_max_num_queries):
    for _ in range(60):
        SpendLineFactory(organisation=organisation, supplier=SupplierFactory(organisation=organisation),
                         category=CategoryFactory(), department=DepartmentFactory(organisation=organisation))
    coverage_rebuild(organisation=organisation)
    url = reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=total"
    # 4 for the session, user, organisation and roles; 3 for the years and the filters' choices; the count with
    # the total; the page of lines with their suppliers, categories, departments and contracts; the navigation
    # twice (the page and the table template)
    with django_assert_max_num_queries(11):
        response = officer_client.get(url)
    assert len(response.context["table"].page.object_list) == 50


def test_drilldown_page_past_the_end_shows_the_last_page(officer_client, hand_made):
    response = officer_client.get(reverse("reporting:drilldown", args=["lancs"]) + f"?{YEAR}&measure=total&page=99")
    assert response.status_code == 200 and response.context["table"].page.number == 1


def test_navigation_offers_the_dashboard_first_to_those_who_may_see_spend(client, user_with_role, organisation):
    client.force_login(user_with_role(Role.BUDGET_HOLDER, organisation))
    page = _page(client, reverse("organisations:dashboard", args=["lancs"]))
    nav = page[page.index('aria-label="Main"'):page.index("</nav>")]
    assert nav.index(reverse("reporting:dashboard", args=["lancs"])) < nav.index("Overview")
    client.force_login(user_with_role(Role.EVALUATOR, organisation))
    page = _page(client, reverse("organisations:dashboard", args=["lancs"]))
    assert reverse("reporting:dashboard", args=["lancs"]) not in page


def test_the_dashboard_shows_new_spend_at_once_though_its_content_is_cached(client, officer, organisation,
                                                                           hand_made):
    client.force_login(officer)
    main = re.compile(r'<main.*</main>', re.S)
    before = main.search(_dashboard(client))[0]
    assert main.search(_dashboard(client))[0] == before
    SpendLineFactory(organisation=organisation, supplier=hand_made.joinery, payment_date=date(2024, 6, 3),
                     amount=Decimal("123456.78"))
    coverage_rebuild(organisation=organisation)
    after = main.search(_dashboard(client))[0]
    total = re.compile(r'procure-kpi__value">£([\d,.]+)<')
    assert (Decimal(total.search(after)[1].replace(",", "")) - Decimal(total.search(before)[1].replace(",", ""))
            == Decimal("123456.78"))
