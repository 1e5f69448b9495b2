import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from procure.contracts.tables import MoneyColumn
from procure.sourcing.models import Tender


class TenderTable(tables.Table):
    reference = tables.Column()
    title = tables.Column()
    status = tables.Column()
    submission_deadline = tables.DateTimeColumn(format="j M Y H:i", verbose_name="Submission deadline")
    estimated_value_gross = MoneyColumn(verbose_name="Estimated value (incl. VAT)")

    class Meta:
        model = Tender
        fields = ("reference", "title", "status", "submission_deadline", "estimated_value_gross")
        order_by = ("-submission_deadline",)
        empty_text = "No tenders match. Try removing a filter."

    def __init__(self, *args, organisation_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_slug = organisation_slug

    def render_reference(self, record, value):
        url = reverse("sourcing:tender_detail", args=[self.organisation_slug, record.pk])
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def value_reference(self, value):
        return value
