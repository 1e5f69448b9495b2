"""The synthetic register of the bench organisation: suppliers (with the ways ledgers spell them), contracts,
savings and exclusion rules, the same for a seed whatever the number of spend lines.

About 5,000 suppliers of one police force with legal names, company and VAT numbers, postcodes in Lancashire,
elsewhere in the North West or further away (a few missing), size bands (some changing during the year) and
VCSE flags, trading names; ten payees whose spend is not procurable (HMRC, the pension fund, councils, other
forces); frameworks; about 3,200 contracts (framework call-offs, collaborative, own tenders, direct awards;
some ended, some not yet started, some extended, some limited to categories); exclusion rules; savings.
"""

import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from synthetic_vocabulary import (  # noqa: E402
    CAUSES,
    COLLABORATIVE_BODIES,
    DEPARTMENTS,
    FRAMEWORKS,
    NON_PROCURABLE,
    PLACES,
    SUFFIXES,
    SURNAMES,
    TAILS,
    TRADES,
)

from procure.demo.generator.geography import (  # noqa: E402  (the repository's src must be on the path first)
    ELSEWHERE,
    LANCASHIRE,
    NORTH_WEST,
    districts_in,
    invent_postcode,
)
from procure.suppliers.matching import normalise_name  # noqa: E402

SEED = 2024
SUPPLIERS = 5000
YEAR = 2024  # 2024/25 holds most lines
ORGANISATION = {"slug": "bench-force", "name": "Bench Constabulary", "county": "E10000017",
                "region": "E12000002"}


@dataclass
class SupplierPlan:
    index: int
    name: str
    company_number: str
    vat_number: str
    postcode: str
    size: str
    is_vcse: bool
    size_change: tuple[date, str] | None
    is_public_body: bool
    trading_name: str
    trades: list[int]  # indexes into TRADES (or -1 for the non-procurable payees)
    purpose: str = ""
    spellings: list[str] = field(default_factory=list)
    spelling_weights: list[float] = field(default_factory=list)
    departments: tuple[int, ...] = ()
    amount_scale: float = 1.0
    weight: float = 1.0


@dataclass
class ContractPlan:
    reference: str
    title: str
    supplier_indexes: list[int]
    route: str
    framework: int | None
    collaborative_bodies: str
    starts_on: date
    ends_on: date
    final_ends_on: date
    extension_ends_on: date | None
    extension_exercised: bool
    category_codes: list[str]
    department: int
    is_managed_by_procurement: bool
    annual_value_pennies: int


@dataclass
class SavingPlan:
    title: str
    contract_index: int
    saving_type: str
    baseline_pennies: int
    projected_pennies: int
    realised_pennies: int | None


@dataclass
class Register:
    seed: int
    suppliers: list[SupplierPlan]
    contracts: list[ContractPlan]
    savings: list[SavingPlan]
    exclusions: list[tuple[str, str, str]]  # (kind, value, reason); value: text, category code or supplier

    @property
    def departments(self) -> tuple[tuple[str, str], ...]:
        return DEPARTMENTS

    @property
    def frameworks(self) -> tuple[tuple[str, str, bool], ...]:
        return FRAMEWORKS


def build_register(seed: int = SEED) -> Register:
    """The suppliers, contracts, exclusions and savings of the bench organisation, the same for a seed."""
    rng = random.Random(f"register-{seed}")
    suppliers = _suppliers(rng)
    contracts = _contracts(rng, suppliers)
    savings = _savings(rng, contracts)
    exclusions = [("expense_type", "HMRC", "Taxes and national insurance paid to HMRC"),
                  ("expense_type", "Pension", "Pension contributions"),
                  ("expense_type", "insurance deductions", "Deductions from pay passed on"),
                  ("public_body", "", "Payments to other public bodies that are not purchases"),
                  ("category", "201700", "Grants")]
    return Register(seed, suppliers, contracts, savings, exclusions)


def _suppliers(rng: random.Random) -> list[SupplierPlan]:
    names: set[str] = set()
    suppliers: list[SupplierPlan] = []
    for name, purpose, scale, weight, public in NON_PROCURABLE:
        plan = _supplier(rng, len(suppliers), name, public=public, trades=[-1])
        plan.purpose, plan.amount_scale, plan.weight = purpose, float(scale), float(weight)
        plan.departments = (9,)
        names.add(normalise_name(name))
        suppliers.append(plan)
    while len(suppliers) < SUPPLIERS:
        name, trades = _invent_name(rng)
        if normalise_name(name) in names:
            continue
        names.add(normalise_name(name))
        suppliers.append(_supplier(rng, len(suppliers), name, public=False, trades=trades))
    _unique_company_numbers(suppliers)
    _weigh(rng, suppliers)
    return suppliers


