"""Planning the supplier register: who they are, where, how big, and what they sell. No database."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from procure.demo.generator import names
from procure.demo.generator import vocabulary as words
from procure.demo.generator.bodies import PUBLIC_BODIES
from procure.demo.generator.catalogue import CATEGORIES, CategorySpec
from procure.demo.generator.geography import (
    ELSEWHERE,
    LANCASHIRE,
    NORTH_WEST,
    District,
    district_named,
    districts_in,
    invent_postcode,
)
from procure.suppliers.matching import normalise_name

SIZES = ("micro", "small", "medium", "large")
FIRST_SPEND_DAY = date(2024, 4, 1)
LAST_SPEND_DAY = date(2026, 3, 31)
_VCSE_CATEGORY_CODES = ("321010", "321020")


@dataclass
class SupplierPlan:
    index: int
    name: str
    trade: str  # the ProClass code of what it mostly sells
    district: District
    postcode: str
    address_line_1: str
    address_line_2: str
    size: str
    classified_from: date
    companies_house_number: str = ""
    charity_number: str = ""
    vat_number: str = ""
    is_vcse: bool = False
    living_wage_on: date | None = None
    is_public_body: bool = False
    trading_name: str = ""
    size_change: tuple[date, str] | None = None
    expenses: tuple[str, ...] = ()
    ledger_name: str = ""
    ledger_has_company_number: bool = False
    contract_periods: list[tuple[date, date]] = field(default_factory=list)

    @property
    def is_north_west(self) -> bool:
        return self.district.is_north_west

    @property
    def town(self) -> str:
        return self.district.post_town


class SupplierBook:
    """Invents suppliers on request, keeping names and company numbers unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.suppliers: list[SupplierPlan] = []
        self._names: set[str] = set()
        self._numbers: set[str] = set()
        self._by_trade: dict[tuple[str, bool], list[SupplierPlan]] = {}

    def area_for(self, *, north_west: bool, lancashire_share: float = 1 / 3) -> str:
        if not north_west:
            return ELSEWHERE
        return LANCASHIRE if self.rng.random() < lancashire_share else NORTH_WEST

    def reusable(self, *, trade: str, north_west: bool, starts_on: date,
                 ends_on: date) -> SupplierPlan | None:
        """A supplier of this trade whose other contracts do not overlap these dates, or None."""
        free = [s for s in self._by_trade.get((trade, north_west), [])
                if all(end < starts_on or start > ends_on for start, end in s.contract_periods)]
        return self.rng.choice(free) if free else None

    def add_business(self, *, spec: CategorySpec, area: str, size: str | None = None, vcse: bool = False,
                     sole_trader_likely: float = 0.0) -> SupplierPlan:
        rng = self.rng
        size = "large" if spec.big else size or rng.choices(SIZES, (30, 36, 20, 14))[0]
        vcse = vcse and not spec.big
        trading, sole_trader = "", False
        district = rng.choice(districts_in(area))
        if vcse:
            causes = [c for c, code in words.VCSE_CAUSES if code == spec.code] or [
                c for c, _code in words.VCSE_CAUSES]
            name = self._unique(
                lambda: names.vcse_name(rng, cause=rng.choice(causes), place=names.place_word(rng, district)),
                wider=lambda: names.vcse_name(rng, cause=rng.choice(causes),
                                              place=names.neighbourhood(rng, names.place_word(rng, district))))
            size = rng.choice(("micro", "small", "small", "medium"))
        elif size == "micro" and rng.random() < sole_trader_likely:
            name, trading = self._unique_pair(
                lambda: names.sole_trader_name(rng, trade=rng.choice(spec.trades)))
            sole_trader = True
        else:
            name = self._unique(
                lambda: names.company_name(rng, trade=rng.choice(spec.trades),
                                           place=names.place_word(rng, district), size=size),
                wider=lambda: names.company_name(rng, trade=rng.choice(spec.trades), size=size,
                                                 place=names.neighbourhood(rng, names.place_word(rng, district))))
            if rng.random() < 0.07:
                trading = self._unique(
                    lambda: names.trading_name(rng, trade=rng.choice(spec.trades),
                                               place=names.place_word(rng, district)),
                    wider=lambda: names.trading_name(rng, trade=rng.choice(spec.trades), place=names.neighbourhood(
                        rng, names.place_word(rng, district))))
        plan = self._plan(name=name, trade=spec.code, size=size, district=district)
        plan.trading_name = trading
        plan.is_vcse = vcse
        self._identify(plan,
                       incorporated=not sole_trader and (not vcse or _is_company(name) or rng.random() < 0.5))
        self._by_trade.setdefault((spec.code, plan.is_north_west), []).append(plan)
        return plan

    def add_public_bodies(self) -> None:
        for body in PUBLIC_BODIES:
            district = district_named(body.district)
            plan = self._plan(name=body.name, trade="", size="large", district=district)
            plan.is_public_body = True
            plan.expenses = body.expenses
            plan.ledger_name = body.name.upper() if self.rng.random() < 0.3 else body.name
            self._names.add(normalise_name(body.name))

    def _plan(self, *, name: str, trade: str, size: str, district: District) -> SupplierPlan:
        rng = self.rng
        plan = SupplierPlan(
            index=len(self.suppliers), name=name, trade=trade, district=district,
            postcode=invent_postcode(rng, district), address_line_1=_street_address(rng),
            address_line_2=rng.choice(("", "", "", f"{rng.choice(words.BUILDINGS)} House")), size=size,
            classified_from=date(rng.randint(2012, 2023), rng.randint(1, 12), 1),
        )
        self.suppliers.append(plan)
        return plan

    def _identify(self, plan: SupplierPlan, *, incorporated: bool) -> None:
        rng = self.rng
        if incorporated:
            plan.companies_house_number = self._company_number()
        if plan.is_vcse and not plan.name.endswith(" CIC"):
            plan.charity_number = str(rng.randint(1_001_000, 1_209_999))
        if rng.random() < 0.45:
            plan.vat_number = f"GB{rng.randint(100_000_000, 999_999_999)}"
        if rng.random() < 0.12 or (plan.is_vcse and rng.random() < 0.4):
            plan.living_wage_on = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3500))
        if rng.random() < 0.09:
            plan.size_change = (_day_between(rng, FIRST_SPEND_DAY, LAST_SPEND_DAY - timedelta(days=30)),
                                _next_size(rng, plan.size))
        plan.ledger_name = names.ledger_spelling(rng, plan.name, trading=plan.trading_name)
        plan.ledger_has_company_number = bool(plan.companies_house_number) and rng.random() < 0.5

    def _unique(self, make, wider=None) -> str:
        """A name from `make` not used yet; after 25 tries, from `wider` (a larger choice of names) if given."""
        for attempt in range(50):
            name = wider() if wider is not None and attempt >= 25 else make()
            if normalise_name(name) not in self._names:
                self._names.add(normalise_name(name))
                return name
        raise RuntimeError("Could not invent a unique supplier name")

    def _unique_pair(self, make) -> tuple[str, str]:
        for _attempt in range(50):
            name, trading = make()
            keys = (normalise_name(name), normalise_name(trading))
            if keys[0] not in self._names and keys[1] not in self._names:
                self._names.update(keys)
                return name, trading
        raise RuntimeError("Could not invent a unique supplier name")

    def _company_number(self) -> str:
        while True:
            roll = self.rng.random()
            if roll < 0.06:
                number = f"SC{self.rng.randint(100_000, 799_999)}"
            elif roll < 0.1:
                number = f"OC{self.rng.randint(300_000, 449_999)}"
            else:
                number = f"{self.rng.randint(1_000_000, 15_999_999):08d}"
            if number not in self._numbers:
                self._numbers.add(number)
                return number


