from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procure.contracts import rules, selectors
from procure.contracts.choices import ContractStatus
from procure.contracts.models import Contract
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.organisations.choices import Role

pytestmark = pytest.mark.django_db


def test_staff_see_every_contract_and_supplier_users_only_their_own(organisation, officer, supplier_user,
                                                                    contract, other_contract):
    assert set(selectors.contract_list(organisation=organisation, user=officer)) == {contract, other_contract}
    assert list(selectors.contract_list(organisation=organisation, user=supplier_user)) == [contract]


def test_people_without_a_role_see_no_contracts(organisation, other_organisation, user_with_role, contract):
    outsider = user_with_role(Role.PROCUREMENT_OFFICER, other_organisation)
    assert not selectors.contract_list(organisation=organisation, user=outsider).exists()


def test_an_organisation_sees_contracts_it_takes_part_in(organisation, other_organisation, user_with_role,
                                                          contract):
    contract.participating_organisations.add(other_organisation)
    partner_officer = user_with_role(Role.PROCUREMENT_OFFICER, other_organisation)
    assert list(selectors.contract_list(organisation=other_organisation, user=partner_officer)) == [contract]
    assert selectors.contract_get_for_change(organisation=other_organisation, contract_id=contract.pk) is None


def test_contracts_live_on_counts_exercised_extensions(organisation):
    extended = ContractFactory(organisation=organisation, ends_on=date(2025, 3, 31),
                               final_ends_on=date(2026, 3, 31))
    ended = ContractFactory(organisation=organisation, ends_on=date(2025, 3, 31))
    assert list(selectors.contracts_live_on(organisation=organisation, day=date(2025, 3, 31))) in (
        [extended, ended], [ended, extended])
    assert list(selectors.contracts_live_on(organisation=organisation, day=date(2025, 4, 1))) == [extended]


def test_contracts_expiring_within_is_the_forward_plan_window(organisation):
    today = date(2026, 11, 26)
    soon = ContractFactory(organisation=organisation, ends_on=today + timedelta(days=30))
    later = ContractFactory(organisation=organisation, ends_on=today + timedelta(days=400))
    ContractFactory(organisation=organisation, ends_on=today - timedelta(days=1))
    def expiring(days):
        return list(selectors.contracts_expiring_within(organisation=organisation, days=days, today=today))

    assert expiring(60) == [soon]
    assert expiring(548) == [soon, later]


def test_forward_plan_groups_by_month_with_annual_value(organisation):
    today = date(2026, 11, 26)
    ContractFactory(organisation=organisation, ends_on=date(2027, 1, 5), annual_value_net=Decimal("1000.00"))
    ContractFactory(organisation=organisation, ends_on=date(2027, 1, 31), annual_value_net=Decimal("250.50"))
    ContractFactory(organisation=organisation, ends_on=date(2028, 5, 26), annual_value_net=None)
    ContractFactory(organisation=organisation, ends_on=date(2028, 5, 27))
    plan = selectors.forward_plan(organisation=organisation, today=today)
    assert [(month.month, len(month.contracts), month.annual_value_net) for month in plan] == [
        (date(2027, 1, 1), 2, Decimal("1250.50")), (date(2028, 5, 1), 1, Decimal("0.00"))]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 26), 18, date(2028, 5, 26)), (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2027, 12, 31), 2, date(2028, 2, 29)),
])
def test_add_months_keeps_the_day_or_the_month_end(day, months, expected):
    assert selectors.add_months(day, months) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(length=st.integers(0, 800), extension=st.integers(0, 400), offset=st.integers(-100, 1400))
def test_status_in_sql_matches_the_rule(organisation, length, extension, offset):
    start = date(2024, 4, 1)
    contract = ContractFactory(organisation=organisation, starts_on=start,
                               ends_on=start + timedelta(days=length),
                               final_ends_on=start + timedelta(days=length + extension), suppliers=[])
    day = start + timedelta(days=offset)
    annotated = selectors.with_status(Contract.objects.filter(pk=contract.pk), on=day).get()
    expected = rules.contract_status(contract, on=day)
    assert annotated.status == expected
    for status in ContractStatus:
        chosen = selectors.filter_status(Contract.objects.filter(pk=contract.pk), status=status, on=day)
        assert chosen.exists() == (status == expected)


def test_cpv_search_by_digits_or_words():
    assert [cpv.code for cpv in selectors.cpv_search(text="3019211")] == ["30192110-5", "30192111-2",
                                                                          "30192112-9", "30192113-6"]
    assert "79710000-4" in {cpv.code for cpv in selectors.cpv_search(text="security services")}


def test_category_tree_is_three_queries(django_assert_num_queries):
    with django_assert_num_queries(3):
        tree = selectors.category_tree()
        names = [leaf.name for top in tree for mid in top.children.all() for leaf in mid.children.all()]
    assert len(tree) == 32
    assert len(names) == 270


def test_category_contracts_include_those_classified_beneath(organisation, officer, contract, other_contract):
    fleet = CategoryFactory(name="Fleet", path="Fleet")
    tyres = CategoryFactory(name="Tyres", parent=fleet, level=2, path="Fleet > Tyres")
    fleeting = CategoryFactory(name="Fleeting", path="Fleeting")
    contract.categories.add(tyres)
    other_contract.categories.add(fleeting)
    found = selectors.category_contracts(category=fleet, organisation=organisation, user=officer)
    assert list(found) == [contract]
    assert list(selectors.category_ancestors(category=tyres)) == [fleet]


def test_category_match_knows_only_proclass(organisation):
    CategoryFactory(code="191400", name="Lifts and escalators", path="Lifts and escalators")
    selectors.category_match_cache_clear()
    assert selectors.category_match("191400").scheme == "proclass"
    assert selectors.category_match("Lifts and escalators") is None
