from django.conf import settings
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.spend.choices import (
    Coverage,
    ExclusionKind,
    ImportStatus,
    PayeeReviewStatus,
    ReviewAction,
    ReviewRule,
    ReviewStatus,
    SavingType,
)


class SpendImport(BaseModel):
    """One finance file loaded (or refused): who, when, which file, what came of it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="spend_imports")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes")
    size_bytes = models.PositiveBigIntegerField(default=0)
    layout = models.CharField(max_length=100, blank=True, help_text="The layout recognised, e.g. 'LGA spend'")
    mapping = models.JSONField(default=dict, blank=True, help_text="Which column fed which field")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    lines = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    file_total = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True,
                                     help_text="The file's own total: its total row, or the sum of its amount column")
    file_total_source = models.CharField(max_length=100, blank=True)
    rejected = models.JSONField(default=list, blank=True, help_text="[{line, sheet, reason}] for every bad row")
    message = models.TextField(blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stored_file = models.CharField(max_length=500, blank=True, help_text="Where an uploaded file waits to be read")
    headers = models.JSONField(default=list, blank=True,
                               help_text="The column headings found, kept so a person can map an unrecognised layout")
    header_signature = models.CharField(max_length=64, blank=True,
                                        help_text="Hash of the normalised headings (the key of a saved mapping)")
    skipped = models.JSONField(default=list, blank=True,
                               help_text="[{line, sheet, reason}] for rows that are not payments (notes, totals)")
    payees_linked = models.PositiveIntegerField(default=0, help_text="Payee names matched to a known supplier")
    payees_new = models.PositiveIntegerField(default=0, help_text="Payee names added as new suppliers")
    payees_to_review = models.PositiveIntegerField(default=0, help_text="Payee names left for a person to decide")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "checksum"], condition=Q(status="completed"),
                                    name="spend_import_once_per_file"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def totals_agree(self) -> bool | None:
        if self.file_total is None or self.status != ImportStatus.COMPLETED:
            return None
        return self.file_total == self.total


class ColumnMapping(BaseModel):
    """A saved answer to 'which column is which' for one source's files."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="column_mappings")
    source_name = models.CharField(max_length=200, help_text="e.g. 'Ledger export' or 'Oracle AP report'")
    header_signature = models.CharField(max_length=64, db_index=True,
                                        help_text="Hash of the normalised headers this mapping was saved for")
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="{field: header}")

    class Meta:
        ordering = ["source_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "header_signature"], name="mapping_one_per_header_set"),
        ]

    def __str__(self) -> str:
        return self.source_name


