import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from procure.core.money import format_money, money_str
from procure.spend.models import PayeeReview, SpendImport, SpendLine

NOT_LINKED = mark_safe('<strong class="govuk-tag govuk-tag--yellow">Not linked</strong>')
NUMERIC = {"th": {"class": "govuk-table__header--numeric"}, "td": {"class": "govuk-table__cell--numeric"}}


def money_cell(amount) -> str:
    if amount is None:
        return ""
    if amount < 0:
        return format_html('<span class="procure-credit">{}</span> <strong class="govuk-tag govuk-tag--grey">'
                           "Credit</strong>", format_money(amount))
    return format_money(amount)


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMERIC)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money_cell(value)

    def value(self, value):
        return money_str(value) if value is not None else ""


class OrganisationTable(tables.Table):
    """A table whose links need the organisation's slug (given once, not read from every row).
    """

    def __init__(self, *args, organisation_slug: str = "", **kwargs):
        self.organisation_slug = organisation_slug
        super().__init__(*args, **kwargs)

    def link(self, name: str, pk: int, text: str) -> str:
        return format_html('<a class="govuk-link" href="{}">{}</a>', reverse(name, args=[self.organisation_slug, pk]),
                           text)


class SpendLineTable(OrganisationTable):
    payment_date = tables.DateColumn(format="d/m/Y", verbose_name="Paid")
    payee_name = tables.Column(verbose_name="Payee")
    supplier = tables.Column(verbose_name="Supplier", order_by=("supplier__name",), empty_values=())
    expense_type = tables.Column(verbose_name="Expense type")
    category = tables.Column(verbose_name="Category", empty_values=(), order_by=("category__name", "category_label"))
    department = tables.Column(verbose_name="Department", empty_values=(),
                               order_by=("department__name", "department_label"))
    transaction_reference = tables.Column(verbose_name="Reference")
    amount = MoneyColumn(verbose_name="Amount")
    spend_import = tables.Column(verbose_name="Import", accessor="spend_import__file_name")

    class Meta:
        model = SpendLine
        fields = ("payment_date", "payee_name", "supplier", "expense_type", "category", "department",
                  "transaction_reference", "amount", "spend_import")
        order_by = ("-payment_date",)

    def render_supplier(self, record):
        if record.supplier_id is None:
            return NOT_LINKED
        return self.link("suppliers:detail", record.supplier_id, record.supplier.name)

    def value_supplier(self, record):
        return record.supplier.name if record.supplier_id else ""

    def render_category(self, record):
        return record.category.name if record.category_id else record.category_label

    value_category = render_category

    def render_department(self, record):
        return record.department.name if record.department_id else record.department_label

    value_department = render_department


class SpendImportTable(OrganisationTable):
    created_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="When")
    file_name = tables.Column(verbose_name="File")
    status = tables.Column(verbose_name="Status")
    lines = tables.Column(verbose_name="Lines", attrs=NUMERIC)
    total = MoneyColumn(verbose_name="Total")
    totals_agree = tables.Column(verbose_name="Agrees with the file's total", orderable=False, empty_values=())
    uploaded_by = tables.Column(verbose_name="By", default="System")

    class Meta:
        model = SpendImport
        fields = ("created_at", "file_name", "status", "lines", "total", "totals_agree", "uploaded_by")

    def render_file_name(self, record, value):
        return self.link("spend:import_detail", record.pk, value)

    def value_file_name(self, value):
        return value

    def render_totals_agree(self, record):
        return {True: "Yes", False: "No"}.get(record.totals_agree, "Not applicable")

    value_totals_agree = render_totals_agree


class PayeeReviewTable(OrganisationTable):
    payee_name = tables.Column(verbose_name="Payee name")
    line_count = tables.Column(verbose_name="Lines", attrs=NUMERIC)
    line_total = MoneyColumn(verbose_name="Total")
    suggestions = tables.Column(verbose_name="Suggested suppliers", orderable=False, empty_values=())
    status = tables.Column(verbose_name="Status")
    supplier = tables.Column(verbose_name="Decided", default="")

    class Meta:
        model = PayeeReview
        fields = ("payee_name", "line_count", "line_total", "suggestions", "status", "supplier")

    def render_payee_name(self, record, value):
        return self.link("spend:payee_review_detail", record.pk, value)

    def value_payee_name(self, value):
        return value

    def render_suggestions(self, value):
        return "; ".join(f"{item['name']} ({item['score']:.0f}%)" for item in value[:3]) or "None"

    value_suggestions = render_suggestions
