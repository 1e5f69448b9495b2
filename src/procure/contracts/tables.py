import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.contracts.models import Contract, ContractImport, CpvCode
from procure.core.money import format_money


class MoneyColumn(tables.Column):
    """Shown as £1,234.56; exported to CSV and Excel as a plain number."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"th": {"class": "govuk-table__header--numeric"},
                                    "td": {"class": "govuk-table__cell--numeric"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_money(value)

    def value(self, value):
        return value


class ContractTable(tables.Table):
    caption = "Contracts"
    reference = tables.Column()
    title = tables.Column()
    supplier_names = tables.Column(accessor="pk", verbose_name="Suppliers", orderable=False)
    route = tables.Column(verbose_name="Route to market")
    status = tables.Column(verbose_name="Status", accessor="status")
    starts_on = tables.DateColumn(format="j M Y", verbose_name="Starts")
    final_ends_on = tables.DateColumn(format="j M Y", verbose_name="Ends (with extensions)")
    annual_value_net = MoneyColumn(verbose_name="Annual value (net)")
    total_value_net = MoneyColumn(verbose_name="Total value (net)")

    class Meta:
        model = Contract
        fields = ("reference", "title", "supplier_names", "route", "status", "starts_on", "final_ends_on",
                  "annual_value_net", "total_value_net")
        order_by = ("-starts_on",)
        empty_text = "No contracts match. Try removing a filter."

    def __init__(self, *args, organisation_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_slug = organisation_slug

    def render_reference(self, record, value):
        url = reverse("contracts:detail", args=[self.organisation_slug, record.pk])
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def value_reference(self, value):
        return value

    def render_supplier_names(self, record):
        return "; ".join(supplier.name for supplier in record.suppliers.all())

    def value_supplier_names(self, record):
        return self.render_supplier_names(record)

    def render_route(self, value):
        return RouteToMarket(value).label if value in RouteToMarket.values else value

    def render_status(self, value):
        return ContractStatus(value).label

    def value_route(self, value):
        return self.render_route(value)

    def value_status(self, value):
        return self.render_status(value)

    def value_starts_on(self, value):
        return value

    def value_final_ends_on(self, value):
        return value


class CpvTable(tables.Table):
    caption = "CPV 2008 codes"
    code = tables.Column(verbose_name="Code")
    description = tables.Column(verbose_name="Description")
    significant_digits = tables.Column(verbose_name="Level")

    class Meta:
        model = CpvCode
        fields = ("code", "description", "significant_digits")
        empty_text = "No CPV codes match. Try fewer words or fewer digits."

    def render_significant_digits(self, value):
        return {2: "Division", 3: "Group", 4: "Class", 5: "Category"}.get(value, "Sub-category")


class ContractImportTable(tables.Table):
    created_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="When")
    imported_by = tables.Column(verbose_name="Who", default="system")
    total = MoneyColumn(verbose_name="Total value (net)")

    class Meta:
        model = ContractImport
        fields = ("created_at", "imported_by", "file_name", "layout", "status", "lines", "created", "updated",
                  "unchanged", "total")
        orderable = False
