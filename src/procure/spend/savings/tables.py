"""The savings register as a table (pages, CSV and XLSX alike)."""

import django_tables2 as tables

from procure.core.dates import FinancialYear
from procure.spend.choices import SavingType
from procure.spend.models import Saving
from procure.spend.tables import MoneyColumn, OrganisationTable


class SavingTable(OrganisationTable):
    title = tables.Column(verbose_name="Saving")
    saving_type = tables.Column(verbose_name="Type")
    contract = tables.Column(verbose_name="Contract", accessor="contract__reference",
                             order_by=("contract__reference",), default="")
    baseline = MoneyColumn(verbose_name="Baseline (a year)")
    projected_total = MoneyColumn(verbose_name="Projected")
    realised_total = MoneyColumn(verbose_name="Realised", default="")
    counted_total = MoneyColumn(verbose_name="Counted")
    is_finance_approved = tables.BooleanColumn(verbose_name="Finance approved", yesno="Yes,No")
    approved_on = tables.DateColumn(format="d/m/Y", verbose_name="Approved on", default="")

    class Meta:
        model = Saving
        fields = ("title", "saving_type", "contract", "baseline", "projected_total", "realised_total",
                  "counted_total", "is_finance_approved", "approved_on")
        order_by = ("-counted_total",)
        empty_text = "No savings match. Try removing a filter."

    def __init__(self, *args, year: FinancialYear | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        which = year.label if year else "all years"
        for name, label in (("projected_total", "Projected"), ("realised_total", "Realised"),
                            ("counted_total", "Counted")):
            self.columns[name].column.verbose_name = f"{label} ({which})"

    def render_title(self, record, value):
        return self.link("spend:saving_detail", record.pk, value)

    def value_title(self, value):
        return value

    def render_saving_type(self, value):
        return SavingType(value).label if value in SavingType.values else value

    def value_saving_type(self, value):
        return self.render_saving_type(value)

    def value_approved_on(self, value):
        return value or ""
