"""What the dashboard page shows, arranged from the KPI block: figures with their drill-down addresses,
and each chart with the rows of the table beside it."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from procure.reporting import charts, rules
from procure.reporting.charts import Chart
from procure.reporting.rules import Share
from procure.reporting.selectors import Dashboard


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal | int | None
    pct: Decimal | None = None
    href: str = ""
    is_money: bool = True
    note: str = ""
    has_pct: bool = True
    more_href: str = ""
    more_label: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    amount: Decimal
    pct: Decimal | None = None
    href: str = ""
    contracted: Decimal | None = None
    note: str = ""


@dataclass
class Panel:
    chart: Chart
    rows: list[Row]
    caption: str
    label_heading: str
    pct_heading: str = "Share of total"
    show_contracted: bool = False
    intro: str = ""


class Links:
    """Addresses of drill-downs and exports, carrying the year and the filters in force."""

    def __init__(self, *, organisation_slug: str, params: dict[str, str]):
        self.slug = organisation_slug
        self.params = params

    def query(self, **extra) -> str:
        return urlencode({**self.params, **{k: v for k, v in extra.items() if v is not None}})

    def lines(self, measure: str, key: int | None = None) -> str:
        return f"{reverse('reporting:drilldown', args=[self.slug])}?{self.query(measure=measure, key=key)}"

    def dashboard(self, **extra) -> str:
        return f"{reverse('reporting:dashboard', args=[self.slug])}?{self.query(**extra)}"

    def export(self) -> str:
        return f"{reverse('reporting:export', args=[self.slug])}?{self.query()}"

    def page(self, name: str, query: str = "") -> str:
        return reverse(name, args=[self.slug]) + (f"?{query}" if query else "")


def figures(dashboard: Dashboard, links: Links) -> list[Figure]:
    block, places = dashboard.block, dashboard.places
    live, extended = (contracts_register(dashboard, links, status) for status in ("live", "extended"))
    return [
        Figure("Total procurable spend", block.total_spend, href=links.lines("total"), has_pct=False),
        Figure("Contracted spend (compliance)", block.contracted_spend, block.compliance_pct,
               links.lines("contracted")),
        Figure("Spend to review", block.spend_to_review, rules.percentage(block.spend_to_review, block.total_spend),
               links.lines("to_review")),
        Figure("Contracts managed by procurement", block.contracts_managed, href=live, is_money=False,
               note=f"Live on {dashboard.as_at:%d/%m/%Y}, counting extensions", has_pct=False, more_href=extended,
               more_label="Those in an extension"),
        Figure(f"Local spend: {places.county}", block.local_spend_county, block.local_spend_pct_county,
               links.lines("local_county")),
        Figure(f"Local spend: {places.region}", block.local_spend_region, block.local_spend_pct_region,
               links.lines("local_region")),
        Figure("Suppliers of unknown location", block.local_unknown_spend,
               rules.percentage(block.local_unknown_spend, block.total_spend), links.lines("local_unknown"),
               note="No usable postcode: not counted as local"),
        Figure("SME spend", block.sme_spend, block.sme_spend_pct, links.lines("sme")),
        Figure("VCSE spend", block.vcse_spend, block.vcse_spend_pct, links.lines("vcse")),
        Figure("Collaborative spend", block.collaborative_spend, block.collaborative_spend_pct,
               links.lines("collaborative")),
        Figure("Non-ICT spend", block.non_ict_spend, rules.percentage(block.non_ict_spend, block.total_spend),
               links.lines("non_ict")),
        Figure("Collaborative non-ICT spend (national measure)", block.collaborative_non_ict_spend,
               block.collaborative_non_ict_pct, links.lines("collaborative_non_ict"),
               note="Share of non-ICT spend"),
    ]


def contracts_register(dashboard: Dashboard, links: Links, status: str) -> str:
    """The contracts register showing the contracts managed by procurement with a status on the as-at date,
    narrowed as the dashboard is: the live ones and those in an extension together make up the figure."""
    filters = dashboard.filters
    narrowed = {name: ids[0] for name, ids in (("department", filters.department_ids),
                                                ("category", filters.category_ids),
                                                ("supplier", filters.supplier_ids)) if ids}
    return links.page("contracts:list", urlencode({
        "status": status, "status_on": f"{dashboard.as_at:%d/%m/%Y}", "managed_by_procurement": "true", **narrowed}))


def exclusions(dashboard: Dashboard) -> list[Row]:
    return [Row(label=reason, amount=amount) for reason, amount in dashboard.block.exclusions]


def monthly_panel(dashboard: Dashboard, links: Links) -> Panel:
    months = list(dashboard.block.monthly)
    rows = [Row(label=charts.month_label(month.month), amount=month.amount, contracted=month.contracted,
                pct=rules.percentage(month.contracted, month.amount), href=links.lines("month", index))
            for index, month in enumerate(months, start=1)]
    return Panel(chart=charts.monthly_chart(months, year_label=dashboard.year.label), rows=rows,
                 caption=f"Spend and contracted spend by month, {dashboard.year.label}", label_heading="Month",
                 pct_heading="Compliance", show_contracted=True)


def category_panel(dashboard: Dashboard, links: Links) -> Panel:
    shares = rules.top_with_other(dashboard.block.by_category, total=dashboard.block.total_spend)
    rows = [_row(share, links) for share in shares]
    summary = ", ".join(f"{row.label} {row.pct}%" for row in rows[:3] if row.pct is not None)
    label = (f"Bar chart of spend by category in {dashboard.year.label}, largest first"
             + (f": {summary}" if summary else ": no spend") + ". The table beside it gives every figure.")
    series = ["spend"] * len(rows)
    if shares and not shares[-1].measure:
        series[-1] = "other"
    return Panel(chart=charts.bar_chart(shares, chart_id="chart-category", label=label, series=series),
                 rows=rows, caption=f"Spend by category, {dashboard.year.label}", label_heading="Category",
                 show_contracted=True, intro=f"The {rules.TOP_CATEGORIES} largest categories, and the rest together.")


def local_panel(dashboard: Dashboard, links: Links) -> Panel:
    block, places = dashboard.block, dashboard.places
    shares = rules.local_split(total=block.total_spend, county=block.local_spend_county,
                               region=block.local_spend_region, unknown=block.local_unknown_spend,
                               county_name=places.county, region_name=places.region)
    rows = [_row(share, links) for share in shares]
    label = ("Bar chart of local spend: " + "; ".join(
        f"{row.label} {row.pct if row.pct is not None else 0}%" for row in rows)
        + ". The table beside it gives every figure.")
    return Panel(chart=charts.bar_chart(shares, chart_id="chart-local", label=label,
                                        series=["county", "region", "elsewhere", "unknown"]),
                 rows=rows, caption=f"Local spend against not, {dashboard.year.label}",
                 label_heading="Where the supplier is",
                 intro="By the postcode of each supplier. Suppliers without a usable postcode are not counted "
                       "as local.")


def collaborative_panel(dashboard: Dashboard, links: Links) -> Panel:
    block = dashboard.block
    rows = [
        Row("Collaborative non-ICT spend", block.collaborative_non_ict_spend, block.collaborative_non_ict_pct,
            links.lines("collaborative_non_ict"), note="of non-ICT spend"),
        Row("Non-ICT spend", block.non_ict_spend, rules.percentage(block.non_ict_spend, block.total_spend),
            links.lines("non_ict"), note="of total spend"),
        Row("Collaborative spend, all", block.collaborative_spend, block.collaborative_spend_pct,
            links.lines("collaborative"), note="of total spend"),
    ]
    chart = charts.trajectory_chart(non_ict_pct=block.collaborative_non_ict_pct,
                                    overall_pct=block.collaborative_spend_pct)
    return Panel(chart=chart, rows=rows, caption=f"Collaborative spend against the national trajectory, "
                 f"{dashboard.year.label}", label_heading="Measure", pct_heading="Percentage",
                 intro=rules.trajectory_standing(block.collaborative_non_ict_pct) + " The national aim is 50–60% "
                 "of non-ICT spend through collaborative contracts after 18 months, 75–80% after three years, "
                 "and 80% in the end.")


def _row(share: Share, links: Links) -> Row:
    href = links.lines(share.measure, share.key) if share.measure else ""
    return Row(label=share.label, amount=share.amount, pct=share.pct, href=href, contracted=share.contracted,
               note=share.note)
