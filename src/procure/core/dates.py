"""Dates as UK finance files write them, and the financial year (1 April to 31 March)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: wide enough for any payment, narrow enough to refuse amounts

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NUMERIC = re.compile(r"^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-/]*([A-Za-z]{3,9})[\s\-/,]*(\d{2}|\d{4})$")
_TIME_SUFFIX = re.compile(r"[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def parse_uk_date(value: object) -> date:
    """Read a payment date: date objects, Excel serial numbers, dd/mm/yyyy, dd-Mon-yy, ISO.

    Day comes before month, as in every UK finance export. Raises ValueError with a sentence.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("the date is empty")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"'{value}' is not a date")
    text = _TIME_SUFFIX.sub("", str(value).strip())
    try:
        if text.isdigit() and len(text) in (5, 8):
            if len(text) == 5:
                return parse_uk_date(int(text))
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.match(text):
            return date(_year(match[3]), int(match[2]), int(match[1]))
        if (match := _NAMED.match(text)) and match[2][:3].lower() in _MONTHS:
            return date(_year(match[3]), _MONTHS[match[2][:3].lower()], int(match[1]))
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None
    raise ValueError(f"'{value}' is not a date in a form we recognise (use dd/mm/yyyy)")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK public-sector financial year, 1 April to 31 March, named by its first year: 2024/25."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        """'2024/25', '2024-25', '2024/2025', 'FY2024' or '2024'."""
        cleaned = text.strip().upper().removeprefix("FY").strip()
        match = re.fullmatch(r"(\d{4})(?:\s*[/\-]\s*(\d{2}|\d{4}))?", cleaned)
        if not match:
            raise ValueError(f"'{text}' is not a financial year; write it like 2024/25")
        year = cls(int(match[1]))
        if match[2] and int(match[2][-2:]) != (year.start_year + 1) % 100:
            raise ValueError(f"'{text}' is not a financial year: {year.label} ends in {year.start_year + 1}")
        return year

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def next(self) -> "FinancialYear":
        return FinancialYear(self.start_year + 1)

    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


# Working days: weekends and the bank holidays of England and Wales (shipped offline by govuk-bank-holidays)

STANDSTILL_WORKING_DAYS = 8


@lru_cache(maxsize=1)
def _bank_holidays() -> frozenset[date]:
    from govuk_bank_holidays.bank_holidays import BankHolidays

    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(item["date"] for item in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (`start` itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def standstill_end(award_notice_on: date) -> date:
    """SRC-40: The standstill ends 8 working days after the award notice is published (Procurement Act 2023
    s.51), skipping weekends and bank holidays; the contract may be entered into from the day after."""
    return add_working_days(award_notice_on, STANDSTILL_WORKING_DAYS)