def _unique_company_numbers(suppliers: list[SupplierPlan]) -> None:
    """One supplier per company number (the register's rule): a number met again is taken off."""
    seen: set[str] = set()
    for supplier in suppliers:
        if supplier.company_number in seen:
            supplier.company_number = ""
        seen.add(supplier.company_number or "-")


def _invent_name(rng: random.Random) -> tuple[str, list[int]]:
    trade = rng.randrange(len(TRADES))
    word = TRADES[trade][0]
    shape = rng.random()
    if shape < 0.06:
        return f"{rng.choice(PLACES)} {rng.choice(CAUSES)}", [trade]
    if shape < 0.16:
        return f"{rng.choice('ABCDEGHJKLMPRSTW')} {rng.choice(SURNAMES)} {word}", [trade]
    suffix = rng.choice(SUFFIXES)
    if shape < 0.40:
        stem = f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)}"
    elif shape < 0.70:
        stem = rng.choice(SURNAMES)
    else:
        stem = rng.choice(PLACES)
    tail = rng.choice(TAILS)
    trades = [trade] if rng.random() < 0.7 else [trade, rng.randrange(len(TRADES))]
    return " ".join(part for part in (stem, word, tail, suffix) if part), trades


def _supplier(rng: random.Random, index: int, name: str, *, public: bool, trades: list[int]) -> SupplierPlan:
    area = rng.choices((LANCASHIRE, NORTH_WEST, ELSEWHERE, ""), weights=(40, 26, 30, 4))[0]
    postcode = invent_postcode(rng, rng.choice(districts_in(area))) if area else ""
    size = rng.choices(("micro", "small", "medium", "large", "unknown"), weights=(22, 26, 20, 27, 5))[0]
    vcse = any(cause in name for cause in CAUSES) or rng.random() < 0.03
    change = None
    if rng.random() < 0.06:
        grown = {"micro": "small", "small": "medium", "medium": "large"}.get(size, "medium")
        change = (date(YEAR, rng.randint(5, 12), 1), grown)
    number = "" if public or rng.random() < 0.25 else f"{rng.randrange(1, 14_000_000):08d}"
    vat = "" if public or rng.random() < 0.2 else f"GB{rng.randrange(100_000_000, 999_999_999)}"
    trading = ""
    if not public and rng.random() < 0.10:
        trading = f"{rng.choice(PLACES)} {TRADES[trades[0]][0]}"
    plan = SupplierPlan(index, name, number, vat, postcode, size, vcse, change, public, trading, trades)
    if trades[0] >= 0:
        plan.purpose = TRADES[trades[0]][3]
        plan.departments = tuple(dict.fromkeys(d for t in trades for d in TRADES[t][4]))
    plan.spellings, plan.spelling_weights = _spellings(rng, name, trading)
    return plan


def _spellings(rng: random.Random, name: str, trading: str) -> tuple[list[str], list[float]]:
    """The fixed ways a ledger writes this payee, and how often each is used."""
    spellings = [(name, 10.0)]
    if rng.random() < 0.5:
        spellings.append((name.upper(), 3.0))
    swapped = _swap_suffix(name)
    if swapped and rng.random() < 0.4:
        spellings.append((swapped, 2.0))
    if "&" in name and rng.random() < 0.6:
        spellings.append((name.replace("&", "and"), 2.0))
    if rng.random() < 0.05:
        spellings.append((f"The {name}", 1.0))
    if trading:
        spellings += [(trading, 3.0), (f"{name} t/a {trading}", 1.0)]
    if rng.random() < 0.04:
        spellings.append((_typo(rng, name), 0.5))
    unique = dict(spellings)
    return list(unique), list(unique.values())


def _swap_suffix(name: str) -> str:
    for old, new in ((" Ltd", " Limited"), (" Limited", " Ltd")):
        if name.endswith(old):
            return name[: -len(old)] + new
    return ""


def _typo(rng: random.Random, name: str) -> str:
    """A slip of the keyboard in the longest word: two letters swapped or one dropped."""
    words = name.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    at = rng.randrange(1, len(word) - 2) if len(word) > 3 else 1
    words[longest] = word[:at] + word[at + 1] + word[at] + word[at + 2:] if rng.random() < 0.5 \
        else word[:at] + word[at + 1:]
    return " ".join(words)


