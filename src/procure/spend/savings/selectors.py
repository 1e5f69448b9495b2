"""Reads of the savings register, and the savings figures of the KPI block."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Round

from procure.contracts.models import Contract
from procure.core.dates import FinancialYear
from procure.core.money import PENNY, ZERO
from procure.organisations.models import Organisation
from procure.spend.choices import Coverage, SavingType
from procure.spend.models import Saving, SavingYear, SpendLine
from procure.spend.savings.rules import counted_amount

MONEY = DecimalField(max_digits=16, decimal_places=2)


@dataclass(frozen=True)
class SavingsTotals:
    """A year's savings by type, in pounds; `total` is their sum."""

    cashable: Decimal = ZERO
    non_cashable: Decimal = ZERO
    cost_avoidance: Decimal = ZERO
    total: Decimal = ZERO

    def by_type(self) -> list[tuple[str, Decimal]]:
        """(label, amount) for each type, in the order the KPI block shows them."""
        return [(SavingType.CASHABLE.label, self.cashable),
                (SavingType.NON_CASHABLE.label, self.non_cashable),
                (SavingType.COST_AVOIDANCE.label, self.cost_avoidance)]

    def as_json(self) -> dict[str, str]:
        return {name: f"{getattr(self, name):.2f}" for name in ("cashable", "non_cashable", "cost_avoidance",
                                                                "total")}


def _pounds(pennies) -> Decimal:
    """Sums are taken in whole pennies, so SQLite's floating point cannot blur them."""
    return (Decimal(round(pennies)) / 100).quantize(PENNY) if pennies is not None else ZERO


def _counted():
    """SAV-12 in SQL: the realised amount where recorded, else the projected."""
    return Coalesce(F("realised"), F("projected"), output_field=MONEY)


def savings_totals(*, organisations: Iterable[Organisation], year: FinancialYear,
                   approved_only: bool = False) -> SavingsTotals:
    """The savings of one financial year for one or more organisations, by type.

    Each saving counts its **realised** amount for the year where one is recorded (typed, or measured
    against spend lines), else its **projected** amount (rule SAV-12). Savings without finance approval count
    too unless `approved_only`. One query.
    """
    years = SavingYear.objects.filter(saving__organisation__in=list(organisations),
                                      financial_year=year.start_year)
    if approved_only:
        years = years.filter(saving__is_finance_approved=True)
    pennies = Sum(Round(_counted() * 100), output_field=IntegerField())
    sums = dict(years.order_by().values_list("saving__saving_type").annotate(pennies=pennies))
    amounts = {kind: _pounds(sums.get(kind)) for kind in SavingType.values}
    return SavingsTotals(cashable=amounts[SavingType.CASHABLE], non_cashable=amounts[SavingType.NON_CASHABLE],
                         cost_avoidance=amounts[SavingType.COST_AVOIDANCE], total=sum(amounts.values(), ZERO))


def _year_sum(field, year: FinancialYear | None):
    rows = SavingYear.objects.filter(saving=OuterRef("pk"))
    if year is not None:
        rows = rows.filter(financial_year=year.start_year)
    total = rows.order_by().values("saving").annotate(amount=Sum(field)).values("amount")
    return Subquery(total, output_field=MONEY)


def saving_list(*, organisation: Organisation, year: FinancialYear | None = None) -> QuerySet[Saving]:
    """The organisation's savings with `projected_total`, `realised_total` (None where nothing is realised)
    and `counted_total` (SAV-12), over the given year or over all years."""
    def summed(field):
        return Coalesce(_year_sum(field, year), Value(ZERO), output_field=MONEY)

    return (Saving.objects.filter(organisation=organisation).select_related("contract", "approved_by")
            .annotate(projected_total=summed(F("projected")), realised_total=_year_sum(F("realised"), year),
                      counted_total=summed(_counted())))


def saving_get(*, organisation: Organisation, saving_id: int) -> Saving | None:
    """One saving of the organisation with its contract, approver and years (oldest first)."""
    return (Saving.objects.filter(organisation=organisation, pk=saving_id)
            .select_related("contract", "approved_by").prefetch_related("years").first())


def saving_years(*, saving: Saving) -> list[SavingYear]:
    """The saving's years, oldest first (from the prefetched rows when `saving_get` loaded it)."""
    return sorted(saving.years.all(), key=lambda row: row.financial_year)


@dataclass(frozen=True)
class YearFigures:
    """One year of a saving as its page shows it."""

    row: SavingYear
    year: FinancialYear
    counted: Decimal
    counts_realised: bool
    has_ended: bool


def saving_year_figures(*, saving: Saving, today: date) -> list[YearFigures]:
    """The saving's years, oldest first, each with the amount the KPI block counts for it (SAV-12)."""
    figures = []
    for row in saving_years(saving=saving):
        year = FinancialYear(row.financial_year)
        figures.append(YearFigures(row=row, year=year, counted=counted_amount(projected=row.projected,
                                                                              realised=row.realised),
                                   counts_realised=row.realised is not None, has_ended=today > year.ends_on))
    return figures


def saving_year_get(*, saving: Saving, year: FinancialYear) -> SavingYear | None:
    return saving.years.filter(financial_year=year.start_year).first()


def saving_years_recorded(*, organisation: Organisation) -> list[FinancialYear]:
    """The financial years for which the organisation has recorded any saving, latest first."""
    starts = (SavingYear.objects.filter(saving__organisation=organisation).order_by("-financial_year")
              .values_list("financial_year", flat=True).distinct())
    return [FinancialYear(start) for start in starts]


def contract_spend_in_year(*, organisation: Organisation, contract: Contract, year: FinancialYear
                           ) -> tuple[Decimal, int]:
    """(total, lines) of the organisation's spend lines in the year decided as covered by the contract, net of
    VAT, credits counting negative."""
    lines = SpendLine.objects.filter(organisation=organisation, contract=contract, coverage=Coverage.COVERED,
                                     payment_date__range=(year.starts_on, year.ends_on))
    sums = lines.aggregate(pennies=Sum(Round(F("amount") * 100), output_field=IntegerField()),
                           lines=Count("pk"))
    return _pounds(sums["pennies"]), sums["lines"]


def contracts_for_savings(*, organisation: Organisation) -> QuerySet[Contract]:
    """The contracts a saving may name: those the organisation let, newest first."""
    return Contract.objects.filter(organisation=organisation).order_by("-starts_on", "reference")
