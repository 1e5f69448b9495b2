"""Planning the contracts register: what was let, how, with whom, when, for how much. No database."""

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from procure.contracts.choices import RouteToMarket
from procure.demo.generator.bodies import FRAMEWORKS, PARTNERS
from procure.demo.generator.catalogue import CATEGORIES, DEPARTMENTS, CategorySpec
from procure.demo.generator.suppliers import LAST_SPEND_DAY, SupplierBook, SupplierPlan, needs_vcse

VAT = Decimal("1.20")
_LATEST_START = date(2026, 3, 1)
_LEFT_TO_DEPARTMENTS = (RouteToMarket.DIRECT_AWARD, RouteToMarket.EXEMPT)
COLLABORATIVE_ROUTES = (RouteToMarket.FRAMEWORK_CALL_OFF, RouteToMarket.COLLABORATIVE)
SITES = ("Force Headquarters", "the Training Centre", "Central Police Station", "Northern Custody Suite",
         "Southern Divisional Headquarters", "the Vehicle Workshop", "Eastern Divisional Headquarters")
DIVISIONS = ("Northern Division", "Southern Division", "Eastern Division", "Western Division")
_DEPARTMENT_NAMES = dict(DEPARTMENTS)

# (name of the moment a contract finally ends, weight)
_ENDINGS = (("before", 5), ("in_2024_25", 16), ("in_2025_26", 12), ("later", 64), ("not_started", 3))
# Routes and moments the smallest demo still needs: every route, North West and other suppliers, expiries.
_REQUIRED = (
    (RouteToMarket.FRAMEWORK_CALL_OFF, True, "later"), (RouteToMarket.FRAMEWORK_CALL_OFF, False, "later"),
    (RouteToMarket.COLLABORATIVE, True, "later"), (RouteToMarket.COLLABORATIVE, False, "later"),
    (RouteToMarket.OWN_TENDER, True, "later"), (RouteToMarket.OWN_TENDER, False, "later"),
    (RouteToMarket.DIRECT_AWARD, True, "in_2024_25"), (RouteToMarket.EXEMPT, True, "later"),
    (RouteToMarket.OWN_TENDER, True, "in_2024_25"), (RouteToMarket.FRAMEWORK_CALL_OFF, False, "in_2024_25"),
    (RouteToMarket.OWN_TENDER, False, "in_2025_26"),
)


@dataclass
class ExtensionPlan:
    ends_on: date
    exercised_on: date | None


@dataclass
class ContractPlan:
    index: int
    reference: str
    title: str
    description: str
    spec: CategorySpec
    category_codes: tuple[str, ...]
    route: str
    framework_key: str
    partner_slugs: tuple[str, ...]
    collaborative_bodies: str
    north_west: bool
    starts_on: date
    ends_on: date
    extensions: list[ExtensionPlan]
    annual_value_net: Decimal
    is_managed_by_procurement: bool
    suppliers: list[SupplierPlan] = field(default_factory=list)
    still_paid_until: date | None = None

    @property
    def final_ends_on(self) -> date:
        exercised = [extension.ends_on for extension in self.extensions if extension.exercised_on]
        return max([self.ends_on, *exercised])

    @property
    def department(self) -> str:
        return self.spec.department

    @property
    def is_collaborative(self) -> bool:
        return self.route in COLLABORATIVE_ROUTES

    @property
    def bucket(self) -> tuple[bool, bool]:
        return self.is_collaborative, self.north_west

    def values(self) -> dict[str, Decimal]:
        """Net and gross (20% VAT), annual and total over the term and every option."""
        last_day = max([self.ends_on, *(extension.ends_on for extension in self.extensions)])
        years = Decimal((last_day - self.starts_on).days + 1) / Decimal("365.25")
        total = _pounds(self.annual_value_net * years)
        return {"annual_value_net": self.annual_value_net,
                "annual_value_gross": _pounds(self.annual_value_net * VAT),
                "total_value_net": total, "total_value_gross": _pounds(total * VAT)}


