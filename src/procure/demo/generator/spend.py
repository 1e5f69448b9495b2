"""Planning two years of payments so the KPIs come out as a real force's might. No database.

Each year's procurable total is split into buckets first (contracted spend by route and by whether the
supplier is in the North West; payments after a contract expired; payments in a category no contract
covers; the long tail of suppliers with no contract), then each bucket into payments. Payments to public
bodies that are not purchases come on top.
"""

import bisect
import random
from dataclasses import dataclass
from datetime import date, timedelta

from procure.core.dates import FinancialYear
from procure.demo.generator.bodies import PUBLIC_BODIES
from procure.demo.generator.catalogue import CATEGORIES, DEPARTMENTS, STRAY_CATEGORY_CODES
from procure.demo.generator.contracts import ContractPlan
from procure.demo.generator.suppliers import SupplierPlan

CONTRACTED = 0.90  # share of procurable spend with a supplier holding a live contract in the category
COLLABORATIVE = 0.69  # share of procurable spend through collaborative routes (KPI: collaborative / total)
NORTH_WEST = 0.60  # share of procurable spend with North West suppliers
NORTH_WEST_IN = {True: 0.55, False: 0.72}  # of collaborative and of other contracted spend
EXPIRED, STRAY = 0.03, 0.01  # shares paid after expiry, and in categories no contract covers
NON_PROCURABLE = 0.08  # payments to public bodies, on top of the procurable total
LINE_SHARES = {"contract": 0.60, "expired": 0.03, "stray": 0.015, "tail": 0.335, "public": 0.02}
SPECS = {spec.code: spec for spec in CATEGORIES}
DEPARTMENT_CODES = tuple(code for code, _name in DEPARTMENTS)


@dataclass
class Unit:
    """A stream of payments to one supplier over some dates, with the categories they fall under."""

    kind: str
    supplier: SupplierPlan
    first: date
    last: date
    categories: tuple[str, ...]
    department: str
    weight: float
    contract: ContractPlan | None = None
    expenses: tuple[str, ...] = ()


@dataclass
class LinePlan:
    payment_date: date
    pennies: int
    supplier: SupplierPlan
    category_code: str
    department: str
    expense: str
    invoice_reference: str
    description: str


def contract_weight(contract: ContractPlan, year: FinancialYear) -> float:
    """The contract's expected spend in the year, per supplier: its annual value times the part of the year
    it is live."""
    first, last = max(contract.starts_on, year.starts_on), min(contract.final_ends_on, year.ends_on)
    if first > last:
        return 0.0
    return float(contract.annual_value_net) * ((last - first).days + 1) / 365.25 / len(contract.suppliers)


def contracted_targets(total: int) -> dict[tuple[bool, bool], int]:
    """Pennies for each (collaborative, North West) bucket of contracted spend."""
    targets = {}
    for collaborative in (True, False):
        route_share = COLLABORATIVE if collaborative else CONTRACTED - COLLABORATIVE
        for north_west in (True, False):
            place_share = NORTH_WEST_IN[collaborative] if north_west else 1 - NORTH_WEST_IN[collaborative]
            targets[(collaborative, north_west)] = round(total * route_share * place_share)
    return targets


def plan_year(rng: random.Random, year: FinancialYear, contracts: list[ContractPlan],
              suppliers: list[SupplierPlan], *, total: int, lines: int) -> list[LinePlan]:
    """Every payment of one year; procurable ones sum to exactly `total` pennies."""
    contracted = _contracted_units(rng, year, contracts)
    expired = _expired_units(year, contracts)
    stray = _stray_units(rng, contracted, contracts)
    tail = _tail_units(rng, year, suppliers)
    public = _public_units(rng, year, suppliers)
    budgets = _budgets(total, contracted, expired, stray, tail)
    budgets.update(_share_among(round(total * NON_PROCURABLE), public))
    groups = {"contract": contracted, "expired": expired, "stray": stray, "tail": [*tail[True], *tail[False]],
              "public": public}
    counts = _line_counts(lines, groups, budgets)
    weekdays = _weekdays(year)
    planned: list[LinePlan] = []
    for unit in [*contracted, *expired, *stray, *tail[True], *tail[False], *public]:
        if budgets.get(id(unit), 0) > 0:
            planned.extend(_payments(rng, unit, budgets[id(unit)], counts[id(unit)], weekdays))
    return planned


