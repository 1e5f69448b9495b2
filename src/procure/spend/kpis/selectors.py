"""The KPI engine: every figure of DESIGN.md section 5, for one organisation or a group, a financial year and
an as-at date, and the lines behind each figure.

Figures are read from the year's roll-ups of the spend summary, or with filters from the summary itself
(spend.kpis.reading): a handful of grouped queries however many lines there are. The lines behind a figure are
read from the lines with the same conditions (spend.kpis.expressions).
Money is in pounds net of VAT, credits negative; percentages have 2 places, rounded half up.
"""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from procure.contracts.models import Contract
from procure.core.dates import FinancialYear
from procure.organisations.models import Organisation
from procure.spend.choices import Coverage
from procure.spend.kpis import expressions as kpi
from procure.spend.kpis.block import Breakdown, KpiBlock, KpiFilters, MonthTotal, percentage
from procure.spend.kpis.local import LocalSpend, local_area, local_spend
from procure.spend.kpis.reading import filter_rows, month_start, read_figures
from procure.spend.models import SpendLine
from procure.spend.savings.selectors import savings_totals

__all__ = ["Breakdown", "KpiBlock", "KpiFilters", "MEASURES", "MonthTotal", "kpi_block", "kpi_lines"]

MEASURES = ("total", "excluded", "contracted", "to_review", "local_county", "local_region", "local_unknown", "sme",
            "vcse", "collaborative", "collaborative_non_ict", "non_ict", "category", "department", "supplier",
            "month")
NO_FILTERS = KpiFilters()


def default_as_at(year: FinancialYear, *, today: date | None = None) -> date:
    """The year's last day, or today when the year is not over."""
    return min(year.ends_on, today or timezone.localdate())


def _contracts_managed(organisations: list[Organisation], as_at: date, filters: KpiFilters) -> int:
    """KPI-4: contracts live on the as-at date that the procurement team manages."""
    contracts = Contract.objects.filter(organisation__in=organisations, starts_on__lte=as_at,
                                        final_ends_on__gte=as_at, is_managed_by_procurement=True)
    if filters.department_ids:
        contracts = contracts.filter(department_id__in=filters.department_ids)
    if filters.category_ids:
        contracts = contracts.filter(categories__in=kpi.subtree_ids(filters.category_ids))
    if filters.supplier_ids:
        contracts = contracts.filter(suppliers__in=filters.supplier_ids)
    return contracts.values("pk").distinct().count()


def kpi_block(*, organisations: list[Organisation], year: FinancialYear, as_at: date | None = None,
              filters: KpiFilters = NO_FILTERS) -> KpiBlock:
    """Every KPI of DESIGN.md section 5 for the organisations (added together) in the year.

    Spend is the lines dated in the year; `as_at` (default: the year's end, or today if earlier) dates the count
    of contracts managed. Savings are the savings register's (realised where recorded, else projected) and are
    not narrowed by the filters.
    """
    organisations = list(organisations)
    as_at = as_at or default_as_at(year)
    figures = read_figures(organisations, year, filters)
    block = KpiBlock(
        organisations=[organisation.name for organisation in organisations], year=year, as_at=as_at,
        exclusions=figures.exclusions, contracts_managed=_contracts_managed(organisations, as_at, filters),
        savings=savings_totals(organisations=organisations, year=year), monthly=figures.monthly,
        by_supplier=figures.by_supplier, by_category=figures.by_category, by_department=figures.by_department,
        **figures.sums)
    _derive(block, local_spend(figures.districts, organisations))
    return block


def _derive(block: KpiBlock, local: LocalSpend) -> None:
    total = block.total_spend
    block.spend_to_review = total - block.contracted_spend
    block.local_spend_county, block.local_spend_region = local.county, local.region
    block.local_unknown_spend = local.unknown
    block.compliance_pct = percentage(block.contracted_spend, total)
    block.local_spend_pct_county = percentage(local.county, total)
    block.local_spend_pct_region = percentage(local.region, total)
    block.sme_spend_pct = percentage(block.sme_spend, total)
    block.vcse_spend_pct = percentage(block.vcse_spend, total)
    block.collaborative_spend_pct = percentage(block.collaborative_spend, total)
    block.collaborative_non_ict_pct = percentage(block.collaborative_non_ict_spend, block.non_ict_spend)


def _measure(measure: str, organisations: list[Organisation], key: int | None, year: FinancialYear) -> Q:
    procurable = kpi.procurable()
    simple = {
        "total": procurable, "contracted": kpi.contracted(), "to_review": procurable & ~kpi.contracted(),
        "local_unknown": procurable & kpi.local_unknown(), "collaborative": kpi.collaborative(),
    }
    if measure in simple:
        return simple[measure]
    if measure == "excluded":
        return Q(coverage=Coverage.NON_PROCURABLE) & (Q(exclusion_rule_id=key) if key is not None else Q())
    if measure in ("local_county", "local_region"):
        return procurable & local_area(organisations, level=measure.removeprefix("local_"))
    if measure in ("sme", "vcse"):
        return procurable & Q(kpi.is_sme_on_payment_date() if measure == "sme" else kpi.is_vcse_on_payment_date())
    if measure in ("non_ict", "collaborative_non_ict"):
        base = procurable if measure == "non_ict" else kpi.collaborative()
        return base & kpi.non_ict(kpi.ict_category_ids())
    if measure == "month":
        first = month_start(year, key) if key and 1 <= key <= 12 else None
        return procurable & (Q(payment_date__year=first.year, payment_date__month=first.month) if first else Q(
            pk__in=[]))
    if measure in ("category", "department", "supplier"):
        return procurable & Q(**{f"{measure}_id": key} if key is not None else {f"{measure}__isnull": True})
    raise ValueError(f"'{measure}' is not a KPI measure: use one of {', '.join(MEASURES)}")


def kpi_lines(*, organisations: list[Organisation], year: FinancialYear, measure: str,
              filters: KpiFilters = NO_FILTERS, key: int | None = None) -> QuerySet[SpendLine]:
    """The lines behind one figure of kpi_block: `measure` is one of MEASURES.

    `key` is the category, department or supplier id of a breakdown (None: the lines without one), the month
    number from April (1) to March (12), or for 'excluded' an exclusion rule. Local lines are those with any
    part in the area.
    """
    organisations = list(organisations)
    lines = SpendLine.objects.filter(organisation__in=organisations,
                                     payment_date__range=(year.starts_on, year.ends_on))
    lines = filter_rows(lines, filters).filter(_measure(measure, organisations, key, year))
    return lines.select_related("supplier", "category", "department", "contract", "exclusion_rule")
