import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from procure.suppliers.choices import SupplierSize
from procure.suppliers.models import Supplier

SHORT_SIZES = {SupplierSize.MICRO: "Micro", SupplierSize.SMALL: "Small", SupplierSize.MEDIUM: "Medium",
               SupplierSize.LARGE: "Large", SupplierSize.SME: "SME", SupplierSize.UNKNOWN: "Not known"}


def _yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known")


class SupplierTable(tables.Table):
    """The supplier register. Cells read as words on the page; the export keeps the raw values."""

    id = tables.Column(verbose_name="Supplier ID", visible=False)
    name = tables.Column(verbose_name="Legal name")
    companies_house_number = tables.Column(verbose_name="Company number")
    charity_number = tables.Column(verbose_name="Charity number", visible=False)
    town = tables.Column()
    postcode = tables.Column()
    current_size = tables.Column(verbose_name="Size band", default="Not known")
    current_is_vcse = tables.Column(verbose_name="VCSE", default="Not known")
    is_living_wage_accredited = tables.Column(verbose_name="Living Wage")
    is_verified = tables.Column(verbose_name="Verified")
    source = tables.Column(visible=False)
    vat_number = tables.Column(verbose_name="VAT number", visible=False)
    address_line_1 = tables.Column(visible=False)
    address_line_2 = tables.Column(visible=False)
    postcode_district = tables.Column(visible=False)
    living_wage_accredited_on = tables.Column(visible=False)
    is_public_body = tables.Column(visible=False)

    class Meta:
        model = Supplier
        fields = ("id", "name", "companies_house_number", "charity_number", "town", "postcode", "current_size",
                  "current_is_vcse", "is_living_wage_accredited", "is_verified", "source")
        order_by = ("name",)
        empty_text = "No suppliers match. Try removing a filter or changing the search."

    def __init__(self, *args, organisation_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_slug = organisation_slug

    def render_name(self, record, value):
        url = reverse("suppliers:detail", args=[self.organisation_slug, record.pk])
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def render_current_size(self, value):
        return SHORT_SIZES.get(value, "Not known")

    def render_current_is_vcse(self, value):
        return _yes_no(value)

    def render_is_living_wage_accredited(self, value):
        return _yes_no(value)

    def render_is_verified(self, value):
        return _yes_no(value)

    def render_is_public_body(self, value):
        return _yes_no(value)

    def value_name(self, value):
        return value

    def value_current_size(self, value):
        return value

    def value_current_is_vcse(self, value):
        return value

    def value_is_living_wage_accredited(self, value):
        return value

    def value_is_verified(self, value):
        return value

    def value_is_public_body(self, value):
        return value

    def value_source(self, record):
        return record.source

    def value_living_wage_accredited_on(self, value):
        return value.isoformat() if value else ""
