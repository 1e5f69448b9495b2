"""The KPI block's values: plain records, Decimal money and percentages, with their JSON form."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from procure.core.dates import FinancialYear
from procure.core.money import ZERO, money_str
from procure.spend.savings.selectors import SavingsTotals

PERCENT_PLACES = Decimal("0.01")
# The national target for collaborative non-ICT spend (DESIGN.md section 5).
COLLABORATIVE_TARGETS = (("after 18 months", Decimal(50), Decimal(60)),
                         ("after three years", Decimal(75), Decimal(80)),
                         ("in the end", Decimal(80), Decimal(80)))


def percentage(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a percentage to 2 places (half up); 0 when the whole is 0."""
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class KpiFilters:
    """Narrow every figure to some departments, categories (with everything under them) or suppliers."""

    department_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    supplier_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Breakdown:
    key: int | None
    label: str
    amount: Decimal
    contracted: Decimal

    def as_json(self) -> dict:
        return {"key": self.key, "label": self.label, "amount": money_str(self.amount),
                "contracted": money_str(self.contracted)}


@dataclass(frozen=True)
class MonthTotal:
    month: date
    amount: Decimal
    contracted: Decimal

    def as_json(self) -> dict:
        return {"month": self.month.isoformat(), "amount": money_str(self.amount),
                "contracted": money_str(self.contracted)}


MONEY_FIELDS = ("total_spend", "excluded_spend", "contracted_spend", "spend_to_review", "local_spend_county",
                "local_spend_region", "local_unknown_spend", "sme_spend", "vcse_spend", "collaborative_spend",
                "non_ict_spend", "collaborative_non_ict_spend")
PERCENT_FIELDS = ("compliance_pct", "local_spend_pct_county", "local_spend_pct_region", "sme_spend_pct",
                  "vcse_spend_pct", "collaborative_spend_pct", "collaborative_non_ict_pct")


@dataclass
class KpiBlock:
    """Every figure of DESIGN.md section 5 for some organisations and a financial year."""

    organisations: list[str]
    year: FinancialYear
    as_at: date
    total_spend: Decimal = ZERO
    excluded_spend: Decimal = ZERO
    exclusions: list[tuple[str, Decimal]] = field(default_factory=list)
    contracted_spend: Decimal = ZERO
    compliance_pct: Decimal = ZERO
    spend_to_review: Decimal = ZERO
    contracts_managed: int = 0
    savings: SavingsTotals = field(default_factory=SavingsTotals)
    local_spend_county: Decimal = ZERO
    local_spend_region: Decimal = ZERO
    local_spend_pct_county: Decimal = ZERO
    local_spend_pct_region: Decimal = ZERO
    local_unknown_spend: Decimal = ZERO
    sme_spend: Decimal = ZERO
    sme_spend_pct: Decimal = ZERO
    vcse_spend: Decimal = ZERO
    vcse_spend_pct: Decimal = ZERO
    collaborative_spend: Decimal = ZERO
    collaborative_spend_pct: Decimal = ZERO
    non_ict_spend: Decimal = ZERO
    collaborative_non_ict_spend: Decimal = ZERO
    collaborative_non_ict_pct: Decimal = ZERO
    by_category: list[Breakdown] = field(default_factory=list)
    by_department: list[Breakdown] = field(default_factory=list)
    by_supplier: list[Breakdown] = field(default_factory=list)
    monthly: list[MonthTotal] = field(default_factory=list)

    def as_json(self, *, top: int | None = None) -> dict:
        """Money as strings of pounds and pence, percentages as numbers; `top` shortens the breakdowns."""
        data: dict = {"organisations": self.organisations, "year": self.year.label,
                      "as_at": self.as_at.isoformat()}
        data |= {name: money_str(getattr(self, name)) for name in MONEY_FIELDS}
        data |= {name: float(getattr(self, name)) for name in PERCENT_FIELDS}
        data["contracts_managed"] = self.contracts_managed
        data["savings"] = self.savings.as_json()
        data["exclusions"] = [{"reason": reason, "amount": money_str(amount)} for reason, amount in self.exclusions]
        for name in ("by_category", "by_department", "by_supplier"):
            data[name] = [item.as_json() for item in getattr(self, name)[:top]]
        data["monthly"] = [month.as_json() for month in self.monthly]
        return data
