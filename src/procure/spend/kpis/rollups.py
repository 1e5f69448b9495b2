"""Rolling each financial year of the spend summary up by month, supplier, category, department and exclusion
rule (SpendRollup): a few thousand rows a year, whatever the number of lines, from which the unfiltered KPI
block is read. Each roll-up row carries every measure of DESIGN.md section 5, summed with the conditions the
lines are read with (spend.kpis.expressions), from flags the summary rows keep.

Roll-ups are additive: a change adds the roll-up of the summary rows it adds and takes away (adds with the
sign turned) that of the rows it removes, so its cost follows the size of the change, not of the year; the
years touched are then compacted to one row per key.
"""

from decimal import Decimal

from django.db.models import Case, F, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Round

from procure.core.dates import FinancialYear
from procure.spend.kpis import expressions as kpi
from procure.spend.kpis.sql import MONEY, insert_from
from procure.spend.models import SpendRollup, SpendSummary

Dimension = SpendRollup.Dimension
# What each dimension groups the summary by.
GROUPS: dict[str, tuple[str, ...]] = {
    Dimension.MONTH: ("month",), Dimension.SUPPLIER: ("supplier_id",), Dimension.CATEGORY: ("category_id",),
    Dimension.DEPARTMENT: ("department_id",), Dimension.EXCLUSION: ("exclusion_rule_id",),
}
KEYS = ("organisation_id", "financial_year", "dimension", "month", "supplier_id", "category_id", "department_id",
        "exclusion_rule_id")
COUNTS = ("procurable_lines", "excluded_lines")
AMOUNTS = ("total", "contracted", "excluded", "sme", "vcse", "collaborative", "non_ict", "collaborative_non_ict")


def _conditions() -> dict[str, tuple[str, Q]]:
    """Each measure: the summary field summed, and which rows count (KPI-1 to KPI-8)."""
    procurable = kpi.procurable()
    collaborative = kpi.contracted() & Q(is_collaborative=True)
    non_ict = Q(is_ict=False)
    return {"procurable_lines": ("line_count", procurable), "excluded_lines": ("line_count", ~procurable),
            "total": ("amount", procurable), "contracted": ("amount", kpi.contracted()),
            "excluded": ("amount", ~procurable), "sme": ("sme_amount", procurable),
            "vcse": ("vcse_amount", procurable), "collaborative": ("amount", collaborative),
            "non_ict": ("amount", procurable & non_ict), "collaborative_non_ict": ("amount", collaborative & non_ict)}


def measures(sign: int = 1) -> dict:
    """Every measure as a sum over summary rows (times `sign`), named as the roll-up's columns."""
    sums = {}
    for name, (field, condition) in _conditions().items():
        if name in COUNTS:
            sums[name] = Coalesce(Sum(field, filter=condition), Value(0)) * Value(sign)
        else:
            total = Coalesce(Sum(field, filter=condition), Value(Decimal(0), output_field=MONEY))
            sums[name] = Round(total * Value(Decimal(sign), output_field=MONEY), 2, output_field=MONEY)
    return sums


def _financial_year():
    """The financial year (its first calendar year) of a summary row's month."""
    return Case(When(month__month__gte=4, then=ExtractYear("month")), default=ExtractYear("month") - 1,
                output_field=IntegerField())


def rollups_add(rows: QuerySet[SpendSummary], *, sign: int = 1) -> None:
    """Add the roll-up of these summary rows (sign 1), or take it away (sign -1)."""
    for dimension, fields in GROUPS.items():
        grouped = (rows.order_by().annotate(financial_year=_financial_year(), dimension_name=Value(str(dimension)))
                   .values("organisation_id", "financial_year", "dimension_name", *fields)
                   .annotate(**measures(sign)))
        insert_from(SpendRollup, grouped, renamed={"dimension_name": "dimension"})


def rollups_compact(*, organisation_id: int, years) -> None:
    """Merge the roll-up rows of these years to one per key, dropping keys left with nothing."""
    for start_year in sorted(set(years)):
        rows = SpendRollup.objects.filter(organisation_id=organisation_id, financial_year=start_year).order_by()
        last = rows.aggregate(last=Max("id"))["last"]
        if last is None:
            continue
        old = rows.filter(id__lte=last)
        merged = (old.values(*KEYS).annotate(**{f"sum_{name}": Sum(name) for name in (*COUNTS, *AMOUNTS)})
                  .exclude(**{f"sum_{name}": 0 for name in COUNTS}))
        insert_from(SpendRollup, merged, renamed={f"sum_{name}": name for name in (*COUNTS, *AMOUNTS)})
        old.delete()


def rollup_rows(organisations, year: FinancialYear, dimension: str) -> QuerySet[SpendRollup]:
    return SpendRollup.objects.filter(organisation__in=organisations, financial_year=year.start_year,
                                      dimension=dimension).order_by()


def district_of_supplier():
    """The rolled-up supplier's postcode district, read through the supplier ('' without one)."""
    return Coalesce(F("supplier__postcode_district"), Value(""))