def plan_contracts(rng: random.Random, book: SupplierBook, *, count: int) -> list[ContractPlan]:
    contracts: list[ContractPlan] = []
    titles: set[str] = set()
    for index in range(count):
        if index < len(_REQUIRED):
            route, north_west, ending = _REQUIRED[index]
            spec = rng.choice([spec for spec in CATEGORIES if _route_weight(spec, route) > 0])
        else:
            spec = rng.choices(CATEGORIES, [spec.weight for spec in CATEGORIES])[0]
            route = _choose_route(rng, spec)
            north_west = rng.random() < (0.55 if route in COLLABORATIVE_ROUTES else 0.72)
            ending = rng.choices([name for name, _ in _ENDINGS], [weight for _, weight in _ENDINGS])[0]
        contract = _contract(rng, index, spec, route, north_west, ending, titles)
        _award(rng, book, contract)
        contracts.append(contract)
    return contracts


def _route_weight(spec: CategorySpec, route: str) -> float:
    return {
        RouteToMarket.FRAMEWORK_CALL_OFF: 6.0 if spec.frameworks else 0.0,
        RouteToMarket.COLLABORATIVE: 4.0 if spec.collaborative else 0.0,
        RouteToMarket.OWN_TENDER: 3.0,
        RouteToMarket.DIRECT_AWARD: 1.0,
        RouteToMarket.EXEMPT: 3.0 if spec.exempt else 0.0,
    }[route]


def _choose_route(rng: random.Random, spec: CategorySpec) -> str:
    routes = list(RouteToMarket.values)
    return rng.choices(routes, [_route_weight(spec, route) for route in routes])[0]


def _contract(rng, index, spec, route, north_west, ending, titles) -> ContractPlan:
    starts_on, ends_on, extensions = _timeline(rng, ending)
    framework_key = rng.choice(spec.frameworks) if route == RouteToMarket.FRAMEWORK_CALL_OFF else ""
    partners = _partners(rng) if route == RouteToMarket.COLLABORATIVE else ()
    title = _title(rng, spec, starts_on, titles)
    codes = [spec.code]
    if rng.random() < 0.12:
        sibling = rng.choice([other for other in CATEGORIES if other.department == spec.department])
        codes.append(sibling.code)
    median = Decimal(spec.median_value) * Decimal(str(round(rng.lognormvariate(0, 0.6), 3)))
    return ContractPlan(
        index=index, reference=f"DC-{starts_on.year}-{index + 1:04d}", title=title,
        description=_description(rng, route, framework_key, partners, spec), spec=spec,
        category_codes=tuple(dict.fromkeys(codes)), route=route, framework_key=framework_key,
        partner_slugs=tuple(slug for slug, _name in partners),
        collaborative_bodies=", ".join(name for _slug, name in partners), north_west=north_west,
        starts_on=starts_on, ends_on=ends_on, extensions=extensions, annual_value_net=_round_value(median),
        is_managed_by_procurement=rng.random() < (0.55 if route in _LEFT_TO_DEPARTMENTS else 0.92),
    )


def _timeline(rng: random.Random, ending: str) -> tuple[date, date, list[ExtensionPlan]]:
    """Start, end of the first term, and extension options, so that the final end falls as asked."""
    years = rng.choices((1, 2, 3, 4, 5), (15, 25, 30, 20, 10))[0]
    options = rng.choices(((), (12,), (12, 12), (24,)), (60, 18, 14, 8))[0]
    if ending == "not_started":
        starts_on = date(2026, rng.randint(4, 9), 1)
        return starts_on, *_term(starts_on, years, options, exercised=0, rng=rng)
    final_end = _month_end(_day_in(rng, ending))
    exercised = rng.randint(0, len(options)) if ending != "later" or rng.random() < 0.5 else 0
    while exercised and _add_months(final_end, -options[exercised - 1]) > LAST_SPEND_DAY:
        exercised -= 1  # an option is only exercised before the demo's last day
    first_end = _month_end(_add_months(final_end, -sum(options[:exercised])))
    starts_on = _add_months(first_end, -12 * years + 1).replace(day=1)
    while starts_on > _LATEST_START:  # contracts ending later were mostly let already
        years += 1
        starts_on = _add_months(first_end, -12 * years + 1).replace(day=1)
    return starts_on, *_term(starts_on, years, options, exercised=exercised, rng=rng)


def _term(starts_on: date, years: int, options, *, exercised: int, rng) -> tuple[date, list[ExtensionPlan]]:
    first_end = end = _month_end(_add_months(starts_on, 12 * years - 1))
    extensions = []
    for position, months in enumerate(options):
        exercised_on = end - timedelta(days=rng.randint(30, 120)) if position < exercised else None
        end = _month_end(_add_months(end, months))
        extensions.append(ExtensionPlan(ends_on=end, exercised_on=exercised_on))
    return first_end, extensions


