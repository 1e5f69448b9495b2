from datetime import date
from decimal import Decimal

import pytest

from procure.core.dates import FinancialYear
from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import SavingType
from procure.spend.savings.selectors import (
    SavingsTotals,
    saving_get,
    saving_list,
    saving_year_figures,
    savings_totals,
)
from procure.spend.tests.savings_factories import SavingFactory, SavingYearFactory

pytestmark = pytest.mark.django_db

Y2024 = FinancialYear(2024)


def _saving(organisation, saving_type, *years, approved=False):
    saving = SavingFactory(organisation=organisation, saving_type=saving_type, is_finance_approved=approved)
    for financial_year, projected, realised in years:
        SavingYearFactory(saving=saving, financial_year=financial_year, projected=Decimal(projected),
                          realised=Decimal(realised) if realised is not None else None)
    return saving


def test_totals_count_realised_where_recorded_else_projected(organisation, django_assert_num_queries):
    _saving(organisation, SavingType.CASHABLE, (2024, "10000.00", None), (2025, "7000.00", None))
    _saving(organisation, SavingType.CASHABLE, (2024, "20000.00", "18500.50"))
    _saving(organisation, SavingType.CASHABLE, (2024, "5000.00", "0.00"))  # realised nothing: counts 0
    _saving(organisation, SavingType.NON_CASHABLE, (2024, "3000.00", None))
    _saving(organisation, SavingType.COST_AVOIDANCE, (2023, "9999.00", None), (2024, "4000.00", "4500.25"))
    with django_assert_num_queries(1):
        totals = savings_totals(organisations=[organisation], year=Y2024)
    assert totals == SavingsTotals(cashable=Decimal("28500.50"), non_cashable=Decimal("3000.00"),
                                   cost_avoidance=Decimal("4500.25"), total=Decimal("36000.75"))


def test_totals_of_a_year_without_savings_are_zero(organisation):
    _saving(organisation, SavingType.CASHABLE, (2023, "10000.00", None))
    assert savings_totals(organisations=[organisation], year=Y2024) == SavingsTotals(
        Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_totals_add_up_a_group_of_organisations_and_leave_others_out(organisation, other_organisation):
    _saving(organisation, SavingType.CASHABLE, (2024, "1000.00", None))
    _saving(other_organisation, SavingType.CASHABLE, (2024, "2000.00", "2500.00"))
    _saving(OrganisationFactory(), SavingType.CASHABLE, (2024, "40000.00", None))
    group = savings_totals(organisations=[organisation, other_organisation], year=Y2024)
    assert (group.cashable, group.total) == (Decimal("3500.00"), Decimal("3500.00"))
    assert savings_totals(organisations=[organisation], year=Y2024).total == Decimal("1000.00")


def test_totals_can_count_only_finance_approved_savings(organisation):
    _saving(organisation, SavingType.CASHABLE, (2024, "1000.00", None), approved=True)
    _saving(organisation, SavingType.CASHABLE, (2024, "2000.00", None))
    assert savings_totals(organisations=[organisation], year=Y2024).total == Decimal("3000.00")
    assert savings_totals(organisations=[organisation], year=Y2024, approved_only=True).total == Decimal(
        "1000.00")


def test_totals_as_json_give_money_as_strings(organisation):
    _saving(organisation, SavingType.NON_CASHABLE, (2024, "1234.5", None))
    assert savings_totals(organisations=[organisation], year=Y2024).as_json() == {
        "cashable": "0.00", "non_cashable": "1234.50", "cost_avoidance": "0.00", "total": "1234.50"}


def test_saving_list_sums_the_chosen_year_or_all_years(organisation, other_organisation):
    saving = _saving(organisation, SavingType.CASHABLE, (2024, "10000.00", "8000.00"),
                     (2025, "6000.00", None))
    _saving(other_organisation, SavingType.CASHABLE, (2024, "1.00", None))
    [all_years] = saving_list(organisation=organisation)
    assert (all_years.projected_total, all_years.realised_total, all_years.counted_total) == (
        Decimal("16000.00"), Decimal("8000.00"), Decimal("14000.00"))
    [in_2025] = saving_list(organisation=organisation, year=FinancialYear(2025))
    assert (in_2025.pk, in_2025.projected_total, in_2025.realised_total, in_2025.counted_total) == (
        saving.pk, Decimal("6000.00"), None, Decimal("6000.00"))


def test_saving_year_figures_say_what_each_year_counts(organisation):
    saving = _saving(organisation, SavingType.CASHABLE, (2025, "6000.00", None),
                     (2024, "10000.00", "8000.00"))
    figures = saving_year_figures(saving=saving_get(organisation=organisation, saving_id=saving.pk),
                                  today=date(2025, 6, 1))
    assert [(f.year.label, f.counted, f.counts_realised, f.has_ended) for f in figures] == [
        ("2024/25", Decimal("8000.00"), True, True), ("2025/26", Decimal("6000.00"), False, False)]


def test_saving_get_finds_only_the_organisations_own(organisation, other_organisation):
    theirs = SavingFactory(organisation=other_organisation)
    assert saving_get(organisation=organisation, saving_id=theirs.pk) is None
    assert saving_get(organisation=other_organisation, saving_id=theirs.pk) == theirs
