"""One line of a contracts file to typed values, or to the reasons it cannot be read. No database."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procure.contracts import rules
from procure.contracts.choices import RouteToMarket
from procure.contracts.importing.layout import Layout
from procure.core.dates import parse_uk_date
from procure.core.errors import BusinessRuleViolation
from procure.core.money import parse_money
from procure.core.tabular import cell_text, is_blank

_LIST_SPLIT = re.compile(r"\s*[;\n]\s*")
_CPV_SPLIT = re.compile(r"[;,\s]+")
_ROUTES = {
    RouteToMarket.FRAMEWORK_CALL_OFF: ("framework", "framework call off", "framework call-off", "call off",
                                       "call-off", "mini competition", "direct call off"),
    RouteToMarket.DIRECT_AWARD: ("direct award", "direct", "waiver", "single tender action", "sta",
                                 "single source"),
    RouteToMarket.COLLABORATIVE: ("collaborative", "collaboration", "joint", "joint procurement"),
    RouteToMarket.OWN_TENDER: ("own tender", "tender", "open", "open tender", "restricted", "competitive",
                               "quotation", "request for quotation", "rfq", "invitation to quote",
                               "published invitation to tender", "competitive flexible"),
    RouteToMarket.EXEMPT: ("exempt", "exemption", "exempt contract"),
}
_YES = {"yes", "y", "true", "1", "t"}
_NO = {"no", "n", "false", "0", "f"}


@dataclass
class SupplierRef:
    name: str
    company_number: str = ""
    charity_number: str = ""
    is_vcse: bool = False


@dataclass
class ContractRow:
    line: int
    reference: str = ""
    title: str = ""
    description: str = ""
    suppliers: list[SupplierRef] = field(default_factory=list)
    department: str = ""
    categories: list[str] = field(default_factory=list)
    cpv_codes: list[str] = field(default_factory=list)
    route: str = ""
    framework: str = ""
    framework_provider: str = ""
    framework_reference: str = ""
    collaborative_bodies: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    review_due_on: date | None = None
    extension_options: list[date] = field(default_factory=list)
    extended_to: date | None = None
    total_value_net: Decimal | None = None
    total_value_gross: Decimal | None = None
    annual_value_net: Decimal | None = None
    annual_value_gross: Decimal | None = None
    is_managed_by_procurement: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def exercised(self) -> list[date]:
        """The options exercised: every option up to the date the contract is extended to."""
        if self.extended_to is None:
            return []
        return sorted({day for day in self.extension_options if day <= self.extended_to} | {self.extended_to})


class _Cells:
    def __init__(self, layout: Layout, cells: tuple, problems: list[str]):
        self.layout, self.cells, self.problems = layout, cells, problems

    def raw(self, name: str) -> object:
        for index in self.layout.columns.get(name, []):
            value = self.cells[index] if index < len(self.cells) else None
            if not is_blank(value):
                return value
        return None

    def text(self, name: str) -> str:
        return cell_text(self.raw(name))

    def date(self, name: str, *, required: bool = False) -> date | None:
        value = self.raw(name)
        if value is None:
            if required:
                self.problems.append(f"{self.layout.header_of(name)} is empty: enter the date as dd/mm/yyyy")
            return None
        try:
            return parse_uk_date(value)
        except ValueError as error:
            self.problems.append(f"{self.layout.header_of(name)}: {error}")
            return None

    def dates(self, name: str) -> list[date]:
        value = self.raw(name)
        if value is None:
            return []
        parts = [value] if not isinstance(value, str) else [part for part in _LIST_SPLIT.split(value) if part]
        found = []
        for part in parts:
            try:
                found.append(parse_uk_date(part))
            except ValueError as error:
                self.problems.append(f"{self.layout.header_of(name)}: {error}")
        return sorted(set(found))

    def money(self, name: str) -> Decimal | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            amount = parse_money(value)
        except ValueError as error:
            self.problems.append(f"{self.layout.header_of(name)}: {error}")
            return None
        return amount

    def yes_no(self, name: str, *, default: bool) -> bool:
        text = self.text(name).lower()
        if not text:
            return default
        if text in _YES or text in _NO:
            return text in _YES
        self.problems.append(f"{self.layout.header_of(name)}: '{self.text(name)}' is not Yes or No")
        return default


def parse_route(text: str, *, has_framework: bool) -> str | None:
    """A route to market from its code, label or a usual name for it; None when it is not one."""
    cleaned = " ".join(text.lower().replace("_", " ").split())
    if not cleaned:
        return RouteToMarket.FRAMEWORK_CALL_OFF if has_framework else RouteToMarket.OWN_TENDER
    for route in RouteToMarket:
        if cleaned in (route.value.replace("_", " "), route.label.lower()) or cleaned in _ROUTES[route]:
            return route.value
    return None


def parse_row(layout: Layout, line: int, cells: tuple) -> ContractRow:
    problems: list[str] = []
    read = _Cells(layout, cells, problems)
    row = ContractRow(line=line, problems=problems)
    row.reference, row.title = read.text("reference"), read.text("title")
    row.description = read.text("description")
    for name, label in (("reference", "reference"), ("title", "title")):
        if not getattr(row, name):
            problems.append(f"{layout.header_of(name)} is empty: enter the contract {label}")
    row.suppliers = _suppliers(read)
    row.department, row.collaborative_bodies = read.text("department"), read.text("collaborative_bodies")
    row.categories = [part for part in _LIST_SPLIT.split(read.text("category")) if part]
    row.cpv_codes = [part for part in _CPV_SPLIT.split(read.text("cpv_codes")) if part]
    row.framework, row.framework_provider = read.text("framework"), read.text("framework_provider")
    row.framework_reference = read.text("framework_reference")
    route = parse_route(read.text("route"), has_framework=bool(row.framework))
    if route is None:
        problems.append(f"{layout.header_of('route')}: '{read.text('route')}' is not a route to market "
                        "(use own tender, framework call-off, collaborative, direct award or exempt)")
    row.route = route or RouteToMarket.OWN_TENDER
    row.starts_on, row.ends_on = read.date("starts_on", required=True), read.date("ends_on", required=True)
    row.review_due_on = read.date("review_due_on")
    row.extension_options, row.extended_to = read.dates("extension_options"), read.date("extended_to")
    for name in ("total_value_net", "total_value_gross", "annual_value_net", "annual_value_gross"):
        setattr(row, name, read.money(name))
    row.is_managed_by_procurement = read.yes_no("is_managed_by_procurement", default=True)
    _check_rules(row)
    return row


def _suppliers(read: _Cells) -> list[SupplierRef]:
    names = [part for part in _LIST_SPLIT.split(read.text("supplier_name")) if part]
    numbers = [part for part in _LIST_SPLIT.split(read.text("supplier_company_number")) if part]
    charities = [part for part in _LIST_SPLIT.split(read.text("supplier_charity_number")) if part]
    if not names:
        read.problems.append(f"{read.layout.header_of('supplier_name')} is empty: name at least one supplier")
        return []
    for values, what in ((numbers, "company numbers"), (charities, "charity numbers")):
        if values and len(values) != len(names):
            read.problems.append(f"{len(names)} supplier(s) but {len(values)} {what}: give one for each "
                                 "supplier, in the same order, separated by ';'")
            return []
    is_vcse = read.yes_no("supplier_is_vcse", default=False)
    return [SupplierRef(name, numbers[index] if numbers else "", charities[index] if charities else "",
                        is_vcse=is_vcse) for index, name in enumerate(names)]


def _check_rules(row: ContractRow) -> None:
    checks = [
        lambda: rules.check_values_not_negative(
            total_value_net=row.total_value_net, total_value_gross=row.total_value_gross,
            annual_value_net=row.annual_value_net, annual_value_gross=row.annual_value_gross),
        lambda: rules.check_gross_not_below_net(net=row.total_value_net, gross=row.total_value_gross),
        lambda: rules.check_framework_named(route=row.route, framework=row.framework or None),
        lambda: rules.check_gross_not_below_net(net=row.annual_value_net, gross=row.annual_value_gross,
                                                what="annual value"),
    ]
    if row.starts_on and row.ends_on:
        checks.append(lambda: rules.check_contract_dates(starts_on=row.starts_on, ends_on=row.ends_on))
        for option in [*row.extension_options, *([row.extended_to] if row.extended_to else [])]:
            checks.append(lambda option=option: rules.check_extension_ends_after_current_end(
                extension_ends_on=option, current_end=row.ends_on))
    for check in checks:
        try:
            check()
        except BusinessRuleViolation as error:
            row.problems.append(error.message)