def _day_in(rng: random.Random, ending: str) -> date:
    first, last = {
        "before": (date(2022, 6, 1), date(2024, 2, 28)),
        "in_2024_25": (date(2024, 4, 30), date(2025, 2, 28)),
        "in_2025_26": (date(2025, 4, 30), date(2026, 2, 28)),
        "later": (date(2026, 4, 30), date(2030, 3, 31)),
    }[ending]
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _award(rng: random.Random, book: SupplierBook, contract: ContractPlan) -> None:
    """Choose the contract's suppliers: sometimes one already in the register, otherwise a new one."""
    spec = contract.spec
    count = rng.choices((1, 2, 3), (88, 8, 4))[0]
    period = (contract.starts_on, max(contract.final_ends_on, contract.ends_on))
    for _ in range(count):
        supplier = None
        if rng.random() < 0.3:
            supplier = book.reusable(trade=spec.code, north_west=contract.north_west,
                                     starts_on=period[0], ends_on=period[1] + timedelta(days=400))
        if supplier is None or supplier in contract.suppliers:
            big = spec.median_value > 150_000
            size = rng.choices(("small", "medium", "large"), (2, 3, 5))[0] if big else None
            supplier = book.add_business(spec=spec, area=book.area_for(north_west=contract.north_west),
                                         size=size, vcse=needs_vcse(spec, rng))
        supplier.contract_periods.append(period)
        contract.suppliers.append(supplier)


def _partners(rng: random.Random) -> tuple[tuple[str, str], ...]:
    forces = [(body.slug, body.name) for body in PARTNERS if body.kind == "police_force"]
    others = [(body.slug, body.name) for body in PARTNERS if body.kind != "police_force"]
    chosen = forces if rng.random() < 0.55 else [rng.choice(forces)]
    return tuple(chosen + (others if rng.random() < 0.2 else []))


def _title(rng: random.Random, spec: CategorySpec, starts_on: date, used: set[str]) -> str:
    title = rng.choice(spec.titles).format(site=rng.choice(SITES), division=rng.choice(DIVISIONS))
    if title in used:
        title = f"{title} ({starts_on.year})"
    if title in used:
        title = f"{title} lot {sum(t.startswith(title) for t in used) + 1}"
    used.add(title)
    return title


def _description(rng, route, framework_key, partners, spec: CategorySpec) -> str:
    department = _DEPARTMENT_NAMES[spec.department]
    if route == RouteToMarket.FRAMEWORK_CALL_OFF:
        framework = next(f for f in FRAMEWORKS if f.key == framework_key)
        how = rng.choice(("further competition", "direct award"))
        return f"Call-off by {how} from {framework.provider}'s {framework.name} framework, for {department}."
    if route == RouteToMarket.COLLABORATIVE:
        return f"Let jointly with {' and '.join(name for _slug, name in partners)}; managed for {department}."
    if route == RouteToMarket.DIRECT_AWARD:
        reason = rng.choice(("only one supplier can support the existing system", "extreme urgency",
                             "below the quotation threshold after market engagement"))
        return f"Direct award: {reason}. For {department}."
    if route == RouteToMarket.EXEMPT:
        return f"Outside the procurement rules (exempt arrangement). For {department}."
    return f"Awarded after an open tender run by the procurement team, for {department}."


def rescale_values(contracts: list[ContractPlan], factors: dict[tuple[bool, bool], float]) -> None:
    for contract in contracts:
        factor = factors.get(contract.bucket)
        if factor:
            scaled = contract.annual_value_net * Decimal(str(round(factor, 6)))
            contract.annual_value_net = _round_value(scaled)


def _round_value(value: Decimal) -> Decimal:
    step = Decimal(1000) if value >= 100_000 else Decimal(100) if value >= 5_000 else Decimal(10)
    return max(step, (value / step).quantize(Decimal(1), ROUND_HALF_UP) * step)


def _pounds(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def framework_dates(contracts: list[ContractPlan], key: str) -> tuple[date, date]:
    """A framework's term: from before its first call-off to at least four years, past its last.

    A framework the force has not called off from yet runs four years from April 2023.
    """
    starts = [c.starts_on for c in contracts if c.framework_key == key] or [date(2023, 11, 1)]
    first = _add_months(min(starts), -7).replace(day=1)
    last = max(_month_end(_add_months(first, 47)), _month_end(_add_months(max(starts), 2)))
    return first, last
