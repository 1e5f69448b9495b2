from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procure.core.dates import FinancialYear, parse_uk_date
from procure.core.money import format_money, money_str, parse_money


@pytest.mark.parametrize(("text", "expected"), [
    ("£1,234.56", "1234.56"), ("1234.5", "1234.50"), ("(123.45)", "-123.45"), ("-£12.00", "-12.00"),
    ("£-12.00", "-12.00"), ("123.45-", "-123.45"), ("CR 10.00", "-10.00"), ("  1 000 ", "1000.00"),
    (610.81, "610.81"), (7740, "7740.00"), ("0.005", "0.01"),
])
def test_parse_money_reads_amounts_as_finance_files_write_them(text, expected):
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", None, "abc", "£", "1.2.3", "NaN", True])
def test_parse_money_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        parse_money(text)


@given(st.decimals(min_value=Decimal("-9999999999.99"), max_value=Decimal("9999999999.99"), places=2))
def test_formatted_money_reads_back_exactly(amount):
    assert parse_money(format_money(amount)) == amount
    assert parse_money(money_str(amount)) == amount


@pytest.mark.parametrize(("value", "expected"), [
    ("01/04/2024", date(2024, 4, 1)), ("1/4/24", date(2024, 4, 1)), ("2024-04-01", date(2024, 4, 1)),
    ("01-Apr-2024", date(2024, 4, 1)), ("1 April 2024", date(2024, 4, 1)), (45383, date(2024, 4, 1)),
    ("45383", date(2024, 4, 1)), (datetime(2024, 4, 1, 1, 0), date(2024, 4, 1)),
    ("01/04/2024 00:00:00", date(2024, 4, 1)),
    ("20240401", date(2024, 4, 1)), ("01.04.2024", date(2024, 4, 1)),
])
def test_parse_uk_date_reads_day_before_month_and_excel_serials(value, expected):
    assert parse_uk_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "", "next tuesday", 12.5, "13/13/2024"])
def test_parse_uk_date_refuses_impossible_dates(value):
    with pytest.raises(ValueError):
        parse_uk_date(value)


def test_financial_year_runs_april_to_march():
    year = FinancialYear.parse("2024/25")
    assert (year.starts_on, year.ends_on, year.label) == (date(2024, 4, 1), date(2025, 3, 31), "2024/25")
    assert FinancialYear.containing(date(2025, 3, 31)) == year
    assert FinancialYear.containing(date(2025, 4, 1)) == year.next()


@pytest.mark.parametrize("text", ["2024/26", "24/25", "last year"])
def test_financial_year_refuses_malformed_labels(text):
    with pytest.raises(ValueError):
        FinancialYear.parse(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_lies_in_exactly_the_year_that_contains_it(day):
    year = FinancialYear.containing(day)
    assert year.contains(day)
    assert not year.next().contains(day) and not year.previous().contains(day)