class SpendLine(models.Model):
    """One payment line from a finance file, in pounds net of VAT; credits negative."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    spend_import = models.ForeignKey(SpendImport, on_delete=models.CASCADE, related_name="spend_lines")
    line_number = models.PositiveIntegerField(help_text="Row in the file (spreadsheet row number)")
    sheet = models.CharField(max_length=100, blank=True)
    payment_date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    irrecoverable_vat = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    transaction_reference = models.CharField(max_length=100, blank=True)
    invoice_reference = models.CharField(max_length=100, blank=True)
    payee_name = models.CharField(max_length=300)
    payee_normalised = models.CharField(max_length=300)
    payee_company_number = models.CharField(max_length=8, blank=True)
    payee_vat_number = models.CharField(max_length=20, blank=True)
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="spend_lines")
    expense_type = models.CharField(max_length=300, blank=True, help_text="The file's expense type or description")
    category_label = models.CharField(max_length=300, blank=True, help_text="The category as the file names it")
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    department_label = models.CharField(max_length=200, blank=True, help_text="The department as the file names it")
    department_code = models.CharField(max_length=50, blank=True, help_text="The cost centre code as the file gives it")
    department = models.ForeignKey("organisations.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    description = models.CharField(max_length=500, blank=True)
    coverage = models.CharField(max_length=25, choices=Coverage.choices, default=Coverage.UNDECIDED)
    contract = models.ForeignKey(
        "contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="spend_lines",
        help_text="The contract covering the line; when not covered, the contract whose rule failed, if any")
    exclusion_rule = models.ForeignKey(
        "spend.ExclusionRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        db_index=False, help_text="The rule that made the line non-procurable, when one did")

    class Meta:
        ordering = ["-payment_date", "id"]
        indexes = [
            models.Index(fields=["organisation", "payment_date"], name="spend_org_date_idx"),
            models.Index(fields=["organisation", "supplier", "payment_date"], name="spend_org_supplier_idx"),
            models.Index(fields=["organisation", "payee_normalised"], name="spend_org_payee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.payment_date:%d/%m/%Y} {self.payee_name} £{self.amount}"


class PayeeReview(BaseModel):
    """A payee name the import could not match with confidence, waiting for a person's decision."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    payee_name = models.CharField(max_length=300)
    payee_normalised = models.CharField(max_length=300)
    suggestions = models.JSONField(default=list, help_text="[{supplier_id, name, score}], best first")
    status = models.CharField(max_length=15, choices=PayeeReviewStatus.choices, default=PayeeReviewStatus.OPEN)
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    spend_import = models.ForeignKey(SpendImport, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="payee_reviews", help_text="The import that first met this name")

    class Meta:
        ordering = ["payee_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "payee_normalised"], condition=Q(status="open"),
                                    name="payee_review_one_open_per_name"),
        ]

    def __str__(self) -> str:
        return self.payee_name


class ExclusionRule(BaseModel):
    """Spend that is not procurable (salaries, pensions, taxes, grants, payments to other public bodies)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ExclusionKind.choices)
    value = models.CharField(max_length=300, blank=True, help_text="Text the expense type contains, for that kind")
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.CharField(max_length=300, help_text="Why this spend is not procurable, as shown beside totals")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "value"]

    def __str__(self) -> str:
        return self.reason


class ProcedureThreshold(BaseModel):
    """The organisation's contract procedure rules as data: from this value (net of VAT), this route."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200, help_text="e.g. 'Three written quotes'")
    from_value = models.DecimalField(max_digits=14, decimal_places=2)
    route = models.CharField(max_length=200, help_text="What the rules require from this value")
    effective_from = models.DateField()

    class Meta:
        ordering = ["effective_from", "from_value"]

    def __str__(self) -> str:
        return f"{self.name} from £{self.from_value:,.2f}"


