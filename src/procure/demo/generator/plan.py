"""The whole demo as plain records, from a seed: the same seed and scale always give the same plan."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from procure.core.dates import FinancialYear
from procure.demo.generator.bodies import FRAMEWORKS, PUBLIC_BODIES
from procure.demo.generator.contracts import ContractPlan, framework_dates, plan_contracts, rescale_values
from procure.demo.generator.geography import LANCASHIRE
from procure.demo.generator.savings import SavingPlan, plan_savings
from procure.demo.generator.spend import LinePlan, contract_weight, contracted_targets, plan_year
from procure.demo.generator.suppliers import LAST_SPEND_DAY, SupplierBook, SupplierPlan, fill_long_tail

YEARS = (FinancialYear(2024), FinancialYear(2025))
_SPEND_PER_YEAR = {2024: 45_800_000, 2025: 46_200_000}  # pounds of procurable spend at scale 1
# Contracts that expired between these dates may still be paid afterwards.
_STILL_PAID_WINDOW = (date(2023, 10, 1), date(2026, 1, 31))
_ALWAYS_STILL_PAID = 8  # the index of a required contract that expires in 2024/25


@dataclass(frozen=True)
class DemoSize:
    """How big the demo is: scale 1 is a mid-sized force; tests use a small scale."""

    scale: float

    @property
    def suppliers(self) -> int:
        return max(150, round(1500 * self.scale))

    @property
    def contracts(self) -> int:
        return max(40, round(320 * self.scale))

    @property
    def lines_per_year(self) -> int:
        return max(600, round(25_000 * self.scale))

    def spend_pennies(self, year: FinancialYear) -> int:
        return round(_SPEND_PER_YEAR[year.start_year] * self.scale * 100)


@dataclass
class DemoPlan:
    suppliers: list[SupplierPlan]
    contracts: list[ContractPlan]
    frameworks: dict[str, tuple[date, date]]
    lines: dict[FinancialYear, list[LinePlan]]
    supplier_user_supplier: SupplierPlan
    savings: list[SavingPlan]


def plan_demo(*, scale: float, seed: int) -> DemoPlan:
    rng = random.Random(seed)
    size = DemoSize(scale)
    book = SupplierBook(rng)
    contracts = plan_contracts(rng, book, count=size.contracts)
    fill_long_tail(book, total=size.suppliers - len(PUBLIC_BODIES))
    book.add_public_bodies()
    rescale_values(contracts, _value_factors(contracts, size))
    _choose_still_paid(rng, contracts)
    lines = {year: plan_year(rng, year, contracts, book.suppliers, total=size.spend_pennies(year),
                             lines=size.lines_per_year) for year in YEARS}
    return DemoPlan(
        suppliers=book.suppliers, contracts=contracts,
        frameworks={spec.key: framework_dates(contracts, spec.key) for spec in FRAMEWORKS},
        lines=lines, supplier_user_supplier=_supplier_for_sign_in(book.suppliers, contracts),
        savings=plan_savings(seed=seed, scale=scale, contracts=contracts, years=YEARS),
    )


def _value_factors(contracts: list[ContractPlan], size: DemoSize) -> dict[tuple[bool, bool], float]:
    """How much to scale each bucket's contract values so that spend against them matches them."""
    wanted: dict[tuple[bool, bool], float] = {}
    expected: dict[tuple[bool, bool], float] = {}
    for year in YEARS:
        for bucket, pennies in contracted_targets(size.spend_pennies(year)).items():
            wanted[bucket] = wanted.get(bucket, 0.0) + pennies / 100
        for contract in contracts:
            weight = contract_weight(contract, year) * len(contract.suppliers)
            expected[contract.bucket] = expected.get(contract.bucket, 0.0) + weight
    return {bucket: wanted[bucket] / expected[bucket] for bucket in wanted if expected.get(bucket)}


def _choose_still_paid(rng: random.Random, contracts: list[ContractPlan]) -> None:
    """Some contracts that ended are still paid for months afterwards, until a new one is let."""
    for contract in contracts:
        forced = contract.index == _ALWAYS_STILL_PAID
        ended = contract.final_ends_on
        in_window = _STILL_PAID_WINDOW[0] <= ended <= _STILL_PAID_WINDOW[1]
        if not in_window or not (forced or rng.random() < 0.55):
            continue
        until = ended + timedelta(days=400 if forced else rng.randint(90, 420))
        supplier = contract.suppliers[0]
        later = [start for start, _end in supplier.contract_periods if start > ended]
        if later:
            until = min(until, min(later) - timedelta(days=1))
        contract.still_paid_until = until if until > ended else None


def _supplier_for_sign_in(suppliers: list[SupplierPlan], contracts: list[ContractPlan]) -> SupplierPlan:
    """A local small firm with live contracts, to sign in as: the one with most contracts."""
    held: dict[int, int] = {}
    for contract in contracts:
        if contract.starts_on <= LAST_SPEND_DAY <= contract.final_ends_on:
            for supplier in contract.suppliers:
                held[supplier.index] = held.get(supplier.index, 0) + 1

    def preference(supplier: SupplierPlan) -> tuple:
        local = supplier.district.area == LANCASHIRE
        return (-held.get(supplier.index, 0), not local, supplier.size not in ("small", "medium"),
                supplier.index)

    return min((s for s in suppliers if held.get(s.index)), key=preference)