def _weigh(rng: random.Random, suppliers: list[SupplierPlan]) -> None:
    """A long tail: the supplier ranked k takes lines in proportion to k^-0.8, and larger amounts near the
    top, where most suppliers are large."""
    order = list(range(len(NON_PROCURABLE), len(suppliers)))
    rng.shuffle(order)
    for rank, index in enumerate(order, start=1):
        supplier = suppliers[index]
        supplier.weight = 1000.0 * rank ** -0.8
        supplier.amount_scale = 0.7 + 3.0 / math.sqrt(rank) + rng.random() * 0.6
        if rank <= 200 and not supplier.is_vcse:
            supplier.size = rng.choices(("small", "medium", "large"), weights=(10, 25, 65))[0]
            if supplier.size_change:
                supplier.size_change = (supplier.size_change[0], "large")


def _contracts(rng: random.Random, suppliers: list[SupplierPlan]) -> list[ContractPlan]:
    ranked = sorted((s for s in suppliers if s.trades[0] >= 0), key=lambda s: -s.weight)
    contracts: list[ContractPlan] = []
    for rank, supplier in enumerate(ranked):
        chance = 1.0 if rank < 300 else 0.92 if rank < 1500 else 0.6 if rank < 3000 else 0.25
        if rng.random() >= chance:
            continue
        contracts.append(_contract(rng, len(contracts), supplier, ranked, current=True))
        if rng.random() < 0.15:
            contracts.append(_contract(rng, len(contracts), supplier, ranked, current=False))
    return contracts


def _contract(rng: random.Random, number: int, supplier: SupplierPlan, ranked: list[SupplierPlan], *,
              current: bool) -> ContractPlan:
    route = rng.choices(("framework_call_off", "collaborative", "own_tender", "direct_award", "exempt"),
                        weights=(52, 26, 14, 6, 2))[0]
    framework = rng.randrange(len(FRAMEWORKS)) if route == "framework_call_off" else None
    bodies = ", ".join(rng.sample(COLLABORATIVE_BODIES, 2)) if route == "collaborative" else ""
    starts, ends, extension, exercised = _contract_dates(rng, current)
    members = [supplier.index]
    if rng.random() < 0.04:
        members += [other.index for other in rng.sample(ranked[:2000], rng.randint(1, 3))
                    if other.index != supplier.index]
    trade = TRADES[supplier.trades[0]]
    codes = []
    if rng.random() < 0.25:
        every = list(dict.fromkeys(TRADES[t][1] for t in supplier.trades))
        codes = every if rng.random() < 0.8 else [trade[1]]
    return ContractPlan(
        reference=f"BC-{starts.year}-{number + 1:05d}", title=f"{trade[3]}: {supplier.name}"[:300],
        supplier_indexes=list(dict.fromkeys(members)), route=route, framework=framework,
        collaborative_bodies=bodies, starts_on=starts, ends_on=ends,
        final_ends_on=extension if exercised else ends, extension_ends_on=extension,
        extension_exercised=exercised, category_codes=codes, department=rng.choice(trade[4]),
        is_managed_by_procurement=rng.random() < 0.85,
        annual_value_pennies=rng.randrange(10_000, 5_000_000) * 100)


def _contract_dates(rng: random.Random, current: bool) -> tuple[date, date, date | None, bool]:
    """Most current contracts run through 2024/25; some end or start during it. Earlier ones end before."""
    if current:
        starts = date(2020, 4, 1) + timedelta(days=rng.randrange(0, 1650))
        if rng.random() < 0.05:
            starts = date(YEAR, 4, 1) + timedelta(days=rng.randrange(0, 300))
        years = rng.choice((2, 3, 4, 5))
        ends = starts + timedelta(days=365 * years - 1)
        if ends < date(YEAR, 4, 1):
            ends = date(YEAR, 4, 1) + timedelta(days=rng.randrange(0, 330) if rng.random() < 0.15 else 400)
    else:
        starts = date(2017, 4, 1) + timedelta(days=rng.randrange(0, 700))
        ends = starts + timedelta(days=rng.randrange(700, 1400))
    extension, exercised = None, False
    if rng.random() < 0.2:
        extension = ends + timedelta(days=365 * rng.choice((1, 2)))
        exercised = rng.random() < 0.6
    return starts, ends, extension, exercised


def _savings(rng: random.Random, contracts: list[ContractPlan]) -> list[SavingPlan]:
    savings = []
    for index in rng.sample(range(len(contracts)), 40):
        kind = rng.choices(("cashable", "non_cashable", "cost_avoidance"), weights=(6, 2, 2))[0]
        baseline = rng.randrange(20_000, 2_000_000) * 100
        projected = baseline * rng.randrange(3, 20) // 100
        realised = projected * rng.randrange(70, 120) // 100 if rng.random() < 0.5 else None
        savings.append(SavingPlan(f"Saving on {contracts[index].reference}", index, kind, baseline, projected,
                                  realised))
    return savings
