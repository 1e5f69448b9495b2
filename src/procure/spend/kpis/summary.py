"""Keeping the spend summary table (SpendSummary) in step with the lines, set-based.

The KPI engine reads the summary, not the lines: a year of ten million lines adds up to some hundred thousand
summary rows, and the summary of each year rolls up again into a few thousand (spend.kpis.rollups). Each
change replaces the rows of just the part it touched: an import adds its lines' rows, a coverage decision for
some suppliers replaces theirs, a removed import the months it held; the roll-ups follow.
Every function here runs inside its caller's transaction.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Count, Max, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Round, TruncMonth

from procure.core.dates import FinancialYear
from procure.spend.kpis import expressions as kpi
from procure.spend.kpis.expressions import month_start
from procure.spend.kpis.rollups import rollups_add, rollups_compact
from procure.spend.kpis.sql import MONEY, insert_from
from procure.spend.models import SpendLine, SpendRollup, SpendSummary

GRAIN = ("organisation_id", "month", "supplier_id", "category_id", "department_id", "contract_id",
         "exclusion_rule_id", "coverage")
ZERO = Value(0, output_field=MONEY)
SUPPLIER_BATCH = 500


@dataclass(frozen=True)
class Part:
    """A part of one organisation's spend that both the lines and the summary can be cut along."""

    organisation_id: int
    supplier_ids: tuple[int, ...] | None = None  # None: every supplier
    unlinked: bool = False  # with the lines that have no supplier
    months: tuple[date, date] | None = None  # first days of the first and last month

    def _suppliers(self) -> Q:
        if self.supplier_ids is None:
            return Q()
        chosen = Q(supplier_id__in=self.supplier_ids)
        return chosen | Q(supplier__isnull=True) if self.unlinked else chosen

    def of_lines(self) -> Q:
        condition = Q(organisation_id=self.organisation_id) & self._suppliers()
        if self.months:
            condition &= Q(payment_date__gte=self.months[0], payment_date__lt=_next_month(self.months[1]))
        return condition

    def of_summary(self) -> Q:
        condition = Q(organisation_id=self.organisation_id) & self._suppliers()
        if self.months:
            condition &= Q(month__range=self.months)
        return condition


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _pennies(total: Sum) -> Round:
    """A sum kept to the penny (SQLite adds decimals as floating point numbers)."""
    return Round(Coalesce(total, ZERO), 2, output_field=MONEY)


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def summarised(lines: QuerySet[SpendLine]) -> QuerySet:
    """The lines added up at the summary's grain, with the flags the KPIs need (is the contract collaborative,
    is the category ICT), SME and VCSE parts by the classification on each date."""
    # The SME and VCSE parts come first: after `amount=Sum(...)`, "amount" would name that sum.
    flagged = lines.annotate(month=TruncMonth("payment_date"), collaborative=_flag(kpi.collaborative_contract()),
                             ict=_flag(Q(category_id__in=kpi.ict_category_ids())))
    return (flagged.order_by().values(*GRAIN, "collaborative", "ict")
            .annotate(sme_amount=_pennies(Sum("amount", filter=Q(kpi.is_sme_on_payment_date()))),
                      vcse_amount=_pennies(Sum("amount", filter=Q(kpi.is_vcse_on_payment_date()))),
                      amount=_pennies(Sum("amount")), line_count=Count("id")))


FLAGS = {"collaborative": "is_collaborative", "ict": "is_ict"}


def _years(months: tuple[date, date] | None) -> set[int]:
    if months is None:
        return set()
    first, last = (FinancialYear.containing(day).start_year for day in months)
    return set(range(first, last + 1))


def _summary_months(rows: QuerySet[SpendSummary]) -> tuple[date, date] | None:
    span = rows.aggregate(first=Min("month"), last=Max("month"))
    return None if span["first"] is None else (span["first"], span["last"])


def _insert(lines: QuerySet[SpendLine]) -> None:
    insert_from(SpendSummary, summarised(lines), renamed=FLAGS)


def summary_add(*, organisation_id: int, lines: QuerySet[SpendLine]) -> None:
    """Add the rows of the organisation's lines not yet in the summary (an import's) and their roll-up, then
    merge rows of the same grain in the months they fall in."""
    before = SpendSummary.objects.aggregate(last=Max("id"))["last"] or 0
    _insert(lines)
    rollups_add(SpendSummary.objects.filter(organisation_id=organisation_id, id__gt=before))
    months = lines_months(lines)
    if months:
        summary_compact(organisation_id=organisation_id, months=months)
        rollups_compact(organisation_id=organisation_id, years=_years(months))


def _replace(part: Part) -> set[int]:
    """Replace the summary rows of one part by the lines' sums now, and their roll-up; the years touched."""
    rows = SpendSummary.objects.filter(part.of_summary())
    years = _years(_summary_months(rows))
    rollups_add(rows, sign=-1)
    rows.delete()
    _insert(SpendLine.objects.filter(part.of_lines()))
    rollups_add(rows)
    return years | _years(_summary_months(rows))


def summary_replace(*, part: Part) -> None:
    """Replace the summary rows of one part of an organisation's spend, and its roll-ups."""
    rollups_compact(organisation_id=part.organisation_id, years=_replace(part))


def summary_replace_suppliers(*, organisation_id: int, supplier_ids, unlinked: bool = False) -> None:
    """Replace the rows of some suppliers (and, when asked, of the lines without a supplier), in batches."""
    chosen = sorted(set(supplier_ids))
    years: set[int] = set()
    if not chosen and unlinked:
        years |= _replace(Part(organisation_id, supplier_ids=(), unlinked=True))
    for start in range(0, len(chosen), SUPPLIER_BATCH):
        batch = tuple(chosen[start:start + SUPPLIER_BATCH])
        years |= _replace(Part(organisation_id, supplier_ids=batch, unlinked=unlinked and start == 0))
    rollups_compact(organisation_id=organisation_id, years=years)


def summary_rebuild(*, organisation_id: int) -> None:
    """Replace every summary row and roll-up of the organisation."""
    SpendRollup.objects.filter(organisation_id=organisation_id).delete()
    SpendSummary.objects.filter(organisation_id=organisation_id).delete()
    _insert(SpendLine.objects.filter(organisation_id=organisation_id))
    rollups_add(SpendSummary.objects.filter(organisation_id=organisation_id))


def summary_compact(*, organisation_id: int, months: tuple[date, date]) -> None:
    """Merge summary rows of the same grain (left by several imports into the same months) into one each; the
    sums, and so the roll-ups, do not change."""
    rows = SpendSummary.objects.filter(Part(organisation_id, months=months).of_summary())
    grain = (*GRAIN, "is_collaborative", "is_ict")
    if rows.values(*grain).distinct().count() == rows.count():
        return
    last = rows.aggregate(last=Max("id"))["last"]
    old = rows.filter(id__lte=last)
    insert_from(SpendSummary, old.order_by().values(*grain).annotate(
        total=_pennies(Sum("amount")), sme=_pennies(Sum("sme_amount")), vcse=_pennies(Sum("vcse_amount")),
        lines=Sum("line_count")), renamed={"sme": "sme_amount", "vcse": "vcse_amount", "total": "amount",
                                           "lines": "line_count"})
    old.delete()


def lines_months(lines: QuerySet[SpendLine]) -> tuple[date, date] | None:
    """The first days of the first and last month the lines were paid in (None without lines)."""
    span = lines.aggregate(first=Min("payment_date"), last=Max("payment_date"))
    if span["first"] is None:
        return None
    return month_start(span["first"]), month_start(span["last"])
