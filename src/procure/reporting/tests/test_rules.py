from datetime import date
from decimal import Decimal

import pytest

from procure.core.dates import FinancialYear
from procure.reporting import rules
from procure.spend.kpis.selectors import Breakdown


@pytest.mark.parametrize(("part", "whole", "expected"), [
    ("1750", "2000", Decimal("87.50")), ("1", "3", Decimal("33.33")), ("2", "3", Decimal("66.67")),
    ("-50", "1000", Decimal("-5.00")), ("10", "0", None),
])
def test_percentage_is_to_two_places_and_none_of_nothing(part, whole, expected):
    assert rules.percentage(Decimal(part), Decimal(whole)) == expected


@pytest.mark.parametrize(("today", "expected"), [
    (date(2024, 11, 5), date(2024, 11, 5)),  # the year is running
    (date(2026, 1, 1), date(2025, 3, 31)),  # the year has ended
    (date(2024, 1, 1), date(2024, 4, 1)),  # the year has not begun
])
def test_as_at_is_today_within_the_year_else_its_nearer_end(today, expected):
    assert rules.as_at_for(FinancialYear(2024), today=today) == expected


@pytest.mark.parametrize(("latest", "has_spend_this_year", "expected"), [
    (date(2026, 10, 1), True, 2026),  # spend this year: this year
    (date(2025, 3, 31), False, 2024),  # none this year: the latest year with spend
    (None, False, 2026),  # no spend at all: this year
])
def test_default_year(latest, has_spend_this_year, expected):
    chosen = rules.default_year(today=date(2026, 11, 26), latest_payment_on=latest,
                                has_spend_this_year=has_spend_this_year)
    assert chosen == FinancialYear(expected)


def test_years_offered_run_from_the_latest_to_the_first_and_include_today():
    years = rules.years_offered(today=date(2026, 11, 26), first_payment_on=date(2023, 4, 1),
                                latest_payment_on=date(2025, 3, 31))
    assert [year.label for year in years] == ["2026/27", "2025/26", "2024/25", "2023/24"]


def test_top_with_other_gathers_the_rest_with_their_totals():
    rows = [Breakdown(key, f"Category {key}", Decimal(100 - key), Decimal(50)) for key in range(12)]
    shares = rules.top_with_other(rows, total=Decimal(1000), limit=10)
    assert len(shares) == 11
    assert [share.key for share in shares[:10]] == list(range(10))
    other = shares[-1]
    assert other.label == "Other (2 more)" and other.amount == Decimal(89 + 90) and other.contracted == 100
    assert other.measure == "" and other.pct == Decimal("17.90")


def test_top_with_other_leaves_no_other_when_all_fit():
    rows = [Breakdown(1, "Fuel", Decimal(10), Decimal(0))]
    assert [share.label for share in rules.top_with_other(rows, total=Decimal(10))] == ["Fuel"]


def test_local_split_adds_up_to_the_total():
    shares = rules.local_split(total=Decimal(2000), county=Decimal(1000), region=Decimal(1250),
                               unknown=Decimal(500), county_name="Lancashire", region_name="North West")
    assert [(share.label, share.amount) for share in shares] == [
        ("Lancashire", 1000), ("Rest of North West", 250), ("Elsewhere", 250),
        ("Unknown (no usable postcode)", 500)]
    assert sum(share.amount for share in shares) == 2000
    assert [share.measure for share in shares] == ["local_county", "local_rest_of_region", "local_elsewhere",
                                                   "local_unknown"]


@pytest.mark.parametrize(("pct", "expected"), [
    (None, "There is no non-ICT spend"), ("49.99", "Below the 18-month band"), ("50", "Within the 18-month band"),
    ("60", "Within the 18-month band"), ("69", "Above the 18-month band"), ("75", "Within the three-year band"),
    ("79.99", "Within the three-year band"), ("80", "At or above the final target"),
])
def test_trajectory_standing(pct, expected):
    assert rules.trajectory_standing(Decimal(pct) if pct else None).startswith(expected)
