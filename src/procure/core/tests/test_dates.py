from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from procure.core.dates import add_working_days, is_working_day, standstill_end


def test_standstill_skips_weekends():
    # Award notice on Monday 2 March 2026: eight working days later is Thursday 12 March.
    assert standstill_end(date(2026, 3, 2)) == date(2026, 3, 12)


def test_standstill_skips_christmas_and_new_year_bank_holidays():
    # Notice on Tuesday 22 December 2026: 23, 24, 29, 30, 31 December, 4, 5, 6 January (25, 28 December and
    # 1 January are bank holidays; 26, 27 December and 2, 3 January a weekend).
    assert standstill_end(date(2026, 12, 22)) == date(2027, 1, 6)


def test_standstill_skips_easter():
    # Notice on Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    assert standstill_end(date(2026, 4, 2)) == date(2026, 4, 16)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), st.integers(min_value=1, max_value=20))
def test_adding_working_days_lands_on_a_working_day_after_exactly_that_many(start, days):
    end = add_working_days(start, days)
    assert is_working_day(end)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(is_working_day(day) for day in between) == days
