"""Reads for the dashboard: the KPI block with what surrounds it, the lines behind each figure, suppliers to pick."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Round

from procure.contracts.models import Category
from procure.core.dates import FinancialYear
from procure.core.models import AuditEvent
from procure.core.money import PENNY, ZERO
from procure.organisations.models import Department, Organisation
from procure.reporting import rules
from procure.spend.kpis.selectors import KpiBlock, KpiFilters, kpi_block, kpi_lines
from procure.spend.models import SpendLine, SpendSummary
from procure.spend.review.selectors import review_progress
from procure.suppliers.matching import normalise_name
from procure.suppliers.models import PostcodeDistrict, Supplier

SUGGESTIONS = 10

MEASURES: dict[str, str] = {
    "total": "Total procurable spend",
    "excluded": "Non-procurable spend (excluded)",
    "contracted": "Contracted spend",
    "to_review": "Spend to review",
    "local_county": "Spend with suppliers in the county",
    "local_region": "Spend with suppliers in the region",
    "local_rest_of_region": "Spend with suppliers in the rest of the region",
    "local_elsewhere": "Spend with suppliers outside the region",
    "local_unknown": "Spend with suppliers of unknown location",
    "sme": "Spend with small and medium-sized enterprises (SMEs)",
    "vcse": "Spend with voluntary, community and social enterprises (VCSEs)",
    "collaborative": "Collaborative spend",
    "collaborative_non_ict": "Collaborative non-ICT spend",
    "non_ict": "Non-ICT spend",
    "category": "Spend in a category",
    "department": "Spend of a department",
    "supplier": "Spend with a supplier",
    "month": "Spend in a month",
}
KEYED_MEASURES = ("category", "department", "supplier", "month")
SPLIT_DISTRICTS = ("Where a supplier's postcode district lies partly in the area, the figure counts that part of "
                   "its spend, but every line is listed here: this total can differ from the figure.")
MEASURE_NOTES = {measure: SPLIT_DISTRICTS for measure in (
    "local_county", "local_region", "local_rest_of_region", "local_elsewhere")}
UNNAMED = {"category": "Spend without a category", "department": "Spend without a department",
           "supplier": "Spend with payees not matched to a supplier"}


@dataclass(frozen=True)
class Places:
    county: str
    region: str


@dataclass
class Dashboard:
    year: FinancialYear
    as_at: date
    filters: KpiFilters
    block: KpiBlock
    review: object
    places: Places


def spend_months(*, organisation: Organisation) -> tuple[date | None, date | None]:
    """The first and latest months with spend (None, None without spend), from the KPI summary."""
    found = SpendSummary.objects.filter(organisation=organisation).aggregate(first=Min("month"), latest=Max("month"))
    return found["first"], found["latest"]


def dashboard_years(*, organisation: Organisation, today: date) -> tuple[FinancialYear, list[FinancialYear]]:
    """The year the dashboard opens on (rules.default_year) and the years offered, newest first."""
    first, latest = spend_months(organisation=organisation)
    current = FinancialYear.containing(today)
    has_current = latest is not None and latest >= current.starts_on and first <= current.ends_on and (
        SpendSummary.objects.filter(organisation=organisation,
                                    month__range=(current.starts_on, current.ends_on)).exists())
    default = rules.default_year(today=today, latest_payment_on=latest, has_spend_this_year=has_current)
    return default, rules.years_offered(today=today, first_payment_on=first, latest_payment_on=latest)


def dashboard_version() -> str:
    """Changes whenever anything the dashboard shows may have changed: every service that changes spend,
    contracts, suppliers, reviews or savings writes to the audit trail, and every change of coverage
    replaces KPI summary rows (the bench's and the demo's bulk loads write no audit rows, but do add
    summary rows). Two index-only reads."""
    latest_event = AuditEvent.objects.aggregate(last=Max("id"))["last"]
    latest_summary = SpendSummary.objects.aggregate(last=Max("id"))["last"]
    return f"{latest_event}:{latest_summary}"


def dashboard_get(*, organisation: Organisation, year: FinancialYear, filters: KpiFilters, today: date
                  ) -> Dashboard:
    as_at = rules.as_at_for(year, today=today)
    block = kpi_block(organisations=[organisation], year=year, as_at=as_at, filters=filters)
    return Dashboard(year=year, as_at=as_at, filters=filters, block=block,
                     review=review_progress(organisation=organisation), places=places_of(organisation))


def places_of(organisation: Organisation) -> Places:
    """The names of the organisation's local county and region, from the postcode district table."""
    county_code, region_code = organisation.local_county_code, organisation.local_region_code
    names = PostcodeDistrict.objects.filter(Q(county_code=county_code) | Q(region_code=region_code)).aggregate(
        county=Max("county_name", filter=Q(county_code=county_code)),
        region=Max("region_name", filter=Q(region_code=region_code)))
    return Places(county=(county_code and names["county"]) or "The county",
                  region=(region_code and names["region"]) or "the region")


