import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from procure.contracts.tables import MoneyColumn
from procure.sourcing.models import ProcurementRequest


class RequestTable(tables.Table):
    reference = tables.Column()
    title = tables.Column(verbose_name="What is needed")
    department = tables.Column()
    status = tables.Column()
    suggested_route = tables.Column(verbose_name="Suggested route")
    estimated_value_gross = MoneyColumn(verbose_name="Estimated value (incl. VAT)")
    wanted_by = tables.DateColumn(format="j M Y")

    class Meta:
        model = ProcurementRequest
        fields = ("reference", "title", "department", "status", "suggested_route", "estimated_value_gross",
                  "wanted_by")
        order_by = ("-reference",)
        empty_text = "No needs match. Try removing a filter."

    def __init__(self, *args, organisation_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_slug = organisation_slug

    def render_reference(self, record, value):
        url = reverse("procurement_requests:request_detail", args=[self.organisation_slug, record.pk])
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def value_reference(self, value):
        return value
