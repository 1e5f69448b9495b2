"""Named rules of the dashboard: pure functions over figures the KPI engine has already worked out."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from procure.core.dates import FinancialYear

HUNDRED = Decimal(100)
ZERO = Decimal("0.00")
TOP_CATEGORIES = 10


@dataclass(frozen=True)
class Band:
    """A stage of the national collaborative-spend trajectory: from `low` to `high` per cent."""

    name: str
    low: Decimal
    high: Decimal

    @property
    def label(self) -> str:
        if self.low == self.high:
            return f"{self.name}: {self.low:.0f}%"
        return f"{self.name}: {self.low:.0f}–{self.high:.0f}%"


TRAJECTORY = (
    Band("After 18 months", Decimal(50), Decimal(60)),
    Band("After three years", Decimal(75), Decimal(80)),
    Band("In the end", Decimal(80), Decimal(80)),
)


@dataclass(frozen=True)
class Share:
    """One row of a chart: what it is, how much, its share of the whole, and the figure behind it."""

    label: str
    amount: Decimal
    pct: Decimal | None
    measure: str = ""
    key: int | None = None
    contracted: Decimal | None = None
    note: str = ""


def percentage(part: Decimal, whole: Decimal) -> Decimal | None:
    """RPT-1: A share is part ÷ whole as a percentage to 2 dp; there is none when the whole is zero."""
    if not whole:
        return None
    return (HUNDRED * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def as_at_for(year: FinancialYear, *, today: date) -> date:
    """RPT-2: Figures are as at today while the year runs, as at its last day once it has ended,
    and as at its first day before it starts."""
    return min(max(today, year.starts_on), year.ends_on)


def default_year(*, today: date, latest_payment_on: date | None, has_spend_this_year: bool) -> FinancialYear:
    """RPT-3: The dashboard opens on the financial year containing today when it has spend,
    else on the latest year with spend (today's year when there is none at all)."""
    current = FinancialYear.containing(today)
    if has_spend_this_year or latest_payment_on is None:
        return current
    return FinancialYear.containing(latest_payment_on)


def years_offered(*, today: date, first_payment_on: date | None, latest_payment_on: date | None
                  ) -> list[FinancialYear]:
    """RPT-4: The years to choose from: every year from the first spend to the latest, and today's, newest first."""
    current = FinancialYear.containing(today)
    first = FinancialYear.containing(first_payment_on) if first_payment_on else current
    last = FinancialYear.containing(latest_payment_on) if latest_payment_on else current
    low, high = min(first, current), max(last, current)
    return [FinancialYear(start) for start in range(high.start_year, low.start_year - 1, -1)]


def top_with_other(rows, *, total: Decimal, limit: int = TOP_CATEGORIES, measure: str = "category"
                   ) -> list[Share]:
    """RPT-5: A chart by category shows the largest `limit` rows and gathers the rest as 'Other'."""
    rows = list(rows)
    shown = [Share(label=row.label, amount=row.amount, pct=percentage(row.amount, total), measure=measure,
                   key=row.key, contracted=row.contracted) for row in rows[:limit]]
    rest = rows[limit:]
    if rest:
        amount = sum((row.amount for row in rest), ZERO)
        contracted = sum((row.contracted for row in rest), ZERO)
        shown.append(Share(label=f"Other ({len(rest)} more)", amount=amount, pct=percentage(amount, total),
                           contracted=contracted, note="The lines of each are behind its own figure"))
    return shown


def local_split(*, total: Decimal, county: Decimal, region: Decimal, unknown: Decimal, county_name: str,
                region_name: str) -> list[Share]:
    """RPT-6: Local against not: the county, the rest of the region, elsewhere, and suppliers whose
    postcode is unknown (never counted as local). The county lies within the region."""
    elsewhere = total - region - unknown
    rows = [
        (county_name, county, "local_county"),
        (f"Rest of {region_name}", region - county, "local_rest_of_region"),
        ("Elsewhere", elsewhere, "local_elsewhere"),
        ("Unknown (no usable postcode)", unknown, "local_unknown"),
    ]
    return [Share(label=label, amount=amount, pct=percentage(amount, total), measure=measure)
            for label, amount, measure in rows]


def trajectory_standing(pct: Decimal | None) -> str:
    """RPT-7: Where collaborative non-ICT spend stands against the national trajectory
    (50–60% after 18 months, 75–80% after three years, 80% in the end)."""
    if pct is None:
        return "There is no non-ICT spend in this year, so there is no collaborative percentage."
    eighteen_months, three_years, end = TRAJECTORY
    if pct >= end.low:
        return "At or above the final target of 80%."
    if pct >= three_years.low:
        return "Within the three-year band of 75–80%."
    if pct > eighteen_months.high:
        return "Above the 18-month band of 50–60%, below the three-year band of 75–80%."
    if pct >= eighteen_months.low:
        return "Within the 18-month band of 50–60%."
    return "Below the 18-month band of 50–60%."


def dashboard_cache_key(*, organisation_id: int, path: str, params, today: date, version: str) -> str:
    """The dashboard's content depends on the organisation, the address asked for (filters in any order),
    the day (figures are as at today in the current year) and the state of the data."""
    asked = sorted((name, value) for name, values in params for value in values)
    digest = hashlib.sha256(repr((organisation_id, path, asked, today.isoformat(), version)).encode()).hexdigest()
    return f"dashboard:{digest}"
