from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views import View
from django_tables2 import RequestConfig

from procure.organisations.mixins import OrganisationPermissionMixin
from procure.reporting import exports, panels, rules, selectors
from procure.reporting.params import dashboard_query
from procure.reporting.tables import CountedPaginator, DrilldownTable

LINES_PER_PAGE = 50
DASHBOARD_CACHE_SECONDS = 15 * 60


class _DashboardMixin(OrganisationPermissionMixin):
    permission = "spend.view"

    def query(self):
        return dashboard_query(self.request.GET, organisation=self.organisation, today=timezone.localdate())

    def links(self, query) -> panels.Links:
        return panels.Links(organisation_slug=self.organisation.slug, params=query.params())


class DashboardView(_DashboardMixin, View):
    """The KPI block, charts and tables. The page's content is rendered once per organisation, address, day
    and state of the data (selectors.dashboard_version), then served from the cache until any of them moves."""

    def get(self, request, org):
        key = rules.dashboard_cache_key(
            organisation_id=self.organisation.pk, path=request.path, params=request.GET.lists(),
            today=timezone.localdate(), version=selectors.dashboard_version())
        cached = cache.get(key)
        if cached is None:
            context = self.content_context()
            cached = {"content": render_to_string("reporting/_dashboard_content.html", context, request=request),
                      "year": context["dashboard"].year, "has_errors": bool(context["form"].errors)}
            cache.set(key, cached, DASHBOARD_CACHE_SECONDS)
        return render(request, "reporting/dashboard.html", {
            "organisation": self.organisation, "content": mark_safe(cached["content"]),  # noqa: S308
            "year": cached["year"], "has_errors": cached["has_errors"]})

    def content_context(self) -> dict:
        query = self.query()
        dashboard = selectors.dashboard_get(organisation=self.organisation, year=query.year,
                                            filters=query.filters, today=timezone.localdate())
        links = self.links(query)
        return dict(
            organisation=self.organisation, form=query.form, query=query, dashboard=dashboard, kpis=dashboard.block,
            links=links, figures=panels.figures(dashboard, links), exclusions=panels.exclusions(dashboard),
            panels=[panels.monthly_panel(dashboard, links), panels.category_panel(dashboard, links),
                    panels.local_panel(dashboard, links), panels.collaborative_panel(dashboard, links)],
            excluded_href=links.lines("excluded"),
            supplier_typed=query.supplier_text if query.supplier_matches else "",
            supplier_suggestions=[(supplier, links.dashboard(supplier=supplier.pk, supplier_name=supplier.name))
                                  for supplier in query.supplier_matches],
            review_href=links.page("spend:review_list"), savings_href=links.page("spend:saving_list"))


class DashboardExportView(_DashboardMixin, View):
    """The figures, each breakdown, the monthly trend and the lines behind the total, as one workbook."""

    def get(self, request, org):
        query = self.query()
        dashboard = selectors.dashboard_get(organisation=self.organisation, year=query.year,
                                            filters=query.filters, today=timezone.localdate())
        lines = exports.dashboard_lines(organisation=self.organisation, year=query.year, filters=query.filters)
        name = f"{self.organisation.slug}-dashboard-{query.year.start_year}.xlsx"
        return exports.dashboard_workbook_response(
            dashboard=dashboard, figures=panels.figures(dashboard, self.links(query)),
            filters_text=query.description(), lines=lines, file_name=name)


class DrilldownView(_DashboardMixin, View):
    """The lines behind one figure, sortable and paginated, with each line's coverage reason."""

    def get(self, request, org):
        query = self.query()
        measure, key = self.measure_and_key()
        lines = selectors.drilldown_lines(organisation=self.organisation, year=query.year, measure=measure,
                                          key=key, filters=query.filters)
        name = f"{self.organisation.slug}-{measure}-{query.year.start_year}"
        export = request.GET.get("_export")
        if export == "csv":
            return exports.lines_csv_response(lines, file_name=f"{name}.csv")
        if export == "xlsx":
            return exports.lines_workbook_response(lines, file_name=f"{name}.xlsx")
        count, total = selectors.lines_count_and_total(lines)
        table = DrilldownTable(lines, organisation_slug=self.organisation.slug)
        table.caption = "Lines behind the figure"
        RequestConfig(request, paginate={"per_page": LINES_PER_PAGE, "paginator_class": CountedPaginator,
                                         "count": count}).configure(table)
        links = self.links(query)
        return render(request, "reporting/drilldown.html", {
            "organisation": self.organisation, "query": query, "table": table, "links": links,
            "title": selectors.measure_title(organisation=self.organisation, measure=measure, key=key,
                                             year=query.year),
            "total": total, "back": links.dashboard(), "note": selectors.MEASURE_NOTES.get(measure, ""),
            "csv": f"?{links.query(measure=measure, key=key, _export='csv')}",
            "xlsx": f"?{links.query(measure=measure, key=key, _export='xlsx')}"})

    def measure_and_key(self) -> tuple[str, int | None]:
        measure = self.request.GET.get("measure", "")
        if measure not in selectors.MEASURES:
            raise Http404("There is no such figure")
        text = self.request.GET.get("key", "").strip()
        if not text:
            if measure == "month":
                raise Http404("Say which month: the address needs a key from 1 (April) to 12 (March)")
            return measure, None
        if not text.isdigit() or measure not in selectors.KEYED_MEASURES:
            raise Http404("There is no such figure")
        key = int(text)
        if measure == "month" and not 1 <= key <= 12:
            raise Http404("Months are numbered 1 (April) to 12 (March)")
        return measure, key


class SupplierSuggestionsView(_DashboardMixin, View):
    """Suppliers matching what has been typed, as links that apply the filter (fetched by htmx)."""

    def get(self, request, org):
        text = request.GET.get("supplier_name", "")
        suppliers = selectors.supplier_suggestions(organisation=self.organisation, text=text)
        params = {k: v for k, v in request.GET.items() if k in ("year", "department", "category") and v}
        links = panels.Links(organisation_slug=self.organisation.slug, params=params)
        return render(request, "reporting/_supplier_suggestions.html", {
            "suggestions": [(supplier, links.dashboard(supplier=supplier.pk, supplier_name=supplier.name))
                            for supplier in suppliers], "typed": text.strip()})
