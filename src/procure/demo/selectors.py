"""Reading what the demo holds."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from procure.contracts.models import Contract, Framework
from procure.core.dates import FinancialYear
from procure.demo.generator.people import DEMO_SLUG, DEMO_SLUGS
from procure.demo.generator.plan import YEARS
from procure.organisations.models import Organisation, User
from procure.spend.models import SpendLine
from procure.suppliers.models import Supplier


@dataclass(frozen=True)
class YearSpend:
    year: FinancialYear
    lines: int
    procurable: Decimal
    not_procurable: Decimal


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    sign_ins: list[str]
    suppliers: int
    frameworks: int
    contracts: int
    years: list[YearSpend]

    @property
    def lines(self) -> int:
        return sum(year.lines for year in self.years)


def demo_organisation() -> Organisation | None:
    return Organisation.objects.filter(slug=DEMO_SLUG).first()


def demo_summary(*, organisation: Organisation) -> DemoSummary:
    """Counts of what the demo organisation holds, and its spend per financial year.

    Payments to suppliers flagged as public bodies are counted as not procurable.
    """
    sign_ins = list(User.objects.filter(
        Q(memberships__organisation=organisation) | Q(supplier_links__supplier__organisation=organisation)
    ).distinct().order_by("username").values_list("username", flat=True))
    return DemoSummary(
        organisations=Organisation.objects.filter(slug__in=DEMO_SLUGS).count(),
        sign_ins=sign_ins,
        suppliers=Supplier.objects.filter(organisation=organisation).count(),
        frameworks=Framework.objects.filter(organisation=organisation).count(),
        contracts=Contract.objects.filter(organisation=organisation).count(),
        years=[_year_spend(organisation, year) for year in YEARS],
    )


def _year_spend(organisation: Organisation, year: FinancialYear) -> YearSpend:
    totals = SpendLine.objects.filter(
        organisation=organisation, payment_date__range=(year.starts_on, year.ends_on)
    ).aggregate(
        lines=Count("id"),
        procurable=Sum("amount", filter=Q(supplier__is_public_body=False)),
        not_procurable=Sum("amount", filter=Q(supplier__is_public_body=True)),
    )
    zero = Decimal("0.00")
    return YearSpend(year, totals["lines"], totals["procurable"] or zero, totals["not_procurable"] or zero)