def _contracted_units(rng, year, contracts) -> list[Unit]:
    units = []
    for contract in contracts:
        weight = contract_weight(contract, year)
        if weight <= 0:
            continue
        first, last = max(contract.starts_on, year.starts_on), min(contract.final_ends_on, year.ends_on)
        for supplier in contract.suppliers:
            units.append(Unit("contract", supplier, first, last, contract.category_codes, contract.department,
                              weight * rng.uniform(0.75, 1.25), contract))
    return units


def _expired_units(year, contracts) -> list[Unit]:
    units = []
    for contract in contracts:
        if contract.still_paid_until is None:
            continue
        first = max(contract.final_ends_on + timedelta(days=1), year.starts_on)
        last = min(contract.still_paid_until, year.ends_on)
        if first <= last:
            weight = float(contract.annual_value_net) * ((last - first).days + 1) / 365.25
            units.append(Unit("expired", contract.suppliers[0], first, last, contract.category_codes,
                              contract.department, weight, contract))
    return units


def _stray_units(rng, contracted: list[Unit], contracts: list[ContractPlan]) -> list[Unit]:
    covered: dict[int, set[str]] = {}
    for contract in contracts:
        for supplier in contract.suppliers:
            covered.setdefault(supplier.index, set()).update(contract.category_codes)
    units = []
    for unit in rng.sample(contracted, k=min(len(contracted), max(2, len(contracted) // 12))):
        choices = [code for code in STRAY_CATEGORY_CODES if code not in covered[unit.supplier.index]]
        if choices:
            code = rng.choice(choices)
            units.append(Unit("stray", unit.supplier, unit.first, unit.last, (code,), SPECS[code].department,
                              rng.uniform(0.5, 1.5)))
    return units


def _tail_units(rng, year, suppliers) -> dict[bool, list[Unit]]:
    tail: dict[bool, list[Unit]] = {True: [], False: []}
    for supplier in suppliers:
        if supplier.contract_periods or supplier.is_public_body or rng.random() > 0.72:
            continue
        roll = rng.random()
        codes = () if roll < 0.03 else (rng.choice(CATEGORIES).code,) if roll < 0.2 else (supplier.trade,)
        department = SPECS[supplier.trade].department if rng.random() < 0.85 else rng.choice(DEPARTMENT_CODES)
        tail[supplier.is_north_west].append(Unit("tail", supplier, year.starts_on, year.ends_on, codes,
                                                 department,
                                                 rng.lognormvariate(0, 1.2)))
    return tail


def _public_units(rng, year, suppliers) -> list[Unit]:
    shares = {body.name: body.share for body in PUBLIC_BODIES}
    return [Unit("public", supplier, year.starts_on, year.ends_on, (), "FIN", shares[supplier.name],
                 expenses=supplier.expenses) for supplier in suppliers if supplier.is_public_body]


def _budgets(total, contracted, expired, stray, tail) -> dict[int, int]:
    """Pennies for each unit so that every bucket's target is met; the long tail takes what is left."""
    budgets: dict[int, int] = {}
    for bucket, target in contracted_targets(total).items():
        _give(budgets, target, [unit for unit in contracted if unit.contract.bucket == bucket])
    _give(budgets, round(total * EXPIRED), expired)
    _give(budgets, round(total * STRAY), stray)
    given = [*contracted, *expired, *stray]
    north_west_so_far = sum(budgets[id(u)] for u in given if u.supplier.is_north_west)
    tail_total = total - sum(budgets.values())
    tail_north_west = min(tail_total, max(0, round(total * NORTH_WEST) - north_west_so_far))
    if not tail[True] or not tail[False]:
        tail_north_west = tail_total if tail[True] else 0
    _give(budgets, tail_north_west, tail[True])
    _give(budgets, tail_total - tail_north_west, tail[False])
    return budgets


def _give(budgets: dict[int, int], pennies: int, units: list[Unit]) -> None:
    """Share pennies among units by weight (none given when there are no units: the tail takes them)."""
    if units:
        budgets.update(_share_among(pennies, units))


def _share_among(pennies: int, units: list[Unit]) -> dict[int, int]:
    return {id(unit): part for unit, part in zip(units, split_pennies(pennies, [u.weight for u in units]),
                                                 strict=True)}


def split_pennies(pennies: int, weights: list[float]) -> list[int]:
    """Whole pennies in proportion to the weights, summing exactly (largest remainder first)."""
    total_weight = sum(weights)
    exact = [pennies * weight / total_weight for weight in weights]
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: pennies - sum(parts)]:
        parts[i] += 1
    return parts


def _line_counts(lines: int, groups: dict[str, list[Unit]], budgets: dict[int, int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for kind, units in groups.items():
        units = [unit for unit in units if budgets.get(id(unit), 0) > 0]
        if not units:
            continue
        wanted = max(len(units), round(lines * LINE_SHARES[kind]))
        weights = [budgets[id(unit)] ** 0.55 for unit in units]
        for unit, count in zip(units, split_pennies(wanted - len(units), weights), strict=True):
            days = (unit.last - unit.first).days + 1
            counts[id(unit)] = max(1, min(1 + count, budgets[id(unit)] // 2_000, days * 2))
    return counts


def _weekdays(year: FinancialYear) -> list[date]:
    days = ((year.ends_on - year.starts_on).days + 1)
    return [d for d in (year.starts_on + timedelta(days=n) for n in range(days)) if d.weekday() < 5]


def _payments(rng, unit: Unit, pennies: int, count: int, weekdays: list[date]) -> list[LinePlan]:
    low, high = bisect.bisect_left(weekdays, unit.first), bisect.bisect_right(weekdays, unit.last)
    days = weekdays[low:high] or [unit.first]
    if unit.kind == "contract" and count >= 6 and rng.random() < 0.2:
        dates = _monthly(days, count)
        amounts = split_pennies(pennies, [1.0] * len(dates))
    else:
        dates = sorted(rng.choice(days) for _ in range(count))
        weights = [max(0.05, rng.lognormvariate(0, 1.0)) for _ in range(count)]
        amounts = _with_credits(rng, split_pennies(pennies, weights))
    return [_line(rng, unit, day, amount) for day, amount in zip(dates, amounts, strict=True) if amount]


def _monthly(days: list[date], count: int) -> list[date]:
    """One payment a month, on the first working day after the 14th (or the nearest there is)."""
    months: dict[tuple[int, int], date] = {}
    for day in days:
        key = (day.year, day.month)
        if key not in months or (months[key].day < 15 <= day.day):
            months[key] = day
    return sorted(months.values())[:count]


def _with_credits(rng, amounts: list[int]) -> list[int]:
    """Turn the odd payment into a credit note, keeping the unit's total."""
    if len(amounts) < 4:
        return amounts
    for i in range(len(amounts)):
        if rng.random() < 0.012 and amounts[i] > 0:
            j = (i + 1) % len(amounts)
            amounts[j] += 2 * amounts[i]
            amounts[i] = -amounts[i]
    return amounts


def _line(rng, unit: Unit, day: date, pennies: int) -> LinePlan:
    code = rng.choice(unit.categories) if unit.categories else ""
    expense = rng.choice(unit.expenses) if unit.expenses else _expense_type(code)
    elsewhere = unit.kind != "public" and rng.random() >= 0.9  # bought by another department
    department = rng.choice(DEPARTMENT_CODES) if elsewhere else unit.department
    contract = unit.contract
    if contract is not None and unit.kind == "contract" and rng.random() < 0.4:
        description = f"{contract.reference} {contract.title}"
    else:
        description = f"{expense} {day:%B %Y}"
    return LinePlan(day, pennies, unit.supplier, code, department, expense,
                    _invoice_reference(rng, unit.supplier, credit=pennies < 0), description[:500])


def _expense_type(code: str) -> str:
    return SPECS[code].expense if code else "Sundry payments"


def _invoice_reference(rng, supplier: SupplierPlan, *, credit: bool) -> str:
    number = rng.randint(1000, 999_999)
    if credit:
        return f"CN{number:06d}"
    style = supplier.index % 4
    return (f"INV-{number:06d}", f"{number:07d}", f"SI{number}",
            f"{supplier.name[:3].upper()}{number:06d}")[style]