def fill_long_tail(book: SupplierBook, *, total: int, north_west_share: float = 0.6,
                   lancashire_share: float = 1 / 3, vcse_share: float = 0.05) -> None:
    """Add suppliers without contracts until the register holds `total` (before public bodies), so that
    the register as a whole has the shares asked for: in the North West, in Lancashire among those, VCSE."""
    rng = book.rng
    missing = max(0, total - len(book.suppliers))
    north_west_now = sum(s.is_north_west for s in book.suppliers)
    north_west = min(missing, max(0, round(north_west_share * total) - north_west_now))
    lancashire_now = sum(s.district.area == LANCASHIRE for s in book.suppliers)
    lancashire = min(north_west, max(0, round(lancashire_share * north_west_share * total) - lancashire_now))
    areas = ([LANCASHIRE] * lancashire + [NORTH_WEST] * (north_west - lancashire)
             + [ELSEWHERE] * (missing - north_west))
    rng.shuffle(areas)
    vcse_wanted = max(0, round(vcse_share * total) - sum(s.is_vcse for s in book.suppliers))
    for position, area in enumerate(areas):
        vcse = position < vcse_wanted
        if vcse:
            code = rng.choice(words.VCSE_CAUSES)[1]
            spec = next(s for s in CATEGORIES if s.code == code)
        else:
            spec = rng.choice(CATEGORIES)
        book.add_business(spec=spec, area=area, size=rng.choices(SIZES, (42, 34, 16, 8))[0], vcse=vcse,
                          sole_trader_likely=0.4)


def needs_vcse(spec: CategorySpec, rng: random.Random) -> bool:
    return spec.code in _VCSE_CATEGORY_CODES and rng.random() < 0.8


def _is_company(name: str) -> bool:
    return any(name.endswith(suffix) for suffix in (" Ltd", " Limited", " LLP", " plc", " CIC"))


def _street_address(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        return f"Unit {rng.randint(1, 40)}, {rng.choice(words.ESTATES)} {rng.choice(words.ESTATE_KINDS)}"
    if roll < 0.85:
        return f"{rng.randint(1, 240)} {rng.choice(words.STREETS)}"
    return f"{rng.choice(words.BUILDINGS)} House, {rng.randint(1, 90)} {rng.choice(words.STREETS)}"


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _next_size(rng: random.Random, size: str) -> str:
    position = SIZES.index(size)
    step = 1 if position == 0 or (position < 3 and rng.random() < 0.75) else -1
    return SIZES[position + step]
