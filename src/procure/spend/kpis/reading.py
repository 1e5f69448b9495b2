"""Reading the KPI block's sums: from the year's roll-ups when nothing is filtered (a few thousand rows), else
from the summary narrowed by the filters. Both give every measure under the same names (spend.kpis.rollups),
grouped one way at a time, so the block is put together the same way from either."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from procure.core.dates import FinancialYear
from procure.spend.kpis import expressions as kpi
from procure.spend.kpis.block import Breakdown, KpiFilters, MonthTotal
from procure.spend.kpis.rollups import Dimension, district_of_supplier, measures, rollup_rows
from procure.spend.models import SpendSummary

MEASURES = ("procurable_lines", "excluded_lines", "total", "contracted", "excluded", "sme", "vcse", "collaborative",
            "non_ict", "collaborative_non_ict")
# The KPI block's field for each measure.
BLOCK_FIELDS = {"total": "total_spend", "contracted": "contracted_spend", "excluded": "excluded_spend",
                "sme": "sme_spend", "vcse": "vcse_spend", "collaborative": "collaborative_spend",
                "non_ict": "non_ict_spend", "collaborative_non_ict": "collaborative_non_ict_spend"}
REMOVED_RULE = "Excluded by a rule that has since been removed"
UNNAMED = {"category": "No category", "department": "No department", "supplier": "Payee not matched to a supplier"}
_LABELS = {Dimension.SUPPLIER: ("supplier_id", "supplier__name", UNNAMED["supplier"]),
           Dimension.CATEGORY: ("category_id", "category__name", UNNAMED["category"]),
           Dimension.DEPARTMENT: ("department_id", "department__name", UNNAMED["department"])}


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def filter_rows(queryset: QuerySet, filters: KpiFilters) -> QuerySet:
    """Narrow lines or summary rows to the departments, categories (and what is under them) and suppliers."""
    if filters.department_ids:
        queryset = queryset.filter(department_id__in=filters.department_ids)
    if filters.category_ids:
        queryset = queryset.filter(category_id__in=kpi.subtree_ids(filters.category_ids))
    if filters.supplier_ids:
        queryset = queryset.filter(supplier_id__in=filters.supplier_ids)
    return queryset


class RollupSums:
    """The year's roll-ups of the organisations: used when the block is not filtered."""

    def __init__(self, organisations, year: FinancialYear) -> None:
        self.organisations, self.year = organisations, year

    def grouped(self, dimension: str, keys: tuple[str, ...], wanted: tuple[str, ...] = MEASURES,
                order: tuple[str, ...] = ()) -> list[dict]:
        rows = rollup_rows(self.organisations, self.year, dimension)
        if "district" in keys:
            rows = rows.annotate(district=district_of_supplier())
        return list(rows.values(*keys).annotate(**{name: Sum(name) for name in wanted}).order_by(*order))


class SummarySums:
    """The summary rows of the organisations in the year, narrowed by the filters."""

    def __init__(self, organisations, year: FinancialYear, filters: KpiFilters) -> None:
        rows = SpendSummary.objects.filter(organisation__in=organisations,
                                           month__range=(year.starts_on, year.ends_on)).order_by()
        self.rows = filter_rows(rows, filters)

    def grouped(self, _dimension: str, keys: tuple[str, ...], wanted: tuple[str, ...] = MEASURES,
                order: tuple[str, ...] = ()) -> list[dict]:
        every = measures()
        rows = self.rows.annotate(district=district_of_supplier()) if "district" in keys else self.rows
        return list(rows.values(*keys).annotate(**{name: every[name] for name in wanted}).order_by(*order))


@dataclass
class Figures:
    monthly: list[MonthTotal]
    sums: dict[str, Decimal]
    by_supplier: list[Breakdown]
    by_category: list[Breakdown]
    by_department: list[Breakdown]
    exclusions: list[tuple[str, Decimal]]
    districts: list[tuple[int, str, Decimal]]  # (organisation, supplier's postcode district, procurable spend)


def month_start(year: FinancialYear, number: int) -> date:
    """The first day of month `number` of the year, counted from April (1) to March (12)."""
    month = (number + 2) % 12 + 1
    return date(year.start_year + (month < 4), month, 1)


def _monthly(source, year: FinancialYear) -> tuple[list[MonthTotal], dict[str, Decimal]]:
    by_month = {row["month"]: row for row in source.grouped(Dimension.MONTH, ("month",))}
    sums = {field: sum((money(row[name]) for row in by_month.values()), Decimal("0.00"))
            for name, field in BLOCK_FIELDS.items()}
    monthly = []
    for number in range(1, 13):
        row = by_month.get(month_start(year, number), {})
        monthly.append(MonthTotal(month_start(year, number), money(row.get("total")), money(row.get("contracted"))))
    return monthly, sums


def _breakdown(source, dimension: str) -> list[Breakdown]:
    key, label, unnamed = _LABELS[dimension]
    rows = source.grouped(dimension, (key, label), wanted=("procurable_lines", "total", "contracted"),
                          order=("-total", label, key))
    return [Breakdown(row[key], row[label] or unnamed, money(row["total"]), money(row["contracted"]))
            for row in rows if row["procurable_lines"]]


def _exclusions(source) -> list[tuple[str, Decimal]]:
    amounts: dict[str, Decimal] = {}
    for row in source.grouped(Dimension.EXCLUSION, ("exclusion_rule__reason",),
                              wanted=("excluded_lines", "excluded")):
        if row["excluded_lines"]:
            reason = row["exclusion_rule__reason"] or REMOVED_RULE
            amounts[reason] = amounts.get(reason, Decimal("0.00")) + money(row["excluded"])
    return sorted(amounts.items(), key=lambda item: (-item[1], item[0]))


def read_figures(organisations, year: FinancialYear, filters: KpiFilters) -> Figures:
    """Every sum of the block, from the roll-ups when nothing is filtered, else from the summary."""
    if not (filters.department_ids or filters.category_ids or filters.supplier_ids):
        return figures_from(RollupSums(organisations, year), year)
    return figures_from(SummarySums(organisations, year, filters), year)


def figures_from(source: RollupSums | SummarySums, year: FinancialYear) -> Figures:
    monthly, sums = _monthly(source, year)
    districts = [(row["organisation_id"], row["district"], money(row["total"]))
                 for row in source.grouped(Dimension.SUPPLIER, ("organisation_id", "district"),
                                           wanted=("procurable_lines", "total")) if row["procurable_lines"]]
    return Figures(monthly=monthly, sums=sums, by_supplier=_breakdown(source, Dimension.SUPPLIER),
                   by_category=_breakdown(source, Dimension.CATEGORY),
                   by_department=_breakdown(source, Dimension.DEPARTMENT), exclusions=_exclusions(source),
                   districts=districts)
