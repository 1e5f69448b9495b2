"""Planning and writing the savings register: what the demo force's recent procurements saved, by year.

Savings come from contracts let since April 2023 by tender, framework call-off or collaboration; each year's
amounts are scaled so that the register holds about £1.65M a year at scale 1 (the strategy: 'over £1.6M').
Written through the savings services, so every saving is checked and audited as a person's would be.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from procure.contracts.choices import RouteToMarket
from procure.contracts.models import Contract
from procure.core.dates import FinancialYear
from procure.demo.generator.contracts import ContractPlan
from procure.spend.choices import SavingType
from procure.spend.savings.services import saving_approve, saving_create, saving_year_set

SAVINGS_PER_YEAR = 1_650_000  # pounds at scale 1
_LET_FROM = date(2023, 4, 1)
_ROUTES = (RouteToMarket.OWN_TENDER, RouteToMarket.FRAMEWORK_CALL_OFF, RouteToMarket.COLLABORATIVE)
_TYPES = ((SavingType.CASHABLE, 0.7), (SavingType.NON_CASHABLE, 0.15), (SavingType.COST_AVOIDANCE, 0.15))
_METHODS = {
    SavingType.CASHABLE: "Annual price of the new contract against the last contract's, for the same volumes.",
    SavingType.NON_CASHABLE: "Staff time no longer spent on ordering and invoices, at the hourly rate finance "
                             "publishes.",
    SavingType.COST_AVOIDANCE: "Price increase the supplier notified, avoided by the new contract's fixed prices.",
}


@dataclass
class SavingPlan:
    contract: ContractPlan
    saving_type: str
    rate: float
    years: dict[FinancialYear, tuple[Decimal, Decimal | None]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.contract.title} ({self.contract.reference})"

    @property
    def baseline(self) -> Decimal:
        return _pounds(self.contract.annual_value_net * Decimal(str(1 + self.rate)))


def _pounds(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def plan_savings(*, seed: int, scale: float, contracts: list[ContractPlan],
                 years: tuple[FinancialYear, ...]) -> list[SavingPlan]:
    """Savings on the recently let contracts, the same for a seed and scale."""
    rng = random.Random(f"savings-{seed}")
    let = [c for c in contracts if c.route in _ROUTES and c.starts_on >= _LET_FROM and c.suppliers]
    chosen = sorted(let, key=lambda c: (-c.annual_value_net, c.index))[:max(4, round(24 * scale))]
    plans = [SavingPlan(contract, rng.choices([t for t, _ in _TYPES], [w for _, w in _TYPES])[0],
                        rng.uniform(0.03, 0.12)) for contract in chosen]
    for year in years:
        _plan_year(rng, plans, year, target=Decimal(SAVINGS_PER_YEAR * scale))
    return [plan for plan in plans if plan.years]


def _plan_year(rng: random.Random, plans: list[SavingPlan], year: FinancialYear, *, target: Decimal) -> None:
    live = [p for p in plans if p.contract.starts_on <= year.ends_on and p.contract.final_ends_on >= year.starts_on]
    raw = {id(p): p.contract.annual_value_net * Decimal(str(p.rate)) for p in live}
    total = sum(raw.values(), Decimal(0))
    if not total:
        return
    for plan in live:
        projected = _pounds(raw[id(plan)] * target / total)
        realised = _pounds(projected * Decimal(str(round(rng.uniform(0.92, 1.08), 3)))) if rng.random() < 0.7 \
            else None
        plan.years[year] = (projected, realised)


def write_savings(demo, plans: list[SavingPlan], *, contracts: list[Contract], approver) -> None:
    """Record each saving and its years; finance approves those with a realised amount."""
    for plan in plans:
        saving = saving_create(organisation=demo, actor=None, title=plan.title, saving_type=plan.saving_type,
                               baseline=plan.baseline, method=_METHODS[plan.saving_type],
                               baseline_description="The annual value of the previous contract for the same need.",
                               contract=contracts[plan.contract.index])
        for year, (projected, realised) in plan.years.items():
            saving_year_set(saving=saving, actor=None, financial_year=year, projected=projected, realised=realised)
        if any(realised is not None for _projected, realised in plan.years.values()):
            saving_approve(saving=saving, actor=approver, approved_on=date(2025, 5, 15))
