"""A small year of spend whose every figure can be worked out by hand."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procure.contracts.choices import RouteToMarket
from procure.contracts.tests.factories import CategoryFactory, ContractFactory
from procure.organisations.tests.factories import DepartmentFactory
from procure.spend.choices import ExclusionKind
from procure.spend.coverage.services import coverage_rebuild
from procure.spend.models import ExclusionRule
from procure.spend.tests.factories import SpendImportFactory, SpendLineFactory
from procure.suppliers.tests.factories import SupplierFactory


@dataclass
class HandMade:
    organisation: object
    joinery: object
    cleaner: object
    fuel: object
    estates: object
    fleet: object
    repairs: object
    fuel_category: object
    lines: dict = field(default_factory=dict)
    contracts: dict = field(default_factory=dict)

    def ids(self, *names: str) -> set[int]:
        return {self.lines[name].pk for name in names}


def build_hand_made(organisation) -> HandMade:
    case = HandMade(
        organisation=organisation,
        joinery=SupplierFactory(organisation=organisation, name="Pendle Joinery Ltd", postcode="PR4 5SB"),
        cleaner=SupplierFactory(organisation=organisation, name="Ribble Cleaning Ltd", postcode="M1 1AE"),
        fuel=SupplierFactory(organisation=organisation, name="Certas Energy UK Ltd", postcode=""),
        estates=DepartmentFactory(organisation=organisation, name="Estates"),
        fleet=DepartmentFactory(organisation=organisation, name="Fleet"),
        repairs=CategoryFactory(name="Building repairs"), fuel_category=CategoryFactory(name="Fuel"))
    case.contracts = {
        "joinery": ContractFactory(organisation=organisation, reference="LC-2024-001", suppliers=[case.joinery]),
        "fuel": ContractFactory(organisation=organisation, reference="BL-2024-002", suppliers=[case.fuel],
                                route=RouteToMarket.COLLABORATIVE),
    }
    ExclusionRule.objects.create(organisation=organisation, kind=ExclusionKind.EXPENSE_TYPE, value="Pension",
                                 reason="Pensions")
    record = SpendImportFactory(organisation=organisation)
    rows = {
        "door": (case.joinery, date(2024, 5, 3), "600.00", case.estates, case.repairs, "Repairs"),
        "window": (case.joinery, date(2024, 6, 14), "400.00", case.estates, case.repairs, "Repairs"),
        "cleaning": (case.cleaner, date(2024, 7, 1), "250.00", case.estates, case.repairs, "Cleaning"),
        "diesel": (case.fuel, date(2025, 3, 31), "750.00", case.fleet, case.fuel_category, "Fuel"),
        "pension": (None, date(2024, 9, 30), "1000.00", None, None, "Pension contributions"),
        "last_year": (case.joinery, date(2024, 3, 31), "99.00", case.estates, case.repairs, "Repairs"),
    }
    for name, (supplier, paid, amount, department, category, expense) in rows.items():
        case.lines[name] = SpendLineFactory(
            organisation=organisation, spend_import=record, supplier=supplier, payment_date=paid,
            amount=Decimal(amount), department=department, category=category, expense_type=expense,
            payee_name=supplier.name if supplier else "Lancashire County Pension Fund")
    coverage_rebuild(organisation=organisation)
    return case
