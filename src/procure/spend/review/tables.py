"""Tables of the review programme: review items, the lines behind one, and the procedure thresholds."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from procure.spend.models import ProcedureThreshold, ReviewItem
from procure.spend.tables import MoneyColumn, OrganisationTable, SpendLineTable

try:
    from procure.spend.coverage.rules import coverage_reason
except ImportError:  # the coverage engine's wording, when it is installed; its label otherwise
    coverage_reason = None


def line_reason(line) -> str:
    """Why a line is off contract, in words."""
    if coverage_reason is not None:
        return coverage_reason(line)
    return line.get_coverage_display()


class ReviewItemTable(OrganisationTable):
    summary = tables.Column(verbose_name="Item")
    rule = tables.Column(verbose_name="Rule")
    amount = MoneyColumn(verbose_name="Spend in 12 months")
    owner = tables.Column(verbose_name="Owner", default="No one yet", order_by=("owner__first_name",
                                                                                 "owner__username"))
    action = tables.Column(verbose_name="Planned action")
    target_on = tables.DateColumn(format="d/m/Y", verbose_name="Target date", default="")
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = ReviewItem
        fields = ("summary", "rule", "amount", "owner", "action", "target_on", "status")
        order_by = ("-amount",)

    def render_summary(self, record, value):
        return self.link("spend:review_detail", record.pk, value)

    def value_summary(self, value):
        return value


class ReviewLineTable(SpendLineTable):
    reason = tables.Column(verbose_name="Why off contract", empty_values=(), orderable=False)

    class Meta(SpendLineTable.Meta):
        fields = ("payment_date", "payee_name", "supplier", "expense_type", "category", "department",
                  "transaction_reference", "amount", "reason", "spend_import")

    def render_reason(self, record):
        return line_reason(record)

    value_reason = render_reason


class ProcedureThresholdTable(OrganisationTable):
    effective_from = tables.DateColumn(format="d/m/Y", verbose_name="Rules from")
    name = tables.Column(verbose_name="Threshold")
    from_value = MoneyColumn(verbose_name="From (net of VAT)")
    route = tables.Column(verbose_name="What the rules require")
    standing = tables.Column(verbose_name="Status", empty_values=(), orderable=False)
    change = tables.Column(verbose_name="Change", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = ProcedureThreshold
        fields = ("effective_from", "name", "from_value", "route", "standing", "change")

    def render_standing(self, record):
        if record.in_force_from is None or record.effective_from > record.in_force_from:
            return "Starts later"
        return "In force" if record.effective_from == record.in_force_from else "Replaced"

    value_standing = render_standing

    def render_change(self, record):
        slug, which = self.organisation_slug, f"{record.name} from {record.effective_from:%d/%m/%Y}"
        return format_html(
            '<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {}</span></a> '
            '<a class="govuk-link" href="{}">End<span class="govuk-visually-hidden"> {}</span></a>',
            reverse("spend:threshold_edit", args=[slug, record.pk]), which,
            reverse("spend:threshold_end", args=[slug, record.pk]), which)