class ReviewItem(BaseModel):
    """Off-contract spend that the review programme must act on."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=20, choices=ReviewRule.choices)
    key = models.CharField(max_length=200, help_text="What the item is about, stable between runs")
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    summary = models.CharField(max_length=500)
    amount = models.DecimalField(max_digits=16, decimal_places=2, help_text="Spend behind the item")
    window_starts_on = models.DateField()
    window_ends_on = models.DateField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    action = models.CharField(max_length=20, choices=ReviewAction.choices, default=ReviewAction.UNDECIDED)
    action_reason = models.TextField(blank=True, help_text="Required for an exemption")
    target_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)

    class Meta:
        ordering = ["status", "-amount"]
        constraints = [models.UniqueConstraint(fields=["organisation", "rule", "key"], name="review_item_unique")]

    def __str__(self) -> str:
        return self.summary


class Saving(BaseModel):
    """A saving procurement delivered, per procurement or contract."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="savings")
    saving_type = models.CharField(max_length=20, choices=SavingType.choices)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, help_text="What it would have cost, a year")
    baseline_description = models.TextField(blank=True, help_text="Where the baseline comes from")
    method = models.TextField(help_text="How the saving is worked out")
    is_finance_approved = models.BooleanField(default=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class SavingYear(BaseModel):
    """Projected and realised amounts of one saving in one financial year (named by its first year)."""

    saving = models.ForeignKey(Saving, on_delete=models.CASCADE, related_name="years")
    financial_year = models.PositiveSmallIntegerField(help_text="First calendar year: 2024 means 2024/25")
    projected = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    realised = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    realised_from_spend = models.BooleanField(default=False, help_text="Realised measured against spend lines")

    class Meta:
        ordering = ["saving", "financial_year"]
        constraints = [models.UniqueConstraint(fields=["saving", "financial_year"], name="saving_year_unique")]

    def __str__(self) -> str:
        return f"{self.saving} {self.financial_year}"


class SpendSummary(models.Model):
    """Spend lines added up per month, supplier, category, department, contract and coverage: what the KPI
    engine reads instead of the lines. Kept by spend.kpis.summary after imports and coverage decisions.

    Rows are not unique per combination (an import adds its own rows until they are compacted): read them
    with sums. Foreign keys are cleared as the lines' own are, so the sums keep following the lines.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month the lines were paid in")
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_index=False)
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_index=False)
    department = models.ForeignKey("organisations.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_index=False)
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_index=False)
    exclusion_rule = models.ForeignKey(ExclusionRule, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", db_index=False)
    coverage = models.CharField(max_length=25, choices=Coverage.choices)
    is_collaborative = models.BooleanField(
        db_default=False, help_text="On a contract let collaboratively or called off a public buying organisation's "
                                    "framework, when the rows were added up")
    is_ict = models.BooleanField(db_default=False, help_text="In the ProClass ICT branch")
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    sme_amount = models.DecimalField(max_digits=16, decimal_places=2,
                                     help_text="Part paid to suppliers classed as SMEs on the payment date")
    vcse_amount = models.DecimalField(max_digits=16, decimal_places=2,
                                      help_text="Part paid to suppliers classed as VCSEs on the payment date")
    line_count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "month"], name="spend_summary_org_month_idx"),
            models.Index(fields=["organisation", "supplier"], name="spend_summary_org_supplier_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.coverage} £{self.amount}"


class SpendRollup(models.Model):
    """One financial year of the spend summary added up one way at a time (by month, supplier, category,
    department or exclusion rule): what the KPI block reads when no filter is chosen. Kept by
    spend.kpis.rollups: a change adds the roll-up of the summary rows it adds and takes away that of the rows
    it removes, so rows are not unique per key until compacted: read them with sums."""

    class Dimension(models.TextChoices):
        MONTH = "month", "Month"
        SUPPLIER = "supplier", "Supplier"
        CATEGORY = "category", "Category"
        DEPARTMENT = "department", "Department"
        EXCLUSION = "exclusion", "Exclusion rule"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    financial_year = models.PositiveSmallIntegerField(help_text="First calendar year: 2024 means 2024/25")
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    month = models.DateField(null=True, blank=True)
    supplier = models.ForeignKey("suppliers.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_index=False)
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_index=False)
    department = models.ForeignKey("organisations.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_index=False)
    exclusion_rule = models.ForeignKey(ExclusionRule, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", db_index=False)
    procurable_lines = models.IntegerField()
    excluded_lines = models.IntegerField()
    total = models.DecimalField(max_digits=16, decimal_places=2, help_text="Procurable spend")
    contracted = models.DecimalField(max_digits=16, decimal_places=2)
    excluded = models.DecimalField(max_digits=16, decimal_places=2)
    sme = models.DecimalField(max_digits=16, decimal_places=2)
    vcse = models.DecimalField(max_digits=16, decimal_places=2)
    collaborative = models.DecimalField(max_digits=16, decimal_places=2)
    non_ict = models.DecimalField(max_digits=16, decimal_places=2)
    collaborative_non_ict = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["organisation", "financial_year", "dimension"],
                                name="spend_rollup_org_year_idx")]

    def __str__(self) -> str:
        return f"{self.financial_year} {self.dimension} £{self.total}"


class CoverageWatermark(models.Model):
    """How far coverage has followed the audit trail for one organisation: the last event taken into account."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    last_event_id = models.BigIntegerField(default=0)
    caught_up_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation} up to event {self.last_event_id}"
