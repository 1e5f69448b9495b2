import django_tables2 as tables
from django.core.paginator import Paginator

from procure.reporting.reasons import line_reason
from procure.spend.models import SpendLine
from procure.spend.tables import NOT_LINKED, MoneyColumn, OrganisationTable


class DrilldownTable(OrganisationTable):
    """The lines behind a figure, each with why it is on or off contract."""

    payment_date = tables.DateColumn(format="d/m/Y", verbose_name="Paid")
    payee_name = tables.Column(verbose_name="Payee")
    supplier = tables.Column(verbose_name="Supplier", order_by=("supplier__name",), empty_values=())
    category = tables.Column(verbose_name="Category", empty_values=(), order_by=("category__name", "category_label"))
    department = tables.Column(verbose_name="Department", empty_values=(),
                               order_by=("department__name", "department_label"))
    amount = MoneyColumn(verbose_name="Amount")
    coverage = tables.Column(verbose_name="On or off contract, and why", empty_values=())
    contract = tables.Column(verbose_name="Contract", order_by=("contract__reference",), empty_values=())

    class Meta:
        model = SpendLine
        fields = ("payment_date", "payee_name", "supplier", "category", "department", "amount", "coverage",
                  "contract")
        order_by = ("-payment_date",)

    def render_supplier(self, record):
        if record.supplier_id is None:
            return NOT_LINKED
        return self.link("suppliers:detail", record.supplier_id, record.supplier.name)

    def render_category(self, record):
        return record.category.name if record.category_id else record.category_label

    def render_department(self, record):
        return record.department.name if record.department_id else record.department_label

    def render_coverage(self, record):
        return line_reason(record)

    def render_contract(self, record):
        if record.contract_id is None:
            return "None"
        return self.link("contracts:detail", record.contract_id, record.contract.reference)


class CountedPaginator(Paginator):
    """A paginator told how many lines there are (counted with their total in one query)."""

    def __init__(self, object_list, per_page, *args, count: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self._count = count

    @property
    def count(self) -> int:
        return self._count