def department_choices(*, organisation: Organisation) -> QuerySet[Department]:
    return Department.objects.filter(organisation=organisation).order_by("name")


def category_choices(*, organisation: Organisation, year: FinancialYear) -> list[Category]:
    """Categories the organisation's spend in the year uses, with the categories above them (choosing one
    takes in everything under it), in the order of their paths."""
    used = (SpendSummary.objects.filter(organisation=organisation, category__isnull=False,
                                        month__range=(year.starts_on, year.ends_on))
            .order_by().values("category_id").distinct())
    categories = list(Category.objects.filter(pk__in=used))
    above = {(category.scheme, " > ".join(category.path.split(" > ")[:depth]))
             for category in categories if category.path for depth in range(1, category.path.count(" > ") + 1)}
    if above:
        condition = Q()
        for scheme, path in above:
            condition |= Q(scheme=scheme, path=path)
        categories += list(Category.objects.filter(condition).exclude(pk__in=[c.pk for c in categories]))
    return sorted(categories, key=lambda category: (category.path or category.name).lower())


def drilldown_lines(*, organisation: Organisation, year: FinancialYear, measure: str, key: int | None,
                    filters: KpiFilters) -> QuerySet[SpendLine]:
    """The lines behind one figure: the KPI engine's, or for the local chart's derived rows, their difference."""
    organisations = [organisation]

    def lines(name: str) -> QuerySet[SpendLine]:
        return kpi_lines(organisations=organisations, year=year, measure=name, filters=filters, key=key)

    if measure == "local_rest_of_region":
        chosen = lines("local_region").exclude(pk__in=lines("local_county").values("pk"))
    elif measure == "local_elsewhere":
        chosen = (lines("total").exclude(pk__in=lines("local_region").values("pk"))
                  .exclude(pk__in=lines("local_unknown").values("pk")))
    else:
        chosen = lines(measure)
    return chosen.select_related("supplier", "category", "department", "contract", "exclusion_rule")


def lines_count_and_total(lines: QuerySet[SpendLine]) -> tuple[int, Decimal]:
    """How many lines and their exact total, in one query (summed as whole pennies, as spend.selectors does)."""
    found = lines.order_by().aggregate(count=Count("id"),
                                       pennies=Sum(Round(F("amount") * 100), output_field=IntegerField()))
    pennies = found["pennies"]
    return found["count"], (Decimal(round(pennies)) / 100).quantize(PENNY) if pennies is not None else ZERO


def supplier_suggestions(*, organisation: Organisation, text: str, limit: int = SUGGESTIONS) -> list[Supplier]:
    """Suppliers whose name holds the words typed, those starting with them first."""
    wanted = normalise_name(text or "")
    if not wanted:
        return []
    starts = Case(When(normalised_name__startswith=wanted, then=Value(0)), default=Value(1),
                  output_field=IntegerField())
    return list(Supplier.objects.filter(organisation=organisation, normalised_name__contains=wanted)
                .annotate(starts=starts).order_by("starts", "name")[:limit])


def supplier_get(*, organisation: Organisation, supplier_id: int) -> Supplier | None:
    return Supplier.objects.filter(organisation=organisation, pk=supplier_id).first()


def supplier_choose(*, organisation: Organisation, text: str, supplier_id: int | None
                    ) -> tuple[Supplier | None, list[Supplier]]:
    """The supplier a filter names: the one picked if its name is still in the box, else the one
    whose name the text is (or the only one holding it). Returns (supplier, matches to choose from)."""
    if supplier_id is not None:
        picked = supplier_get(organisation=organisation, supplier_id=supplier_id)
        if picked is not None and normalise_name(picked.name) == normalise_name(text):
            return picked, []
    matches = supplier_suggestions(organisation=organisation, text=text)
    exact = [supplier for supplier in matches if supplier.normalised_name == normalise_name(text)]
    if len(exact) == 1:
        return exact[0], []
    if len(matches) == 1:
        return matches[0], []
    return None, matches


def measure_title(*, organisation: Organisation, measure: str, key: int | None, year: FinancialYear) -> str:
    """What a drill-down shows, in words: 'Spend in a category: Cleaning', 'Spend in a month: May 2024'."""
    label = MEASURES[measure]
    if measure not in KEYED_MEASURES:
        return label
    if key is None:
        return UNNAMED[measure]
    if measure == "month":
        month = 3 + key
        return f"{label}: {date(year.start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1):%B %Y}"
    names = {
        "category": Category.objects.filter(pk=key),
        "department": Department.objects.filter(organisation=organisation, pk=key),
        "supplier": Supplier.objects.filter(organisation=organisation, pk=key),
    }[measure]
    name = names.values_list("name", flat=True).first()
    return f"{label}: {name}" if name else f"{label}: none found"
